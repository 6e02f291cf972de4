/* eslint-disable no-restricted-globals -- the harness runs in Node tests and drives virtual time with setImmediate */
/**
 * A test host for tests anywhere: a kernel with the shells and coreutils registered, the Debian
 * host file system, virtual time (the clock jumps to the next timer whenever everything is idle, so
 * `sleep 5` takes no wall time), `run(script)` through `bash -c` as the learner, and `openTty()`
 * for an interactive bash on a pty.
 */
import { Clock } from '../../engine/core/clock';
import { createHostFs } from '../../engine/fs/host';
import type { MemFs } from '../../engine/fs/memfs';
import type { FileSystem } from '../../engine/fs/types';
import { Kernel, type Credentials, type HostHooks, type Namespaces, type Process } from '../../engine/runtime/kernel';
import type { ProgramInfo } from '../../engine/runtime/programs';
import { Pty } from '../../engine/runtime/pty';
import { bytesReader, CollectingWriter, nullReader } from '../../engine/runtime/streams';
import { coreutils } from '../commands';
import { shellPrograms } from '../interp';

export const LEARNER: Credentials = { uid: 1000, gid: 1000, groups: [1000, 27, 100, 999] };
export const ROOT_USER: Credentials = { uid: 0, gid: 0, groups: [0] };
export const HOME = '/home/learner';

export interface RunOptions {
  stdin?: string;
  cwd?: string;
  env?: Record<string, string>;
  user?: Credentials;
  /** argv[0] and flags before the script; default ['bash', '-c']. */
  argv?: string[];
  /** Extra arguments after the script ($0, $1...). */
  args?: string[];
  /** Use `env` as the whole environment instead of adding it to the login environment. */
  exactEnv?: boolean;
  /** Namespaces to run in (a container's pid namespace); the host's by default. */
  ns?: Namespaces;
}

export interface RunOutput {
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved in the order written. */
  output: string;
  status: number;
}

export interface TtyHandle {
  readonly pty: Pty;
  readonly process: Process;
  /** Types keys (use "\r" or "\n" for Enter). */
  type(keys: string): void;
  /** Everything the screen received so far, "\r\n" turned into "\n". */
  text(): string;
  /** Clears the recorded screen text. */
  clear(): void;
  /** Lets everything run until the shell waits for input (or exits). */
  settle(): Promise<void>;
  /** Types a line, presses Enter, and waits for the shell to be idle again; returns the new output. */
  line(text: string): Promise<string>;
}

export interface TestHost {
  readonly kernel: Kernel;
  readonly clock: Clock;
  /** The root view of the host file system. */
  readonly rootFs: MemFs;
  /** The learner's view. */
  readonly fs: FileSystem;
  run(script: string, opts?: RunOptions): Promise<RunOutput>;
  openTty(opts?: { cols?: number; rows?: number; screen?: 'full' | 'plain' | 'none'; argv?: string[]; env?: Record<string, string> }): Promise<TtyHandle>;
  /** Runs until `until()` holds or nothing can happen any more. */
  settle(until?: () => boolean): Promise<void>;
  baseEnv(): Record<string, string>;
}

const hostHooks: HostHooks = {
  yieldToHost: () => new Promise((resolve) => setImmediate(resolve)),
  shouldYield: () => true,
};

