/** cat: copies inputs to stdout as they arrive, with GNU's -n -b -s -E -T -v -A -e -t. */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { completeFlags, parse, type ArgSpec } from '../args';
import { errText, openInput } from '../lib/io';
import { quoteIfNeeded } from '../lib/quote';

const SPEC: ArgSpec = {
  name: 'cat',
  options: [
    { key: 'A', short: 'A', long: 'show-all' },
    { key: 'b', short: 'b', long: 'number-nonblank' },
    { key: 'e', short: 'e' },
    { key: 'E', short: 'E', long: 'show-ends' },
    { key: 'n', short: 'n', long: 'number' },
    { key: 's', short: 's', long: 'squeeze-blank' },
    { key: 't', short: 't' },
    { key: 'T', short: 'T', long: 'show-tabs' },
    { key: 'u', short: 'u' },
    { key: 'v', short: 'v', long: 'show-nonprinting' },
    { key: 'version', long: 'version' },
  ],
};

/** `cat -v` notation for one byte. */
export function showNonprinting(b: number, tabs: boolean): string {
  if (b >= 128) return `M-${showNonprinting(b - 128, true).replace(/^\t$/, '^I')}`;
  if (b === 9 && !tabs) return '\t';
  if (b === 9) return '^I';
  if (b < 32) return `^${String.fromCharCode(b + 64)}`;
  if (b === 127) return '^?';
  return String.fromCharCode(b);
}

async function cat(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  if (a.has('version')) {
    await ctx.stdout.write('cat (GNU coreutils) 9.1\n');
    return 0;
  }
  const showEnds = a.has('E') || a.has('A') || a.has('e');
  const showTabs = a.has('T') || a.has('A') || a.has('t');
  const nonprint = a.has('v') || a.has('A') || a.has('e') || a.has('t');
  const numberNonblank = a.has('b');
  const number = numberNonblank || a.has('n');
  const squeeze = a.has('s');
  const plain = !showEnds && !showTabs && !nonprint && !number && !squeeze;
  const files = a.operands.length ? a.operands : ['-'];
  let status = 0;
  // Line state carries across files, as in GNU cat.
  let lineNo = 0;
  let atLineStart = true;
  let blankRun = 0;
  for (const f of files) {
    let stream;
    try {
      stream = openInput(ctx, f);
    } catch (e) {
      await ctx.stderr.write(`cat: ${quoteIfNeeded(f)}: ${errText(e)}\n`);
      status = 1;
      continue;
    }
    for (;;) {
      const chunk = await stream.read();
      if (chunk === null) break;
      if (plain) {
        await ctx.stdout.write(chunk);
        continue;
      }
      let out = '';
      const bytes: number[] = [];
      const flushBytes = (): void => {
        if (bytes.length) {
          out += new TextDecoder().decode(new Uint8Array(bytes));
          bytes.length = 0;
        }
      };
      for (const b of chunk) {
        if (atLineStart) {
          if (b === 10) {
            blankRun++;
            if (squeeze && blankRun > 1) continue;
          } else blankRun = 0;
          if (number && !(numberNonblank && b === 10)) {
            flushBytes();
            out += `${String(++lineNo).padStart(6)}\t`;
          }
          atLineStart = false;
        }
        if (b === 10) {
          flushBytes();
          out += showEnds ? '$\n' : '\n';
          atLineStart = true;
        } else if (b === 9) {
          flushBytes();
          out += showTabs ? '^I' : '\t';
        } else if (nonprint && (b < 32 || b >= 127)) {
          flushBytes();
          out += showNonprinting(b, true);
        } else bytes.push(b);
      }
      flushBytes();
      await ctx.stdout.write(out);
      await ctx.checkpoint();
    }
  }
  return status;
}

export const catInfo: ProgramInfo = { name: 'cat', program: cat, complete: completeFlags(SPEC) };
