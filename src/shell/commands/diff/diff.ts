/** diff [-u [-U N]] [-q] [-s] [-i] [-w] [-b] [-B] FILE1 FILE2: normal and unified output (GNU diff 3.8). */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { parse, type ArgSpec } from '../args';
import { strftime } from '../lib/format';
import { abs, errText, openInput, readAllText } from '../lib/io';

const SPEC: ArgSpec = {
  name: 'diff',
  usageStatus: 2,
  tryHelp: "diff: Try 'diff --help' for more information.\n",
  options: [
    { key: 'u', short: 'u' },
    { key: 'U', short: 'U', long: 'unified', arg: 'required' },
    { key: 'q', short: 'q', long: 'brief' },
    { key: 's', short: 's', long: 'report-identical-files' },
    { key: 'i', short: 'i', long: 'ignore-case' },
    { key: 'w', short: 'w', long: 'ignore-all-space' },
    { key: 'b', short: 'b', long: 'ignore-space-change' },
    { key: 'B', short: 'B', long: 'ignore-blank-lines' },
    { key: 'r', short: 'r', long: 'recursive' },
    { key: 'N', short: 'N', long: 'new-file' },
    { key: 'color', long: 'color', arg: 'optional' },
  ],
};

interface Side {
  lines: string[];
  /** The last line had no newline. */
  noEol: boolean;
}

function split(text: string): Side {
  const noEol = text.length > 0 && !text.endsWith('\n');
  const lines = text.split('\n');
  if (!noEol) lines.pop();
  return { lines, noEol };
}

type Op = { kind: '=' | '-' | '+'; a: number; b: number };

/** Shortest edit script via LCS (Myers would be faster; inputs here are small). */
function editScript(a: string[], b: string[], eq: (x: string, y: string) => boolean): Op[] {
  const n = a.length;
  const m = b.length;
  const dp: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i]![j] = eq(a[i]!, b[j]!) ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && eq(a[i]!, b[j]!)) ops.push({ kind: '=', a: i++, b: j++ });
    else if (j < m && (i >= n || dp[i]![j + 1]! >= dp[i + 1]![j]!)) ops.push({ kind: '+', a: i, b: j++ });
    else ops.push({ kind: '-', a: i++, b: j });
  }
  return ops;
}

interface Hunk {
  a0: number;
  a1: number;
  b0: number;
  b1: number;
}

function hunks(ops: Op[]): Hunk[] {
  const out: Hunk[] = [];
  let k = 0;
  while (k < ops.length) {
    if (ops[k]!.kind === '=') {
      k++;
      continue;
    }
    const start = ops[k]!;
    let a1 = start.a;
    let b1 = start.b;
    while (k < ops.length && ops[k]!.kind !== '=') {
      if (ops[k]!.kind === '-') a1 = ops[k]!.a + 1;
      else b1 = ops[k]!.b + 1;
      k++;
    }
    out.push({ a0: start.a, a1: Math.max(a1, start.a), b0: start.b, b1: Math.max(b1, start.b) });
  }
  return out;
}

const range = (x0: number, x1: number): string => (x1 - x0 <= 1 ? String(x1 - x0 === 1 ? x0 + 1 : x0) : `${x0 + 1},${x1}`);