export function createTestHost(opts: { programs?: ProgramInfo[] } = {}): TestHost {
  const clock = new Clock();
  const kernel = new Kernel(clock, hostHooks);
  const programs = [...shellPrograms, ...coreutils, ...(opts.programs ?? [])];
  for (const p of programs) kernel.programs.register(p);
  const rootFs = createHostFs(clock, programs.map((p) => p.name).filter((n) => n !== 'ash'));
  if (rootFs.exists('/usr/bin/sh')) rootFs.unlink('/usr/bin/sh');
  rootFs.symlink('dash', '/usr/bin/sh');
  const fs = rootFs.withCredentials(LEARNER);

  const baseEnv = (): Record<string, string> => ({
    HOME,
    USER: 'learner',
    LOGNAME: 'learner',
    SHELL: '/bin/bash',
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
    PWD: HOME,
  });

  const settle = async (until: () => boolean = () => false): Promise<void> => {
    for (let turns = 0; turns < 100_000; turns++) {
      await new Promise<void>((r) => setImmediate(r));
      if (until()) return;
      if (kernel.yielding > 0) continue;
      const next = clock.nextDue();
      if (next === undefined) {
        // Give pending promise chains one more turn before deciding nothing can happen.
        await new Promise<void>((r) => setImmediate(r));
        if (until() || clock.nextDue() === undefined) return;
        continue;
      }
      clock.advanceTo(next);
    }
  };

  const run = async (script: string, o: RunOptions = {}): Promise<RunOutput> => {
    const chunks: string[] = [];
    const dec = new TextDecoder();
    const stdout = new CollectingWriter((b) => chunks.push(dec.decode(b)));
    const stderr = new CollectingWriter((b) => chunks.push(dec.decode(b)));
    const user = o.user ?? LEARNER;
    const progName = (o.argv?.[0] ?? 'bash').replace(/^.*\//, '');
    const bash = kernel.programs.get(progName === 'sh' ? 'dash' : progName)!;
    const proc = kernel.spawn({
      argv: [...(o.argv ?? ['bash', '-c']), script, ...(o.args ?? [])],
      program: bash.program,
      env: o.exactEnv ? { ...(o.env ?? {}) } : { ...baseEnv(), ...(o.cwd ? { PWD: o.cwd } : {}), ...(o.env ?? {}) },
      cwd: o.cwd ?? HOME,
      fs: user.uid === 0 ? rootFs : rootFs.withCredentials(user),
      stdio: { stdin: o.stdin !== undefined ? bytesReader(o.stdin) : nullReader, stdout, stderr },
      user,
      ns: o.ns,
    });
    await settle(() => proc.state === 'exited');
    if (proc.state !== 'exited') kernel.kill(proc.pid, 'SIGKILL');
    const info = await proc.exited;
    return { stdout: stdout.text(), stderr: stderr.text(), output: chunks.join(''), status: info.status };
  };

  const openTty: TestHost['openTty'] = async (o = {}) => {
    const pty = new Pty('/dev/pts/0');
    pty.screen = o.screen ?? 'plain';
    if (o.cols) pty.cols = o.cols;
    if (o.rows) pty.rows = o.rows;
    kernel.attachTty(pty);
    let screen = '';
    pty.onOutput((s) => {
      screen += s;
    });
    const bash = kernel.programs.get('bash')!;
    const proc = kernel.spawn({
      argv: o.argv ?? ['bash'],
      program: bash.program,
      env: { ...baseEnv(), ...(o.env ?? {}) },
      cwd: HOME,
      fs,
      stdio: { stdin: pty.slave, stdout: pty.slave, stderr: pty.slave },
      tty: pty,
      user: LEARNER,
    });
    pty.foregroundPgid = proc.pgid;
    const idle = () => proc.state === 'exited' || (pty.isWaitingForInput && kernel.yielding === 0);
    const handle: TtyHandle = {
      pty,
      process: proc,
      type: (keys) => pty.input(keys),
      text: () => screen.replace(/\r\n/g, '\n'),
      clear: () => {
        screen = '';
      },
      settle: async () => {
        await settle(idle);
      },
      line: async (text) => {
        const before = screen.length;
        pty.input(`${text}\r`);
        await new Promise<void>((r) => setImmediate(r));
        await settle(idle);
        return screen.slice(before).replace(/\r\n/g, '\n');
      },
    };
    await handle.settle();
    return handle;
  };

  return { kernel, clock, rootFs, fs, run, openTty, settle, baseEnv };
}
