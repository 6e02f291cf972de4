/** md5sum, sha1sum, sha256sum [-c] FILE...: "HASH  NAME" lines. */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { readAll } from '../../../engine/runtime/streams';
import { parse, type ArgSpec } from '../args';
import { errText, openInput, readAllText } from '../lib/io';
import { md5, sha1, sha256 } from './digest';

function make(name: string, fn: (d: Uint8Array) => string, tag: string): ProgramInfo {
  const spec: ArgSpec = {
    name,
    options: [
      { key: 'c', short: 'c', long: 'check' },
      { key: 'b', short: 'b', long: 'binary' },
      { key: 't', short: 't', long: 'text' },
      { key: 'tag', long: 'tag' },
      { key: 'quiet', long: 'quiet' },
      { key: 'status', long: 'status' },
      { key: 'z', short: 'z', long: 'zero' },
    ],
  };
  const program = async (ctx: ProcessContext): Promise<number> => {
    const a = await parse(ctx, spec);
    if (typeof a === 'number') return a;
    const files = a.operands.length ? a.operands : ['-'];
    let status = 0;
    if (a.has('c')) {
      let failed = 0;
      for (const f of files) {
        let text: string;
        try {
          text = await readAllText(openInput(ctx, f));
        } catch (e) {
          await ctx.stderr.write(`${name}: ${f}: ${errText(e)}\n`);
          status = 1;
          continue;
        }
        for (const line of text.split('\n').filter(Boolean)) {
          const m = /^([0-9a-fA-F]+) [ *](.*)$/.exec(line);
          if (!m) continue;
          let ok: boolean;
          try {
            ok = fn(await readAll(openInput(ctx, m[2]!))) === m[1]!.toLowerCase();
          } catch (e) {
            await ctx.stderr.write(`${name}: ${m[2]}: ${errText(e)}\n`);
            await ctx.stdout.write(`${m[2]}: FAILED open or read\n`);
            status = 1;
            continue;
          }
          if (!ok) failed++;
          if (!a.has('status') && (!ok || !a.has('quiet'))) await ctx.stdout.write(`${m[2]}: ${ok ? 'OK' : 'FAILED'}\n`);
        }
      }
      if (failed) {
        await ctx.stderr.write(`${name}: WARNING: ${failed} computed checksum${failed > 1 ? 's' : ''} did NOT match\n`);
        status = 1;
      }
      return status;
    }
    for (const f of files) {
      try {
        const h = fn(await readAll(openInput(ctx, f)));
        await ctx.stdout.write(a.has('tag') ? `${tag} (${f}) = ${h}\n` : `${h}  ${f}\n`);
      } catch (e) {
        await ctx.stderr.write(`${name}: ${f}: ${errText(e)}\n`);
        status = 1;
      }
    }
    return status;
  };
  return { name, program };
}

export const md5sumInfo = make('md5sum', md5, 'MD5');
export const sha1sumInfo = make('sha1sum', sha1, 'SHA1');
export const sha256sumInfo = make('sha256sum', sha256, 'SHA256');
