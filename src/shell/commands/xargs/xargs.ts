/**
 * xargs [-0] [-d DELIM] [-n MAX] [-L MAX] [-I REPL] [-r] [-t] [-p] [COMMAND [ARGS]]: builds
 * command lines from its input and runs them (echo by default). Exit 123 when a command failed,
 * 127 when it cannot be found, 126 when it cannot run.
 */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { parse, type ArgSpec } from '../args';
import { errText, readAllText } from '../lib/io';
import { trySpawn, waitChild } from '../lib/spawn';
import { nullReader } from '../../../engine/runtime/streams';

const SPEC: ArgSpec = {
  name: 'xargs',
  stopAtOperand: true,
  options: [
    { key: '0', short: '0', long: 'null' },
    { key: 'd', short: 'd', long: 'delimiter', arg: 'required' },
    { key: 'n', short: 'n', long: 'max-args', arg: 'required' },
    { key: 'L', short: 'L', long: 'max-lines', arg: 'required' },
    { key: 'I', short: 'I', arg: 'required' },
    { key: 'i', short: 'i', long: 'replace', arg: 'optional' },
    { key: 'r', short: 'r', long: 'no-run-if-empty' },
    { key: 't', short: 't', long: 'verbose' },
    { key: 'p', short: 'p', long: 'interactive' },
    { key: 'P', short: 'P', long: 'max-procs', arg: 'required' },
    { key: 's', short: 's', long: 'max-chars', arg: 'required' },
    { key: 'x', short: 'x', long: 'exit' },
    { key: 'a', short: 'a', long: 'arg-file', arg: 'required' },
    { key: 'E', short: 'E', arg: 'required' },
  ],
};

/** Splits xargs input: blanks separate, quotes and backslashes escape. */
function splitWords(text: string): { words: string[]; lines: string[][]; error?: string } {
  const words: string[] = [];
  const lines: string[][] = [[]];
  let cur = '';
  let has = false;
  let q: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (q) {
      if (c === q) q = undefined;
      else if (c === '\n') return { words, lines, error: `unmatched ${q === "'" ? 'single' : 'double'} quote; by default quotes are special to xargs unless you use the -0 option` };
      else cur += c;
      continue;
    }
    if (c === "'" || c === '"') {
      q = c;
      has = true;
    } else if (c === '\\' && i + 1 < text.length) {
      cur += text[++i];
      has = true;
    } else if (/\s/.test(c)) {
      if (has) {
        words.push(cur);
        lines[lines.length - 1]!.push(cur);
      }
      cur = '';
      has = false;
      if (c === '\n') lines.push([]);
    } else {
      cur += c;
      has = true;
    }
  }
  if (q) return { words, lines, error: `unmatched ${q === "'" ? 'single' : 'double'} quote; by default quotes are special to xargs unless you use the -0 option` };
  if (has) {
    words.push(cur);
    lines[lines.length - 1]!.push(cur);
  }
  return { words, lines: lines.filter((l) => l.length) };
}

async function xargs(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  const cmd = a.operands.length ? a.operands : ['echo'];
  for (const k of ['n', 'L']) {
    const v = a.get(k);
    if (v !== undefined && !(/^\d+$/.test(v) && Number(v) >= 1)) {
      await ctx.stderr.write(`xargs: value ${v} for -${k} option should be >= 1\nTry 'xargs --help' for more information.\n`);
      return 1;
    }
  }
  const text = await readAllText(ctx.stdin);
  let items: string[];
  let groups: string[][];
  let parseError: string | undefined;
  const repl = a.get('I') ?? (a.has('i') ? a.get('i') || '{}' : undefined);
  if (a.has('0') || a.has('d')) {
    const d = a.has('0') ? '\0' : (a.get('d') ?? '\n').replace(/^\\n$/, '\n').replace(/^\\t$/, '\t');
    items = text.split(d);
    if (items[items.length - 1] === '') items.pop();
    groups = items.map((x) => [x]);
  } else if (repl !== undefined) {
    items = text.split('\n').map((l) => l.replace(/^\s+/, '')).filter((l) => l !== '');
    groups = items.map((x) => [x]);
  } else {
    const r = splitWords(text);
    items = r.words;
    groups = r.lines;
    parseError = r.error;
  }
  let runs: string[][];
  if (repl !== undefined) runs = items.map((it) => cmd.map((c) => c.split(repl).join(it)));
  else if (a.get('L') !== undefined) {
    const L = Number(a.get('L'));
    runs = [];
    for (let i = 0; i < groups.length; i += L) runs.push([...cmd, ...groups.slice(i, i + L).flat()]);
  } else if (a.get('n') !== undefined) {
    const n = Number(a.get('n'));
    runs = [];
    for (let i = 0; i < items.length; i += n) runs.push([...cmd, ...items.slice(i, i + n)]);
  } else runs = items.length || parseError ? (items.length ? [[...cmd, ...items]] : []) : [];
  if (runs.length === 0 && !a.has('r') && !parseError && repl === undefined) runs = [[...cmd]];
  let status = 0;
  if (parseError) {
    await ctx.stderr.write(`xargs: ${parseError}\n`);
    status = 1;
  }
  for (const argv of runs) {
    if (a.has('t') || a.has('p')) await ctx.stderr.write(`${argv.join(' ')}\n`);
    const r = trySpawn(ctx, argv, { stdio: { stdin: nullReader, stdout: ctx.stdout, stderr: ctx.stderr } });
    if (!r.ok) {
      await ctx.stderr.write(`xargs: ${argv[0]}: ${errText(r.error)}\n`);
      return r.error.code === 'ENOENT' ? 127 : 126;
    }
    const e = await waitChild(ctx, r.proc);
    if (e.signal) {
      await ctx.stderr.write(`xargs: ${argv[0]}: terminated by signal ${e.status - 128}\n`);
      return 125;
    }
    if (e.status === 255) {
      await ctx.stderr.write(`xargs: ${argv[0]}: exited with status 255; aborting\n`);
      return 124;
    }
    if (e.status !== 0) status = 123;
  }
  return status;
}

export const xargsInfo: ProgramInfo = { name: 'xargs', program: xargs };
