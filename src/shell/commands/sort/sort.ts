/**
 * sort -n -r -u -k -t -h -V -f -b -g -M -s -c -o -z, as GNU sort under C.UTF-8: byte-order
 * collation, keys and per-key options, the whole line as the last-resort comparison unless -s.
 */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { completeFlags, parse, type ArgSpec } from '../args';
import { compareC, MONTHS } from '../lib/format';
import { abs, errText, Lines, openInput } from '../lib/io';
import { localeQuote } from '../lib/quote';
import { versionCompare } from '../ls/ls';

const SPEC: ArgSpec = {
  name: 'sort',
  usageStatus: 2,
  options: [
    { key: 'n', short: 'n', long: 'numeric-sort' },
    { key: 'g', short: 'g', long: 'general-numeric-sort' },
    { key: 'h', short: 'h', long: 'human-numeric-sort' },
    { key: 'V', short: 'V', long: 'version-sort' },
    { key: 'M', short: 'M', long: 'month-sort' },
    { key: 'r', short: 'r', long: 'reverse' },
    { key: 'u', short: 'u', long: 'unique' },
    { key: 'f', short: 'f', long: 'ignore-case' },
    { key: 'b', short: 'b', long: 'ignore-leading-blanks' },
    { key: 'd', short: 'd', long: 'dictionary-order' },
    { key: 's', short: 's', long: 'stable' },
    { key: 'c', short: 'c', long: 'check', arg: 'optional' },
    { key: 'C', short: 'C' },
    { key: 'k', short: 'k', long: 'key', arg: 'required' },
    { key: 't', short: 't', long: 'field-separator', arg: 'required' },
    { key: 'o', short: 'o', long: 'output', arg: 'required' },
    { key: 'z', short: 'z', long: 'zero-terminated' },
    { key: 'R', short: 'R', long: 'random-sort' },
    { key: 'S', short: 'S', long: 'buffer-size', arg: 'required' },
    { key: 'T', short: 'T', long: 'temporary-directory', arg: 'required' },
    { key: 'parallel', long: 'parallel', arg: 'required' },
  ],
};

interface KeyOpts {
  n: boolean; g: boolean; h: boolean; V: boolean; M: boolean; r: boolean; f: boolean; b: boolean; d: boolean;
}
interface Key {
  sf: number; sc: number; ef: number; ec: number; opts: KeyOpts; bStart: boolean; bEnd: boolean;
}

function numPrefix(s: string): number {
  const m = /^\s*(-?\d*(?:\.\d*)?)/.exec(s);
  const t = m?.[1] ?? '';
  if (t === '' || t === '-' || t === '.' || t === '-.') return 0;
  return Number(t);
}

function humanValue(s: string): number {
  const m = /^\s*(-?\d*(?:\.\d*)?)([KMGTPEZY]?)/.exec(s);
  if (!m || !m[1] || m[1] === '-') return 0;
  const idx = ' KMGTPEZY'.indexOf(m[2] || ' ');
  const sign = m[1].startsWith('-') ? -1 : 1;
  // GNU compares the suffix first, then the number
  return sign * (idx * 1e30 + Math.abs(Number(m[1])));
}

function monthValue(s: string): number {
  const t = s.trim().slice(0, 3).toUpperCase();
  return MONTHS.findIndex((m) => m.toUpperCase() === t) + 1;
}

function compareWith(a: string, b: string, o: KeyOpts): number {
  if (o.b) {
    a = a.replace(/^\s+/, '');
    b = b.replace(/^\s+/, '');
  }
  if (o.d) {
    a = a.replace(/[^\sA-Za-z0-9]/g, '');
    b = b.replace(/[^\sA-Za-z0-9]/g, '');
  }
  let r: number;
  if (o.n) r = numPrefix(a) - numPrefix(b);
  else if (o.g) {
    const x = parseFloat(a);
    const y = parseFloat(b);
    r = (Number.isNaN(x) ? -Infinity : x) - (Number.isNaN(y) ? -Infinity : y);
    if (Number.isNaN(r)) r = 0;
  } else if (o.h) r = humanValue(a) - humanValue(b);
  else if (o.M) r = monthValue(a) - monthValue(b);
  else if (o.V) r = versionCompare(a, b);
  else if (o.f) r = compareC(a.toUpperCase(), b.toUpperCase());
  else r = compareC(a, b);
  r = Math.sign(r);
  return o.r ? -r : r;
}

/** The text of a key in a line. */
function extract(line: string, k: Key, tab: string | undefined): string {
  // field starts
  const starts: number[] = [];
  const ends: number[] = [];
  if (tab !== undefined) {
    let p = 0;
    for (;;) {
      starts.push(p);
      const i = line.indexOf(tab, p);
      if (i < 0) {
        ends.push(line.length);
        break;
      }
      ends.push(i);
      p = i + 1;
    }
  } else {
    let p = 0;
    while (p < line.length) {
      starts.push(p);
      while (p < line.length && /[ \t]/.test(line[p]!)) p++;
      while (p < line.length && !/[ \t]/.test(line[p]!)) p++;
      ends.push(p);
    }
    if (!starts.length) {
      starts.push(0);
      ends.push(0);
    }
  }
  const fieldStart = (f: number, c: number, skipBlanks: boolean): number => {
    if (f - 1 >= starts.length) return line.length;
    let p = starts[f - 1]!;
    if (skipBlanks) while (p < ends[f - 1]! && /[ \t]/.test(line[p]!)) p++;
    return Math.min(p + c - 1, ends[f - 1]!);
  };
  const s = fieldStart(k.sf, k.sc || 1, k.bStart || k.opts.b);
  let e: number;
  if (k.ef === 0) e = line.length;
  else if (k.ef - 1 >= starts.length) e = line.length;
  else if (k.ec === 0) e = ends[k.ef - 1]!;
  else {
    let p = starts[k.ef - 1]!;
    if (k.bEnd || k.opts.b) while (p < ends[k.ef - 1]! && /[ \t]/.test(line[p]!)) p++;
    e = Math.min(p + k.ec, ends[k.ef - 1]!);
  }
  return e > s ? line.slice(s, e) : '';
}

