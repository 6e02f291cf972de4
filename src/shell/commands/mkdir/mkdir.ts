/** mkdir -p -v -m, with GNU's messages. */
import { isSysError, SysError } from '../../../engine/core/errors';
import { dirname } from '../../../engine/fs/path';
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { completeFlags, parse, usageError, type ArgSpec } from '../args';
import { abs, errText } from '../lib/io';
import { applyMode } from '../lib/mode';
import { localeQuote, quoteAlways } from '../lib/quote';

const SPEC: ArgSpec = {
  name: 'mkdir',
  options: [
    { key: 'p', short: 'p', long: 'parents' },
    { key: 'v', short: 'v', long: 'verbose' },
    { key: 'm', short: 'm', long: 'mode', arg: 'required' },
  ],
};

async function mkdir(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  if (a.operands.length === 0) return usageError(ctx, SPEC, 'missing operand');
  let mode: number | undefined;
  const m = a.get('m');
  if (m !== undefined) {
    mode = applyMode(m, 0o777, true, 0);
    if (mode === undefined) {
      await ctx.stderr.write(`mkdir: invalid mode ${localeQuote(m)}\n`);
      return 1;
    }
    if (!/^[0-7]+$/.test(m)) mode = applyMode(m, 0o755, true, 0o022);
  }
  let status = 0;
  for (const name of a.operands) {
    const path = abs(ctx, name);
    try {
      if (a.has('p')) {
        // create each missing ancestor, reporting each with -v
        const missing: string[] = [];
        let p = path;
        while (p !== '/' && !ctx.fs.exists(p)) {
          missing.unshift(p);
          p = dirname(p);
        }
        if (ctx.fs.exists(path) && ctx.fs.stat(path).type !== 'dir') throw new SysError('EEXIST', path);
        const rel = relativeNames(name, missing.length);
        for (let i = 0; i < missing.length; i++) {
          ctx.fs.mkdir(missing[i]!, { mode: i === missing.length - 1 && mode !== undefined ? mode : 0o755 });
          if (a.has('v')) await ctx.stdout.write(`mkdir: created directory ${quoteAlways(rel[i]!)}\n`);
        }
      } else {
        ctx.fs.mkdir(path, { mode: mode ?? 0o755 });
        if (mode !== undefined) ctx.fs.chmod(path, mode);
        if (a.has('v')) await ctx.stdout.write(`mkdir: created directory ${quoteAlways(name)}\n`);
      }
    } catch (e) {
      status = 1;
      if (isSysError(e)) await ctx.stderr.write(`mkdir: cannot create directory ${localeQuote(name)}: ${errText(e)}\n`);
      else throw e;
    }
  }
  return status;
}

/** The operand's own prefixes naming the last `n` components ("a/b/c" -> a, a/b, a/b/c). */
function relativeNames(name: string, n: number): string[] {
  const trimmed = name.replace(/\/+$/, '');
  const parts = trimmed.split('/');
  const out: string[] = [];
  for (let k = parts.length - n + 1; k <= parts.length; k++) out.push(parts.slice(0, k).join('/') || '/');
  return out;
}

export const mkdirInfo: ProgramInfo = { name: 'mkdir', program: mkdir, complete: completeFlags(SPEC) };
