/**
 * Runs the commands in a small world for tests: a kernel, a clock at DEFAULT_EPOCH, a file system
 * with /etc/passwd, /etc/group, a learner's home and /usr/bin markers for every program.
 */
import { Clock, DEFAULT_EPOCH } from '../../../engine/core/clock';
import type { FileSystem } from '../../../engine/fs/types';
import { Kernel, type Credentials } from '../../../engine/runtime/kernel';
import { executableContents, type ProgramInfo } from '../../../engine/runtime/programs';
import { Pty } from '../../../engine/runtime/pty';
import { bytesReader, CollectingWriter, nullReader, type ReadStream, type WriteStream } from '../../../engine/runtime/streams';
import { coreutils } from '../index';
import { MemFs } from '../../../engine/fs/memfs';

export const LEARNER: Credentials = { uid: 1000, gid: 1000, groups: [1000, 27, 999] };

export interface World {
  readonly clock: Clock;
  readonly kernel: Kernel;
  /** Root's view of the tree. */
  readonly fs: FileSystem;
}

export const PASSWD = [
  'root:x:0:0:root:/root:/bin/bash',
  'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin',
  'bin:x:2:2:bin:/bin:/usr/sbin/nologin',
  'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin',
  'learner:x:1000:1000:Learner,,,:/home/learner:/bin/bash',
  '',
].join('\n');

export const GROUP = ['root:x:0:', 'daemon:x:1:', 'bin:x:2:', 'sudo:x:27:learner', 'docker:x:999:learner', 'nogroup:x:65534:', 'learner:x:1000:', ''].join('\n');

export function makeWorld(files: Record<string, string> = {}, extra: readonly ProgramInfo[] = [], start = DEFAULT_EPOCH): World {
  const clock = new Clock({ now: start });
  const kernel = new Kernel(clock, undefined, 100);
  const fs = new MemFs(clock);
  for (const d of ['/bin', '/usr/bin', '/etc', '/tmp', '/root', '/home/learner', '/dev']) fs.mkdir(d, { recursive: true });
  fs.chmod('/tmp', 0o1777);
  fs.chown('/home/learner', 1000, 1000);
  fs.writeFile('/etc/passwd', PASSWD);
  fs.writeFile('/etc/group', GROUP);
  fs.writeFile('/etc/hostname', 'dockyard\n');
  for (const p of [...coreutils, ...extra]) {
    kernel.programs.register(p);
    fs.writeFile(`/usr/bin/${p.name}`, executableContents(p.name), { mode: 0o755 });
  }
  for (const [path, content] of Object.entries(files)) {
    const dir = path.slice(0, path.lastIndexOf('/')) || '/';
    fs.mkdir(dir, { recursive: true });
    fs.writeFile(path, content);
  }
  return { clock, kernel, fs };
}

export interface RunOptions {
  stdin?: string | ReadStream;
  cwd?: string;
  env?: Record<string, string>;
  /** Run as the learner (default) or root. */
  user?: 'learner' | 'root';
  /** Give the process a terminal as stdout, of this many columns. */
  tty?: number;
  /** Where stdout goes instead of a collecting writer (out is then ''). */
  stdout?: WriteStream;
  /** Send stderr to the same place as stdout (2>&1), to keep their order. */
  merge?: boolean;
  /** Ends the run early: called with the process right after it starts. */
  during?: (w: World) => Promise<void> | void;
}

export interface RunResult {
  readonly out: string;
  readonly err: string;
  readonly status: number;
  readonly signal?: string;
}

export const BASE_ENV: Record<string, string> = {
  PATH: '/usr/local/bin:/usr/bin:/bin',
  HOME: '/home/learner',
  USER: 'learner',
  LOGNAME: 'learner',
  SHELL: '/bin/bash',
  LANG: 'C.UTF-8',
  TERM: 'xterm-256color',
};

class TtyWriter implements WriteStream {
  readonly isTTY = true;
  readonly inner = new CollectingWriter();
  write(data: Uint8Array | string): Promise<void> {
    return this.inner.write(data);
  }
  close(): void {}
}

/** Runs one command line given as argv (or a string split on spaces). */
export async function run(w: World, argv: readonly string[] | string, opts: RunOptions = {}): Promise<RunResult> {
  const args = typeof argv === 'string' ? argv.split(' ').filter(Boolean) : argv;
  const info = w.kernel.programs.get(args[0]!);
  if (!info) throw new Error(`no program ${args[0]}`);
  const user = opts.user === 'root' ? { uid: 0, gid: 0, groups: [0] } : LEARNER;
  const out: WriteStream = opts.stdout ?? (opts.tty ? new TtyWriter() : new CollectingWriter());
  const err = opts.merge ? out : new CollectingWriter();
  const stdin = typeof opts.stdin === 'string' ? bytesReader(opts.stdin) : (opts.stdin ?? nullReader);
  let pty: Pty | undefined;
  if (opts.tty) {
    pty = new Pty();
    pty.cols = opts.tty;
  }
  const proc = w.kernel.spawn({
    argv: args,
    program: info.program,
    env: { ...BASE_ENV, ...(opts.user === 'root' ? { HOME: '/root', USER: 'root', LOGNAME: 'root' } : {}), ...opts.env },
    cwd: opts.cwd ?? (opts.user === 'root' ? '/root' : '/home/learner'),
    fs: w.fs.withCredentials(user),
    stdio: { stdin, stdout: out, stderr: err },
    tty: pty,
    user,
  });
  if (opts.during) await opts.during(w);
  // Let simulated time pass while the process sleeps.
  let exit: { status: number; signal?: string } | undefined;
  void proc.exited.then((e) => (exit = e));
  for (let i = 0; i < 10000 && !exit; i++) {
    // eslint-disable-next-line no-restricted-globals -- the test driver gives the host loop a turn
    await new Promise((r) => setImmediate(r));
    if (!exit) {
      const due = w.clock.nextDue();
      if (due !== undefined) w.clock.advanceTo(due);
    }
  }
  const e = exit ?? (await proc.exited);
  const outText = out instanceof CollectingWriter ? out.text() : out instanceof TtyWriter ? out.inner.text() : '';
  return { out: outText, err: opts.merge ? '' : (err as CollectingWriter).text(), status: e.status, signal: e.signal };
}