async function sort(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  const global: KeyOpts = { n: a.has('n'), g: a.has('g'), h: a.has('h'), V: a.has('V'), M: a.has('M'), r: a.has('r'), f: a.has('f'), b: a.has('b'), d: a.has('d') };
  const tabOpt = a.get('t');
  if (tabOpt !== undefined && [...tabOpt].length !== 1 && tabOpt !== '\\0') {
    await ctx.stderr.write(tabOpt === '' ? 'sort: empty tab\n' : `sort: multi-character tab ${localeQuote(tabOpt)}\n`);
    return 2;
  }
  const tab = tabOpt === '\\0' ? '\0' : tabOpt;
  const keys: Key[] = [];
  for (const spec of a.all('k')) {
    const m = /^(\d+)(?:\.(\d+))?([a-zA-Z]*)(?:,(\d+)(?:\.(\d+))?([a-zA-Z]*))?$/.exec(spec);
    if (!m) {
      const bad = /^\d/.test(spec) ? 'invalid number after' : 'invalid number at field start';
      await ctx.stderr.write(`sort: ${bad}: invalid count at start of ${localeQuote(spec.replace(/^\d+[.,]?/, ''))}\n`);
      return 2;
    }
    if (Number(m[1]) === 0) {
      await ctx.stderr.write(`sort: field number is zero: invalid field specification ${localeQuote(spec)}\n`);
      return 2;
    }
    const flags = (m[3] ?? '') + (m[6] ?? '');
    const opts: KeyOpts = flags
      ? { n: flags.includes('n'), g: flags.includes('g'), h: flags.includes('h'), V: flags.includes('V'), M: flags.includes('M'), r: flags.includes('r'), f: flags.includes('f'), b: flags.includes('b'), d: flags.includes('d') }
      : { ...global };
    if (flags && !/[nghVMrfbd]/.test(flags.replace(/b/g, ''))) opts.r = opts.r || false;
    keys.push({ sf: Number(m[1]), sc: Number(m[2] ?? 0), ef: Number(m[4] ?? 0), ec: Number(m[5] ?? 0), opts, bStart: (m[3] ?? '').includes('b'), bEnd: (m[6] ?? '').includes('b') });
  }
  const sep = a.has('z') ? '\0' : '\n';
  const lines: string[] = [];
  const files = a.operands.length ? a.operands : ['-'];
  for (const f of files) {
    let stream;
    try {
      stream = openInput(ctx, f);
    } catch (e) {
      await ctx.stderr.write(`sort: ${errText(e) === 'Is a directory' ? 'read failed' : 'cannot read'}: ${f}: ${errText(e)}\n`);
      return 2;
    }
    const r = new Lines(stream, undefined, undefined, sep);
    for (;;) {
      const l = await r.next();
      if (!l) break;
      lines.push(l.line);
      if (lines.length % 1000 === 0) await ctx.checkpoint();
    }
  }
  const stable = a.has('s');
  const keyCmp = (x: string, y: string): number => {
    if (keys.length === 0) return compareWith(x, y, global);
    for (const k of keys) {
      const r = compareWith(extract(x, k, tab), extract(y, k, tab), k.opts);
      if (r) return r;
    }
    return 0;
  };
  const cmp = (x: string, y: string): number => {
    const r = keyCmp(x, y);
    if (r || stable || a.has('u')) return r;
    const c = compareC(x, y);
    return global.r ? -c : c;
  };
  if (a.has('c') || a.has('C')) {
    for (let i = 1; i < lines.length; i++) {
      const r = cmp(lines[i - 1]!, lines[i]!);
      if (r > 0 || (a.has('u') && r === 0)) {
        if (!a.has('C') && a.get('c') !== 'quiet' && a.get('c') !== 'silent') await ctx.stderr.write(`sort: ${files[0]}:${i + 1}: disorder: ${lines[i]}\n`);
        return 1;
      }
    }
    return 0;
  }
  const sorted = lines.map((l, i) => ({ l, i })).sort((x, y) => cmp(x.l, y.l) || x.i - y.i).map((x) => x.l);
  const out: string[] = [];
  for (const l of sorted) {
    if (a.has('u') && out.length && keyCmp(out[out.length - 1]!, l) === 0) continue;
    out.push(l);
  }
  const text = out.map((l) => l + sep).join('');
  const o = a.get('o');
  if (o !== undefined) {
    try {
      ctx.fs.writeFile(abs(ctx, o), text);
    } catch (e) {
      await ctx.stderr.write(`sort: open failed: ${o}: ${errText(e)}\n`);
      return 2;
    }
    return 0;
  }
  await ctx.stdout.write(text);
  return 0;
}

export const sortInfo: ProgramInfo = { name: 'sort', program: sort, complete: completeFlags(SPEC) };
