/** tr SET1 [SET2] with -d -s -c -C -t: ranges, [:classes:], [c*n], escapes; streams. */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { completeFlags, parse, usageError, type ArgSpec } from '../args';
import { localeQuote } from '../lib/quote';

const SPEC: ArgSpec = {
  name: 'tr',
  options: [
    { key: 'c', short: 'c', long: 'complement' },
    { key: 'c', short: 'C' },
    { key: 'd', short: 'd', long: 'delete' },
    { key: 's', short: 's', long: 'squeeze-repeats' },
    { key: 't', short: 't', long: 'truncate-set1' },
  ],
};

const CLASS: Record<string, () => string[]> = {
  lower: () => range('a', 'z'),
  upper: () => range('A', 'Z'),
  digit: () => range('0', '9'),
  alpha: () => [...range('A', 'Z'), ...range('a', 'z')],
  alnum: () => [...range('0', '9'), ...range('A', 'Z'), ...range('a', 'z')],
  space: () => [' ', '\t', '\n', '\v', '\f', '\r'],
  blank: () => [' ', '\t'],
  punct: () => [...range('!', '/'), ...range(':', '@'), ...range('[', '`'), ...range('{', '~')],
  xdigit: () => [...range('0', '9'), ...range('A', 'F'), ...range('a', 'f')],
  cntrl: () => [...range('\x00', '\x1f'), '\x7f'],
  print: () => range(' ', '~'),
  graph: () => range('!', '~'),
};

function range(a: string, b: string): string[] {
  const out: string[] = [];
  for (let c = a.codePointAt(0)!; c <= b.codePointAt(0)!; c++) out.push(String.fromCodePoint(c));
  return out;
}

class TrError extends Error {}

function unescape(s: string): string[] {
  const out: string[] = [];
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c !== '\\' || i + 1 >= chars.length) {
      out.push(c);
      continue;
    }
    const n = chars[++i]!;
    const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\' };
    if (map[n]) out.push(map[n]);
    else if (/[0-7]/.test(n)) {
      let d = n;
      while (d.length < 3 && /[0-7]/.test(chars[i + 1] ?? '')) d += chars[++i];
      out.push(String.fromCharCode(parseInt(d, 8)));
    } else out.push(`\u0000ESC${n}`);
  }
  return out;
}

/** Expands a set. `classes` records the class used at each position (for lower/upper mapping). */
function expandSet(spec: string, isSet2: boolean, set1Len: number): { chars: string[]; fill?: string } {
  const src = unescape(spec).map((c) => (c.startsWith('\u0000ESC') ? c.slice(4) : c));
  const out: string[] = [];
  let fill: string | undefined;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '[' && src[i + 1] === ':') {
      const end = src.indexOf(':', i + 2);
      if (end > 0 && src[end + 1] === ']') {
        const name = src.slice(i + 2, end).join('');
        const cls = CLASS[name];
        if (!cls) throw new TrError(`invalid character class ${localeQuote(name)}`);
        out.push(...cls());
        i = end + 1;
        continue;
      }
    }
    if (c === '[' && src[i + 1] === '=' && src[i + 3] === '=' && src[i + 4] === ']') {
      out.push(src[i + 2]!);
      i += 4;
      continue;
    }
    if (c === '[' && src[i + 2] === '*') {
      const close = src.indexOf(']', i + 3);
      if (close > 0) {
        const num = src.slice(i + 3, close).join('');
        if (/^\d*$/.test(num)) {
          if (!isSet2) throw new TrError(`the [c*] repeat construct may not appear in string1`);
          if (num === '' || Number(num) === 0) fill = src[i + 1];
          else for (let k = 0; k < parseInt(num, num.startsWith('0') ? 8 : 10); k++) out.push(src[i + 1]!);
          i = close;
          if (fill !== undefined) out.push(`\u0000FILL`);
          continue;
        }
      }
    }
    if (src[i + 1] === '-' && i + 2 < src.length) {
      const hi = src[i + 2]!;
      if (hi.codePointAt(0)! < c.codePointAt(0)!) throw new TrError(`range-endpoints of '${c}-${hi}' are in reverse collating sequence order`);
      out.push(...range(c, hi));
      i += 2;
      continue;
    }
    out.push(c);
  }
  const k = out.indexOf('\u0000FILL');
  if (k >= 0) {
    const need = Math.max(0, set1Len - (out.length - 1));
    out.splice(k, 1, ...new Array<string>(need).fill(fill!));
  }
  return { chars: out, fill };
}

async function tr(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  const ops = a.operands;
  const del = a.has('d');
  const squeeze = a.has('s');
  if (ops.length === 0) return usageError(ctx, SPEC, 'missing operand');
  const needTwo = !del && !(squeeze && ops.length === 1);
  if (needTwo && ops.length < 2) {
    await ctx.stderr.write(`tr: missing operand after ${localeQuote(ops[0]!)}\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n`);
    return 1;
  }
  const maxOps = del && !squeeze ? 1 : 2;
  if (ops.length > maxOps) {
    const extra = del && !squeeze ? '\nOnly one string may be given when deleting without squeezing repeats.' : '';
    await ctx.stderr.write(`tr: extra operand ${localeQuote(ops[maxOps]!)}${extra}\nTry 'tr --help' for more information.\n`);
    return 1;
  }
  let set1: string[];
  let set2: string[] = [];
  try {
    set1 = expandSet(ops[0]!, false, 0).chars;
    if (ops[1] !== undefined) set2 = expandSet(ops[1], true, set1.length).chars;
  } catch (e) {
    if (e instanceof TrError) {
      await ctx.stderr.write(`tr: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const complement = a.has('c');
  const in1 = new Set(set1);
  const member1 = (c: string): boolean => in1.has(c) !== complement;
  const map = new Map<string, string>();
  const translating = !del && ops.length === 2;
  if (translating) {
    if (set2.length === 0) {
      await ctx.stderr.write('tr: when not truncating set1, string2 must be non-empty\n');
      return 1;
    }
    if (!complement) {
      const s1 = a.has('t') ? set1.slice(0, set2.length) : set1;
      s1.forEach((c, i) => map.set(c, set2[Math.min(i, set2.length - 1)]!));
    }
  }
  const squeezeSet = new Set(del || !translating ? (ops.length === 2 ? set2 : set1) : set2);
  const squeezeMember = (c: string): boolean => (translating || del ? squeezeSet.has(c) : member1(c));
  const dec = new TextDecoder();
  let last: string | undefined;
  for (;;) {
    const chunk = await ctx.stdin.read();
    if (chunk === null) break;
    let out = '';
    for (const ch of dec.decode(chunk, { stream: true })) {
      let c = ch;
      if (del && member1(c)) continue;
      if (translating) {
        if (complement) {
          if (!in1.has(c)) c = set2[set2.length - 1]!;
        } else c = map.get(c) ?? c;
      }
      if (squeeze && c === last && squeezeMember(c)) continue;
      out += c;
      last = c;
    }
    await ctx.stdout.write(out);
  }
  return 0;
}

export const trInfo: ProgramInfo = { name: 'tr', program: tr, complete: completeFlags(SPEC) };
