/**
 * grep (GNU grep 3.8): basic, extended and fixed patterns; -i -v -n -c -l -L -r -R -o -w -x -q -s
 * -h -H -m -A -B -C -NUM -e -f --include --exclude --exclude-dir --color with GNU's default colours;
 * exit 0 when a line is selected, 1 when none, 2 on error. Reads line by line as input arrives.
 */
import type { Stat } from '../../../engine/fs/types';
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { bytesReader, type ReadStream } from '../../../engine/runtime/streams';
import { completeFlags, parse, type ArgSpec } from '../args';
import { abs, errText, Lines, Out, readRegular } from '../lib/io';
import { escapeRegex, RegexError, translate } from '../lib/regex';
import { globToRegex } from '../lib/glob';

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";

const SPEC: ArgSpec = {
  name: 'grep',
  usageStatus: 2,
  tryHelp: USAGE,
  numericAnywhere: 'C',
  options: [
    { key: 'E', short: 'E', long: 'extended-regexp' },
    { key: 'F', short: 'F', long: 'fixed-strings' },
    { key: 'G', short: 'G', long: 'basic-regexp' },
    { key: 'P', short: 'P', long: 'perl-regexp' },
    { key: 'e', short: 'e', long: 'regexp', arg: 'required' },
    { key: 'f', short: 'f', long: 'file', arg: 'required' },
    { key: 'i', short: 'i', long: 'ignore-case' },
    { key: 'i', short: 'y' },
    { key: 'noI', long: 'no-ignore-case' },
    { key: 'v', short: 'v', long: 'invert-match' },
    { key: 'w', short: 'w', long: 'word-regexp' },
    { key: 'x', short: 'x', long: 'line-regexp' },
    { key: 'c', short: 'c', long: 'count' },
    { key: 'color', long: ['color', 'colour'], arg: 'optional' },
    { key: 'L', short: 'L', long: 'files-without-match' },
    { key: 'l', short: 'l', long: 'files-with-matches' },
    { key: 'm', short: 'm', long: 'max-count', arg: 'required' },
    { key: 'o', short: 'o', long: 'only-matching' },
    { key: 'q', short: 'q', long: ['quiet', 'silent'] },
    { key: 's', short: 's', long: 'no-messages' },
    { key: 'b', short: 'b', long: 'byte-offset' },
    { key: 'H', short: 'H', long: 'with-filename' },
    { key: 'h', short: 'h', long: 'no-filename' },
    { key: 'label', long: 'label', arg: 'required' },
    { key: 'n', short: 'n', long: 'line-number' },
    { key: 'T', short: 'T', long: 'initial-tab' },
    { key: 'Z', short: 'Z', long: 'null' },
    { key: 'z', short: 'z', long: 'null-data' },
    { key: 'a', short: 'a', long: 'text' },
    { key: 'I', short: 'I' },
    { key: 'r', short: 'r', long: 'recursive' },
    { key: 'R', short: 'R', long: 'dereference-recursive' },
    { key: 'include', long: 'include', arg: 'required' },
    { key: 'exclude', long: 'exclude', arg: 'required' },
    { key: 'excludeDir', long: 'exclude-dir', arg: 'required' },
    { key: 'A', short: 'A', long: 'after-context', arg: 'required' },
    { key: 'B', short: 'B', long: 'before-context', arg: 'required' },
    { key: 'C', short: 'C', long: 'context', arg: 'required' },
    { key: 'lineBuffered', long: 'line-buffered' },
    { key: 'version', short: 'V', long: 'version' },
  ],
};

const C = {
  ms: '01;31',
  fn: '35',
  ln: '32',
  bn: '32',
  se: '36',
};

function sgr(code: string, text: string): string {
  return `\x1b[${code}m\x1b[K${text}\x1b[m\x1b[K`;
}

