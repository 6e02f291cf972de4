/** realpath [-e -m -s] and readlink [-f -e -m -n]: canonical paths through the file system. */
import { isSysError } from '../../../engine/core/errors';
import { normalizePath, resolvePath } from '../../../engine/fs/path';
import type { FileSystem } from '../../../engine/fs/types';
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { completeFlags, parse, usageError, type ArgSpec } from '../args';
import { errText } from '../lib/io';
import { quoteIfNeeded } from '../lib/quote';

/**
 * Canonicalizes like GNU canonicalize_filename_mode: 'existing' needs every component,
 * 'parent' (the default of realpath) all but the last, 'missing' none.
 */
export function canonicalize(fs: FileSystem, cwd: string, name: string, mode: 'existing' | 'parent' | 'missing'): string {
  const full = resolvePath(cwd, name);
  try {
    return fs.realpath(full);
  } catch (e) {
    if (mode === 'existing') throw e;
  }
  // resolve the longest existing prefix, then append the rest
  const parts = full.split('/').filter(Boolean);
  for (let k = parts.length - 1; k >= 0; k--) {
    const prefix = '/' + parts.slice(0, k).join('/');
    try {
      const real = fs.realpath(prefix);
      if (fs.stat(real).type !== 'dir') throw new Error('ENOTDIR');
      const rest = parts.slice(k);
      if (mode === 'parent' && rest.length > 1) throw Object.assign(new Error('x'), { rest });
      return normalizePath(`${real}/${rest.join('/')}`);
    } catch (e) {
      if (mode === 'parent' && (e as { rest?: string[] }).rest) break;
      continue;
    }
  }
  if (mode === 'missing') return full;
  return fs.realpath(full);
}

const RP: ArgSpec = {
  name: 'realpath',
  options: [
    { key: 'e', short: 'e', long: 'canonicalize-existing' },
    { key: 'm', short: 'm', long: 'canonicalize-missing' },
    { key: 's', short: 's', long: ['strip', 'no-symlinks'] },
    { key: 'q', short: 'q', long: 'quiet' },
    { key: 'z', short: 'z', long: 'zero' },
    { key: 'L', short: 'L', long: 'logical' },
    { key: 'P', short: 'P', long: 'physical' },
    { key: 'relativeTo', long: 'relative-to', arg: 'required' },
  ],
};

async function realpath(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, RP);
  if (typeof a === 'number') return a;
  if (a.operands.length === 0) return usageError(ctx, RP, 'missing operand');
  const mode = a.has('e') ? 'existing' : a.has('m') ? 'missing' : 'parent';
  let status = 0;
  for (const op of a.operands) {
    try {
      const p = a.has('s') ? resolvePath(ctx.cwd, op) : canonicalize(ctx.fs, ctx.cwd, op, mode);
      await ctx.stdout.write(`${p}${a.has('z') ? '\0' : '\n'}`);
    } catch (e) {
      if (!a.has('q')) await ctx.stderr.write(`realpath: ${quoteIfNeeded(op)}: ${isSysError(e) ? errText(e) : 'No such file or directory'}\n`);
      status = 1;
    }
  }
  return status;
}

const RL: ArgSpec = {
  name: 'readlink',
  options: [
    { key: 'f', short: 'f', long: 'canonicalize' },
    { key: 'e', short: 'e', long: 'canonicalize-existing' },
    { key: 'm', short: 'm', long: 'canonicalize-missing' },
    { key: 'n', short: 'n', long: 'no-newline' },
    { key: 'q', short: 'q', long: 'quiet' },
    { key: 's', short: 's', long: 'silent' },
    { key: 'v', short: 'v', long: 'verbose' },
    { key: 'z', short: 'z', long: 'zero' },
  ],
};

async function readlink(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, RL);
  if (typeof a === 'number') return a;
  if (a.operands.length === 0) return usageError(ctx, RL, 'missing operand');
  const mode = a.has('e') ? 'existing' : a.has('f') ? 'parent' : a.has('m') ? 'missing' : undefined;
  let status = 0;
  const end = a.has('z') ? '\0' : a.has('n') && a.operands.length === 1 ? '' : '\n';
  for (const op of a.operands) {
    try {
      const p = mode ? canonicalize(ctx.fs, ctx.cwd, op, mode) : ctx.fs.readlink(resolvePath(ctx.cwd, op));
      await ctx.stdout.write(p + end);
    } catch (e) {
      if (a.has('v')) await ctx.stderr.write(`readlink: ${op}: ${errText(e)}\n`);
      status = 1;
    }
  }
  return status;
}

export const realpathInfo: ProgramInfo = { name: 'realpath', program: realpath, complete: completeFlags(RP) };
export const readlinkInfo: ProgramInfo = { name: 'readlink', program: readlink, complete: completeFlags(RL) };
