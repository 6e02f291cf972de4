/**
 * The host's programs as lazy entries: their names are known at once (so /usr/bin lists them and
 * completion finds them) while their code loads in its own chunk, started after the first prompt
 * and awaited by the first program that needs it. Node entry points use `index.ts` directly.
 */
import type { ProgramInfo } from '../../engine/runtime/programs';
import { lsColorsCode } from './dircolors/code';
import { DEBIAN_LS_COLORS } from './ls/colors';

const BOURNE = ['-b', '--sh', '--bourne-shell'];

/** Every program of index.ts, in its order (a test keeps the two lists equal). */
export const COREUTILS_NAMES: readonly string[] = [
  'ls', 'cat', 'echo', 'printf', 'mkdir', 'rmdir', 'rm', 'cp', 'mv', 'touch', 'pwd', 'head', 'tail', 'wc',
  'grep', 'sed', 'sort', 'uniq', 'cut', 'tr', 'tee', 'test', '[', 'true', 'false', 'kill', 'sleep', 'whoami',
  'id', 'groups', 'hostname', 'uname', 'clear', 'basename', 'dirname', 'realpath', 'readlink', 'ln', 'seq',
  'yes', 'nproc', 'dircolors', 'env', 'printenv', 'which', 'chmod', 'chown', 'sudo', 'su', 'date', 'stat', 'rev', 'tac',
  'nl', 'fold', 'paste', 'comm', 'base64', 'md5sum', 'sha1sum', 'sha256sum', 'od', 'xxd', 'find', 'xargs',
  'awk', 'mawk', 'ps', 'du', 'df', 'free', 'uptime', 'file', 'man', 'less', 'more', 'vi', 'vim', 'nano',
  'code', 'editor', 'timeout', 'nohup', 'diff', 'curl',
];

export interface LazyPrograms {
  readonly programs: readonly ProgramInfo[];
  /** Starts loading the code (idempotent); resolves when it is there. */
  load(): Promise<void>;
}

/** Lazy entries backed by one dynamic import shared by all of them (per call: no module state). */
export function lazyCoreutils(): LazyPrograms {
  let loaded: Map<string, ProgramInfo> | undefined;
  let loading: Promise<Map<string, ProgramInfo>> | undefined;
  const load = () =>
    // eslint-disable-next-line no-restricted-syntax -- awaited through ctx.kernel.hostWork by the program below
    (loading ??= import('./index').then((m) => {
      loaded = new Map(m.coreutils.map((p) => [p.name, p]));
      return loaded;
    }));
  const programs = COREUTILS_NAMES.map(
    (name): ProgramInfo => ({
      name,
      program: async (ctx) => {
        // Every interactive bash runs `eval "$(dircolors -b)"` from Debian's ~/.bashrc: the first
        // prompt must not wait for the programs' chunk for it.
        if (!loaded && name === 'dircolors' && ctx.argv.length === 2 && BOURNE.includes(ctx.argv[1]!)) {
          await ctx.stdout.write(lsColorsCode('sh', DEBIAN_LS_COLORS));
          return 0;
        }
        const info = (loaded ?? (await ctx.kernel.hostWork(load()))).get(name);
        if (!info) throw new Error(`no program ${name}`);
        return info.program(ctx);
      },
      complete: (args, c) => loaded?.get(name)?.complete?.(args, c),
    }),
  );
  return { programs, load: () => load().then(() => undefined) };
}
