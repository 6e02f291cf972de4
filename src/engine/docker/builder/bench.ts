/**
 * Bench figure: a 30-instruction Dockerfile built cold, then again from the cache. Returns the
 * wall (CPU) ms of each; simulated time (apt, pulls) costs nothing here because the world's clock is
 * virtual. Targets: < 50 ms cold, < 10 ms cached.
 */
import type { Kernel } from '../../runtime/kernel';
import type { MemFs } from '../../fs/memfs';
import type { DockerDaemon } from '../daemon';
import { build, type BuildResult } from './builder';

/** What the bench needs of a headless world (a DockyardSession from src/node/host has it all). */
export interface BenchWorld {
  docker(): Promise<DockerDaemon>;
  readonly kernel: Kernel;
  readonly rootFs: MemFs;
  settle(until: () => boolean): Promise<boolean>;
}

/** The Dockerfile: 30 instructions, ten of them RUN and COPY steps. */
export function benchDockerfile(): string {
  const lines = ['FROM alpine', 'WORKDIR /app', 'ENV MODE=bench'];
  for (let i = 0; i < 9; i++) lines.push(`RUN echo step ${i} > /app/step${i}.txt`, `COPY file${i}.txt /app/`, `LABEL n${i}=${i}`);
  lines.push('CMD ["cat", "/app/step0.txt"]');
  return `${lines.join('\n')}\n`;
}

export async function benchBuild(makeWorld: () => BenchWorld, now: () => number): Promise<{ coldMs: number; cachedMs: number }> {
  const w = makeWorld();
  const daemon = await w.docker();
  const dir = '/root/bench';
  w.rootFs.mkdir(dir, { recursive: true });
  w.rootFs.writeFile(`${dir}/Dockerfile`, benchDockerfile());
  for (let i = 0; i < 9; i++) w.rootFs.writeFile(`${dir}/file${i}.txt`, `content ${i}\n`.repeat(20));
  const once = async (): Promise<number> => {
    let result: BuildResult | undefined;
    const t0 = now();
    void build(daemon, {
      kernel: w.kernel,
      sleep: (ms) => new Promise((r) => w.kernel.clock.schedule(ms, r)),
      contextFs: w.rootFs,
      contextDir: dir,
      tags: ['bench'],
    }).then((r) => (result = r));
    await w.settle(() => result !== undefined);
    const ms = now() - t0;
    if (!result?.ok) throw new Error(`build bench: the build failed: ${result ? result.message : 'did not finish'}`);
    return ms;
  };
  const coldMs = await once();
  const cachedMs = await once();
  return { coldMs, cachedMs };
}