async function diff(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  if (a.operands.length < 2) {
    await ctx.stderr.write(`diff: ${a.operands.length ? `missing operand after '${a.operands[0]}'` : 'missing operand'}\n${SPEC.tryHelp}`);
    return 2;
  }
  if (a.operands.length > 2) {
    await ctx.stderr.write(`diff: extra operand '${a.operands[2]}'\n${SPEC.tryHelp}`);
    return 2;
  }
  let [n1, n2] = a.operands as [string, string];
  const isDir = (n: string): boolean => n !== '-' && ctx.fs.exists(abs(ctx, n)) && ctx.fs.stat(abs(ctx, n)).type === 'dir';
  if (isDir(n1) && !isDir(n2)) n1 = `${n1.replace(/\/$/, '')}/${n2.split('/').pop()}`;
  else if (isDir(n2) && !isDir(n1)) n2 = `${n2.replace(/\/$/, '')}/${n1.split('/').pop()}`;
  const load = async (n: string): Promise<Side | undefined> => {
    try {
      return split(await readAllText(openInput(ctx, n)));
    } catch (e) {
      await ctx.stderr.write(`diff: ${n}: ${errText(e)}\n`);
      return undefined;
    }
  };
  const A = await load(n1);
  const B = await load(n2);
  if (!A || !B) return 2;
  const norm = (s: string): string => {
    let t = s;
    if (a.has('i')) t = t.toLowerCase();
    if (a.has('w')) t = t.replace(/\s+/g, '');
    else if (a.has('b')) t = t.replace(/\s+/g, ' ').replace(/ $/, '');
    return t;
  };
  const ops = editScript(A.lines, B.lines, (x, y) => norm(x) === norm(y));
  const hs = hunks(ops);
  const eolDiffers = A.noEol !== B.noEol && A.lines.length > 0 && B.lines.length > 0;
  if (hs.length === 0 && !eolDiffers) {
    if (a.has('s')) await ctx.stdout.write(`Files ${n1} and ${n2} are identical\n`);
    return 0;
  }
  if (a.has('q')) {
    await ctx.stdout.write(`Files ${n1} and ${n2} differ\n`);
    return 1;
  }
  const NOEOL = '\\ No newline at end of file\n';
  const lineA = (i: number): string => `${A.lines[i]}\n${i === A.lines.length - 1 && A.noEol ? NOEOL : ''}`;
  const lineB = (i: number): string => `${B.lines[i]}\n${i === B.lines.length - 1 && B.noEol ? NOEOL : ''}`;
  let out = '';
  const unified = a.has('u') || a.has('U');
  if (!unified) {
    for (const h of hs) {
      const kind = h.a1 === h.a0 ? 'a' : h.b1 === h.b0 ? 'd' : 'c';
      out += `${kind === 'a' ? String(h.a0) : range(h.a0, h.a1)}${kind}${kind === 'd' ? String(h.b0) : range(h.b0, h.b1)}\n`;
      for (let i = h.a0; i < h.a1; i++) out += `< ${lineA(i)}`;
      if (kind === 'c') out += '---\n';
      for (let j = h.b0; j < h.b1; j++) out += `> ${lineB(j)}`;
    }
  } else {
    const ctxN = a.has('U') ? Number(a.get('U')) : 3;
    const mtime = (n: string): string => {
      try {
        return strftime('%Y-%m-%d %H:%M:%S.%N %z', n === '-' ? ctx.kernel.clock.now() : ctx.fs.stat(abs(ctx, n)).mtime);
      } catch {
        return '';
      }
    };
    out += `--- ${n1}\t${mtime(n1)}\n+++ ${n2}\t${mtime(n2)}\n`;
    // group hunks whose context overlaps
    const groups: Hunk[][] = [];
    for (const h of hs) {
      const last = groups[groups.length - 1];
      if (last && h.a0 - last[last.length - 1]!.a1 <= 2 * ctxN) last.push(h);
      else groups.push([h]);
    }
    for (const g of groups) {
      const first = g[0]!;
      const lastH = g[g.length - 1]!;
      const s1 = Math.max(0, first.a0 - ctxN);
      const e1 = Math.min(A.lines.length, lastH.a1 + ctxN);
      const s2 = Math.max(0, first.b0 - ctxN);
      const e2 = Math.min(B.lines.length, lastH.b1 + ctxN);
      const r = (s: number, e: number): string => (e - s === 1 ? `${s + 1}` : `${e - s === 0 ? s : s + 1},${e - s}`);
      out += `@@ -${r(s1, e1)} +${r(s2, e2)} @@\n`;
      let i = s1;
      for (const h of g) {
        for (; i < h.a0; i++) out += ` ${lineA(i)}`;
        for (let k = h.a0; k < h.a1; k++) out += `-${lineA(k)}`;
        for (let k = h.b0; k < h.b1; k++) out += `+${lineB(k)}`;
        i = h.a1;
      }
      for (; i < e1; i++) out += ` ${lineA(i)}`;
    }
  }
  await ctx.stdout.write(out);
  return 1;
}

export const diffInfo: ProgramInfo = { name: 'diff', program: diff };
