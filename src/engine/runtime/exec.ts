/**
 * Finding and starting programs, as execvp does: PATH search, permission checks, `#!` scripts,
 * and the registry of built-in programs named by executable files.
 */
import { isSysError, SysError } from '../core/errors';
import { resolvePath } from '../fs/path';
import type { FileSystem, Stat } from '../fs/types';
import type { Process, ProcessContext, Program, SpawnOptions } from './kernel';
import { programNameOf } from './programs';

export type Resolved =
  | { readonly kind: 'program'; readonly path: string; readonly program: Program; readonly argv0: string }
  /** A `#!` script: run `interpreter [arg] path args...`. */
  | { readonly kind: 'script'; readonly path: string; readonly interpreter: string; readonly interpreterArg?: string }
  /** A text file without `#!`: the shell runs it as a script of its own. */
  | { readonly kind: 'shell-script'; readonly path: string }
  | { readonly kind: 'error'; readonly code: 'ENOENT' | 'EACCES' | 'EISDIR' | 'ENOEXEC' | 'NOTFOUND'; readonly path: string };

/** Looks a command name up on PATH (names with a slash are taken as paths). */
export function which(fs: FileSystem, name: string, path: string, cwd: string): string | undefined {
  if (name.includes('/')) return resolvePath(cwd, name);
  for (const dir of path.split(':')) {
    const full = resolvePath(cwd, `${dir || '.'}/${name}`);
    const st = statIfExists(fs, full);
    if (st && st.type === 'file' && (st.mode & 0o111) !== 0) return full;
  }
  return undefined;
}

/** stat() of a path that may well be missing: most PATH entries lack the name, and a thrown
 * error costs a stack trace, so this asks exists() first (or both at once, where the fs can). */
function statIfExists(fs: FileSystem, full: string): Stat | undefined {
  if (fs.statIfExists) return fs.statIfExists(full);
  if (!fs.exists(full)) return undefined;
  try {
    return fs.stat(full);
  } catch {
    return undefined;
  }
}

/** Resolves what running `name` would execute, without running it. */
export function resolveCommand(ctx: Pick<ProcessContext, 'fs' | 'cwd' | 'env' | 'kernel'>, name: string): Resolved {
  const full = which(ctx.fs, name, ctx.env.get('PATH') ?? '', ctx.cwd);
  if (!full) return { kind: 'error', code: 'NOTFOUND', path: name };
  return resolvePathToProgram(ctx, full);
}

export function resolvePathToProgram(ctx: Pick<ProcessContext, 'fs' | 'kernel'>, full: string): Resolved {
  let data: Uint8Array;
  try {
    const st = ctx.fs.stat(full);
    if (st.type === 'dir') return { kind: 'error', code: 'EISDIR', path: full };
    if ((st.mode & 0o111) === 0) return { kind: 'error', code: 'EACCES', path: full };
    data = ctx.fs.readFile(full);
  } catch (e) {
    if (isSysError(e, 'EACCES')) return { kind: 'error', code: 'EACCES', path: full };
    return { kind: 'error', code: 'ENOENT', path: full };
  }
  const name = programNameOf(data);
  if (name !== undefined) {
    const info = ctx.kernel.programs.get(name);
    if (!info) return { kind: 'error', code: 'ENOEXEC', path: full };
    return { kind: 'program', path: full, program: info.program, argv0: name };
  }
  if (data[0] === 0x23 && data[1] === 0x21) {
    const first = new TextDecoder().decode(data.subarray(0, Math.min(data.length, 256))).split('\n')[0]!;
    const [interp, ...rest] = first.slice(2).trim().split(/\s+/);
    if (!interp) return { kind: 'shell-script', path: full };
    return { kind: 'script', path: full, interpreter: interp, interpreterArg: rest.length ? rest.join(' ') : undefined };
  }
  return { kind: 'shell-script', path: full };
}

/**
 * Starts `argv` as a child of the calling process, following `#!` lines; a text file without one
 * is run by /bin/sh. Throws SysError (ENOENT, EACCES, ENOEXEC) when nothing can be started; a
 * missing command on PATH is ENOENT with the name as path.
 */
export function spawnCommand(
  ctx: ProcessContext,
  argv: readonly string[],
  opts: Partial<Omit<SpawnOptions, 'argv' | 'program'>> = {},
): Process {
  const name = argv[0] ?? '';
  const r = resolveCommand(ctx, name);
  const base = {
    env: opts.env ?? ctx.env,
    cwd: opts.cwd ?? ctx.cwd,
    fs: opts.fs ?? ctx.fs,
    stdio: opts.stdio ?? { stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr },
    pgid: opts.pgid ?? ctx.process.pgid,
    tty: opts.tty,
    ignore: opts.ignore,
    user: opts.user,
  };
  switch (r.kind) {
    case 'program':
      return ctx.spawn({ ...base, argv, program: r.program });
    case 'script':
    case 'shell-script': {
      const interp = r.kind === 'script' ? r.interpreter : '/bin/sh';
      const ir = resolvePathToProgram(ctx, interp);
      if (ir.kind !== 'program') throw new SysError(ir.kind === 'error' && ir.code === 'EACCES' ? 'EACCES' : 'ENOENT', r.path, 'execve');
      const args = r.kind === 'script' && r.interpreterArg ? [interp, r.interpreterArg, r.path] : [interp, r.path];
      return ctx.spawn({ ...base, argv: [...args, ...argv.slice(1)], program: ir.program });
    }
    case 'error':
      throw new SysError(r.code === 'NOTFOUND' ? 'ENOENT' : r.code === 'EISDIR' ? 'EACCES' : r.code, r.path, 'execve');
  }
}