async function grep(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  if (a.has('version')) {
    await ctx.stdout.write('grep (GNU grep) 3.8\n');
    return 0;
  }
  const ops = [...a.operands];
  let patterns: string[] = [];
  if (a.has('e') || a.has('f')) {
    for (const o of a.opts) {
      if (o.key === 'e') patterns.push(...(o.value ?? '').split('\n'));
      if (o.key === 'f') {
        try {
          const t = o.value === '-' ? '' : new TextDecoder().decode(readRegular(ctx, o.value ?? ''));
          const ls = t.split('\n');
          if (ls[ls.length - 1] === '') ls.pop();
          patterns.push(...ls);
        } catch (e) {
          await ctx.stderr.write(`grep: ${o.value}: ${errText(e)}\n`);
          return 2;
        }
      }
    }
  } else {
    if (ops.length === 0) {
      await ctx.stderr.write(USAGE);
      return 2;
    }
    patterns = ops.shift()!.split('\n');
  }
  const num = async (key: string, what: string): Promise<number | undefined | null> => {
    const v = a.get(key);
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v)) {
      await ctx.stderr.write(what === 'max' ? 'grep: invalid max count\n' : `grep: ${v}: invalid context length argument\n`);
      return null;
    }
    return Number(v);
  };
  const ctxAll = await num('C', 'context');
  const after0 = await num('A', 'context');
  const before0 = await num('B', 'context');
  const maxCount = await num('m', 'max');
  if (ctxAll === null || after0 === null || before0 === null || maxCount === null) return 2;
  const after = after0 ?? ctxAll ?? 0;
  const before = before0 ?? ctxAll ?? 0;

  const mode = a.lastOf('E', 'F', 'G', 'P') ?? 'G';
  const ignoreCase = a.lastOf('i', 'noI') === 'i';
  let sources: string[];
  try {
    sources = patterns.map((p) => {
      if (mode === 'F') return escapeRegex(p);
      if (mode === 'P') return p;
      const t = translate(p, mode === 'E');
      if (t.warning) void ctx.stderr.write(`grep: warning: ${t.warning}\n`);
      return t.source;
    });
  } catch (e) {
    if (e instanceof RegexError) {
      await ctx.stderr.write(`grep: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  let src = sources.length === 1 ? sources[0]! : sources.map((s) => `(?:${s})`).join('|');
  if (a.has('x')) src = `^(?:${src})$`;
  else if (a.has('w')) src = `(?<![\\w])(?:${src})(?![\\w])`;
  let re: RegExp;
  try {
    re = new RegExp(src, ignoreCase ? 'gi' : 'g');
  } catch {
    await ctx.stderr.write('grep: Invalid regular expression\n');
    return 2;
  }
  const emptyPattern = patterns.some((p) => p === '') && !a.has('x') && !a.has('w');

  const colorOpt = [...a.opts].reverse().find((o) => o.key === 'color');
  const colorWhen = colorOpt ? (colorOpt.value ?? 'auto') : 'never';
  if (!['always', 'yes', 'force', 'never', 'no', 'none', 'auto', 'tty', 'if-tty'].includes(colorWhen)) {
    await ctx.stderr.write(`grep: invalid argument ‘${colorWhen}’ for ‘--color’\nValid arguments are:\n  - ‘always’, ‘yes’, ‘force’\n  - ‘never’, ‘no’, ‘none’\n  - ‘auto’, ‘tty’, ‘if-tty’\n${USAGE}`);
    return 2;
  }
  const color = ['always', 'yes', 'force'].includes(colorWhen) || (['auto', 'tty', 'if-tty'].includes(colorWhen) && ctx.stdout.isTTY && ctx.env.get('TERM') !== 'dumb');
  const recursive = a.has('r') || a.has('R');
  const invert = a.has('v');
  const quiet = a.has('q');
  const silent = a.has('s');
  const listFiles = a.has('l') ? 'l' : a.has('L') ? 'L' : undefined;
  const count = a.has('c');
  const only = a.has('o');
  const lineNumbers = a.has('n');
  const sepChar = a.has('z') ? '\0' : '\n';
  const includes = a.all('include').map((g) => globToRegex(g));
  const excludes = a.all('exclude').map((g) => globToRegex(g));
  const excludeDirs = a.all('excludeDir').map((g) => globToRegex(g));
  const noOperands = ops.length === 0;
  if (noOperands) ops.push(recursive ? '.' : '-');
  const withName = a.lastOf('H', 'h') === 'H' || (a.lastOf('H', 'h') === undefined && (ops.length > 1 || recursive));

  const out = new Out(ctx.stdout);
  let status = 1;
  let error = false;
  const fail = async (msg: string): Promise<void> => {
    error = true;
    if (silent) return;
    await out.flush();
    await ctx.stderr.write(`grep: ${msg}\n`);
  };

  const fname = (n: string): string => (color ? sgr(C.fn, n) : n);
  const sep = (s: string): string => (color ? sgr(C.se, s) : s);
  const lnum = (n: number): string => (color ? sgr(C.ln, String(n)) : String(n));

  /** Searches one input; returns whether it selected a line. */
  const search = async (stream: ReadStream, name: string): Promise<boolean> => {
    const lines = new Lines(stream, () => out.flush(), undefined, sepChar);
    let selected = 0;
    let lineNo = 0;
    let lastPrinted = 0;
    const beforeBuf: Array<{ n: number; text: string }> = [];
    let afterLeft = 0;
    const prefix = (n: number, kind: ':' | '-'): string => {
      let p = '';
      if (withName) p += fname(name) + sep(a.has('Z') ? '\0' : kind);
      if (lineNumbers) p += lnum(n) + sep(kind);
      return p;
    };
    const printContext = (n: number, text: string): void => {
      if (lastPrinted && n > lastPrinted + 1 && (before || after)) out.write(`${sep('--')}\n`);
      out.write(`${prefix(n, '-')}${text}${sepChar}`);
      lastPrinted = n;
    };
    let binary = false;
    for (;;) {
      const l = await lines.next();
      if (!l) break;
      lineNo++;
      const text = l.line;
      if (!a.has('a') && text.includes('\0') && sepChar === '\n') binary = true;
      re.lastIndex = 0;
      const matched = emptyPattern || re.test(text);
      const sel = matched !== invert;
      if (sel) {
        selected++;
        if (quiet) return true;
        if (listFiles) break;
        if (binary && !count) {
          continue;
        }
        if (!count) {
          for (const b of beforeBuf) if (b.n > lastPrinted) printContext(b.n, b.text);
          beforeBuf.length = 0;
          if (lastPrinted && lineNo > lastPrinted + 1 && (before || after) && !only) out.write(`${sep('--')}\n`);
          if (only) {
            if (!invert) {
              re.lastIndex = 0;
              for (const m of text.matchAll(re)) {
                if (m[0] === '') continue;
                out.write(`${prefix(lineNo, ':')}${color ? sgr(C.ms, m[0]) : m[0]}${sepChar}`);
              }
            }
          } else if (color && !invert) {
            re.lastIndex = 0;
            let last = 0;
            let line = '';
            for (const m of text.matchAll(re)) {
              if (m[0] === '') continue;
              line += text.slice(last, m.index) + sgr(C.ms, m[0]);
              last = m.index + m[0].length;
            }
            out.write(`${prefix(lineNo, ':')}${line}${text.slice(last)}${sepChar}`);
          } else {
            out.write(`${prefix(lineNo, ':')}${text}${sepChar}`);
          }
          lastPrinted = lineNo;
          afterLeft = after;
        }
        if (maxCount !== undefined && selected >= maxCount) break;
      } else if (!count) {
        if (afterLeft > 0) {
          printContext(lineNo, text);
          afterLeft--;
        } else if (before > 0) {
          beforeBuf.push({ n: lineNo, text });
          if (beforeBuf.length > before) beforeBuf.shift();
        }
      }
      await out.maybeFlush();
      await ctx.checkpoint();
    }
    if (maxCount !== undefined && selected >= maxCount && afterLeft > 0 && !count) {
      // GNU keeps printing trailing context after the last counted match
      for (;;) {
        if (afterLeft <= 0) break;
        const l = await lines.next();
        if (!l) break;
        lineNo++;
        re.lastIndex = 0;
        const sel = (emptyPattern || re.test(l.line)) !== invert;
        if (sel) break;
        printContext(lineNo, l.line);
        afterLeft--;
      }
    }
    if (count) out.write(`${withName ? fname(name) + sep(':') : ''}${selected}\n`);
    if (listFiles === 'l' && selected) out.write(`${fname(name)}${a.has('Z') ? '\0' : '\n'}`);
    if (listFiles === 'L' && !selected) out.write(`${fname(name)}${a.has('Z') ? '\0' : '\n'}`);
    if (binary && selected && !count && !listFiles) {
      await out.flush();
      out.write(`grep: ${name}: binary file matches\n`);
    }
    await out.flush();
    return selected > 0;
  };

  const visit = async (name: string, path: string, top: boolean): Promise<boolean> => {
    await ctx.checkpoint();
    let st: Stat;
    try {
      st = top || a.has('R') ? ctx.fs.stat(path) : ctx.fs.lstat(path);
    } catch (e) {
      await fail(`${name}: ${errText(e)}`);
      return false;
    }
    if (st.type === 'symlink') return false;
    if (st.type === 'dir') {
      if (!recursive) {
        await fail(`${name}: Is a directory`);
        return false;
      }
      const base = name.replace(/\/+$/, '').split('/').pop() ?? name;
      if (!top && excludeDirs.some((r) => r.test(base))) return false;
      let any = false;
      let entries: string[];
      try {
        entries = ctx.fs.readdir(path).map((d) => d.name);
      } catch (e) {
        await fail(`${name}: ${errText(e)}`);
        return false;
      }
      for (const n of entries) {
        const childName = noOperands && name === '.' && top ? n : name.endsWith('/') ? `${name}${n}` : `${name}/${n}`;
        if (await visit(childName, path === '/' ? `/${n}` : `${path}/${n}`, false)) any = true;
        if (any && quiet) return true;
      }
      return any;
    }
    const base = name.split('/').pop() ?? name;
    if (!top || recursive) {
      if (includes.length && !includes.some((r) => r.test(base))) return false;
      if (excludes.some((r) => r.test(base))) return false;
    }
    let data: Uint8Array;
    try {
      data = readRegular(ctx, path);
    } catch (e) {
      await fail(`${name}: ${errText(e)}`);
      return false;
    }
    return search(bytesReader(data), name);
  };

  for (const op of ops) {
    let found: boolean;
    if (op === '-') found = await search(ctx.stdin, a.get('label') ?? '(standard input)');
    else found = await visit(op, abs(ctx, op), true);
    if (found) {
      status = 0;
      if (quiet) break;
    }
  }
  await out.flush();
  if (error && !(quiet && status === 0)) return 2;
  return status;
}

export const grepInfo: ProgramInfo = { name: 'grep', program: grep, complete: completeFlags(SPEC) };
