/**
 * Bench figure: `docker ps -a` over 1,000 containers. Creates them on a headless session's
 * daemon, then times `docker ps -a` (formatting included): one warm-up call (the JIT compiles the
 * hot paths, as after a learner's first minute), then the median of five. Target: < 20 ms.
 */
import type { DockerDaemon } from '../../engine/docker/daemon';
import { psOutput } from './containers';

/**
 * `makeDaemon` gives a daemon with `image` pulled or built (the bench in src/node does this with a
 * node session); `now` is a wall clock in ms (performance.now in Node).
 */
export async function benchDockerPs(makeDaemon: () => Promise<{ daemon: DockerDaemon; image: string; clockNow: () => number }>, now: () => number): Promise<number> {
  const { daemon, image, clockNow } = await makeDaemon();
  for (let i = 0; i < 1000; i++) daemon.createContainer({ image, cmd: ['sleep', '1000'], labels: { n: String(i) } });
  const opts = { quiet: false, size: false, all: true, noTrunc: false, latest: false, last: -1, format: '', filter: [] };
  const times: number[] = [];
  for (let run = 0; run < 6; run++) {
    const t0 = now();
    const out = psOutput(daemon, clockNow(), opts);
    const ms = now() - t0;
    if (typeof out !== 'string' || out.split('\n').length < 1001) throw new Error('docker ps -a bench: wrong output');
    if (run > 0) times.push(ms);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
