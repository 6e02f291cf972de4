/**
 * sed (GNU sed 4.9): -n -e -f -i[SUFFIX] -E/-r -s -z; addresses N, $, /re/I, \cREc, first~step,
 * ranges (addr,+N addr,~N 0,/re/), `!`, blocks; commands s y d D p P n N q Q a i c = l r w h H g
 * G x b t T : z F #; s flags g p N i m w; replacement & \1-\9 \n \U \L \u \l \E. Errors in GNU's
 * words with the expression number and character position. Streams line by line.
 */
import { isSysError } from '../../../engine/core/errors';
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { bytesReader, type ReadStream } from '../../../engine/runtime/streams';
import { completeFlags, helpOrVersion, parseArgs, type ArgSpec } from '../args';
import { abs, errText, Lines, Out, readRegular } from '../lib/io';
import { RegexError, translate } from '../lib/regex';
import { SED_USAGE } from './usage';

const SPEC: ArgSpec = {
  name: 'sed',
  tryHelp: SED_USAGE,
  options: [
    { key: 'n', short: 'n', long: ['quiet', 'silent'] },
    { key: 'e', short: 'e', long: 'expression', arg: 'required' },
    { key: 'f', short: 'f', long: 'file', arg: 'required' },
    { key: 'i', short: 'i', long: 'in-place', arg: 'optional' },
    { key: 'E', short: 'E', long: 'regexp-extended' },
    { key: 'E', short: 'r' },
    { key: 's', short: 's', long: 'separate' },
    { key: 'z', short: 'z', long: 'null-data' },
    { key: 'u', short: 'u', long: 'unbuffered' },
    { key: 'l', short: 'l', long: 'line-length', arg: 'required' },
    { key: 'posix', long: 'posix' },
    { key: 'debug', long: 'debug' },
    { key: 'sandbox', long: 'sandbox' },
    { key: 'followSymlinks', long: 'follow-symlinks' },
    { key: 'version', long: 'version' },
  ],
};

class SedError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
  }
}

type Addr =
  | { kind: 'line'; n: number }
  | { kind: 'last' }
  | { kind: 're'; re: RegExp | null }
  | { kind: 'step'; first: number; step: number }
  | { kind: 'zero' };
type Addr2 = Addr | { kind: 'plus'; n: number } | { kind: 'tilde'; n: number };

interface Cmd {
  a1?: Addr;
  a2?: Addr2;
  neg: boolean;
  name: string;
  /** Text of a, i, c; label of b, t, T, :; file of r, w. */
  text?: string;
  /** s and y. */
  re?: RegExp | null;
  repl?: ReplPart[];
  global?: boolean;
  nth?: number;
  print?: number;
  wfile?: string;
  ySrc?: string[];
  yDst?: string[];
  exitCode?: number;
  /** For "{": index of the matching "}"; for branches: the target index. */
  jump?: number;
  /** Range state. */
  active?: boolean;
  rangeEnd?: number;
}

type ReplPart = { lit: string } | { group: number } | { caseOp: 'U' | 'L' | 'u' | 'l' | 'E' };

class Parser {
  pos = 0;
  readonly cmds: Cmd[] = [];
  private readonly blocks: number[] = [];
  constructor(
    private readonly s: string,
    private readonly ere: boolean,
  ) {}

  private err(msg: string, pos = this.pos): never {
    throw new SedError(msg, pos);
  }
  /** Where the bracket expression opened just before `pos` ends (its `]`; the length if it does not). */
  private bracketEnd(): number {
    let j = this.pos;
    if (this.s[j] === '^') j++;
    if (this.s[j] === ']') j++;
    while (j < this.s.length && this.s[j] !== ']') {
      if (this.s[j] === '[' && /[:.=]/.test(this.s[j + 1] ?? '')) {
        const end = this.s.indexOf(`${this.s[j + 1]}]`, j + 2);
        j = end < 0 ? this.s.length : end + 2;
      } else j++;
    }
    return j;
  }
  private peek(): string | undefined {
    return this.s[this.pos];
  }
  private next(): string | undefined {
    return this.s[this.pos++];
  }
  private skipWs(): void {
    while (this.pos < this.s.length && /[ \t]/.test(this.s[this.pos]!)) this.pos++;
  }

  parse(): Cmd[] {
    for (;;) {
      while (this.pos < this.s.length && /[ \t\n;]/.test(this.s[this.pos]!)) this.pos++;
      if (this.pos >= this.s.length) break;
      if (this.peek() === '#') {
        while (this.pos < this.s.length && this.s[this.pos] !== '\n') this.pos++;
        continue;
      }
      this.command();
    }
    if (this.blocks.length) this.err("unmatched `{'", 0);
    // resolve labels
    for (const c of this.cmds) {
      if ((c.name === 'b' || c.name === 't' || c.name === 'T') && c.text) {
        const target = this.cmds.findIndex((x) => x.name === ':' && x.text === c.text);
        if (target < 0) throw new SedError(`can't find label for jump to \`${c.text}'`, -1);
        c.jump = target;
      }
    }
    return this.cmds;
  }

  private regex(delim: string): RegExp | null {
    let src = '';
    for (;;) {
      const c = this.next();
      if (c === undefined) return this.err('unterminated address regex', this.s.length);
      if (c === delim) break;
      if (c === '\\') {
        const n = this.next();
        if (n === undefined) return this.err('unterminated address regex', this.s.length);
        if (n === delim) src += delim;
        else if (n === 'n') src += '\n';
        else src += `\\${n}`;
        continue;
      }
      if (c === '[') {
        src += c;
        // copy a bracket expression verbatim
        const j = this.bracketEnd();
        src += this.s.slice(this.pos, j + 1);
        this.pos = j + 1;
        continue;
      }
      src += c;
    }
    let flags = '';
    for (;;) {
      const f = this.peek();
      if (f === 'I') flags += 'i';
      else if (f === 'M') flags += 'm';
      else break;
      this.pos++;
    }
    return this.compile(src, flags);
  }

  compile(src: string, flags: string): RegExp | null {
    if (src === '') return null;
    try {
      const t = translate(src, this.ere);
      return new RegExp(t.source, `g${flags.includes('m') ? 'm' : 's'}${flags.includes('i') ? 'i' : ''}`);
    } catch (e) {
      if (e instanceof RegexError) this.err(e.message);
      this.err('Invalid regular expression');
    }
  }

  private address(): Addr | undefined {
    const c = this.peek();
    if (c === undefined) return undefined;
    if (/\d/.test(c)) {
      let d = '';
      while (/\d/.test(this.peek() ?? '')) d += this.next();
      if (this.peek() === '~') {
        this.pos++;
        let st = '';
        while (/\d/.test(this.peek() ?? '')) st += this.next();
        return { kind: 'step', first: Number(d), step: Number(st || '0') };
      }
      return Number(d) === 0 ? { kind: 'zero' } : { kind: 'line', n: Number(d) };
    }
    if (c === '$') {
      this.pos++;
      return { kind: 'last' };
    }
    if (c === '/') {
      this.pos++;
      return { kind: 're', re: this.regex('/') };
    }
    if (c === '\\') {
      this.pos++;
      const d = this.next();
      if (d === undefined) this.err('unexpected `,\'');
      return { kind: 're', re: this.regex(d) };
    }
    return undefined;
  }

  private endOfCommand(): void {
    this.skipWs();
    const c = this.peek();
    if (c === undefined || c === ';' || c === '\n' || c === '}' || c === '#') return;
    this.pos++;
    this.err('extra characters after command');
  }

  private readLabel(): string {
    this.skipWs();
    let l = '';
    while (this.pos < this.s.length && !/[\n;}]/.test(this.s[this.pos]!)) l += this.s[this.pos++];
    return l.trim();
  }

  private readText(): string {
    // GNU one-liner `a text` or classic `a\` newline text; backslash-newline continues.
    this.skipWs();
    if (this.peek() === '\\') {
      this.pos++;
      if (this.peek() === '\n') this.pos++;
      else this.skipWs();
    }
    let t = '';
    while (this.pos < this.s.length) {
      const c = this.s[this.pos++]!;
      if (c === '\\') {
        const n = this.s[this.pos++];
        if (n === undefined) break;
        t += n;
        continue;
      }
      if (c === '\n') break;
      t += c;
    }
    return t;
  }

  private command(): void {
    const cmd: Cmd = { neg: false, name: '' };
    const a1 = this.address();
    if (a1) {
      cmd.a1 = a1;
      this.skipWs();
      if (this.peek() === ',') {
        this.pos++;
        this.skipWs();
        const c = this.peek();
        if (c === '+' || c === '~') {
          this.pos++;
          let d = '';
          while (/\d/.test(this.peek() ?? '')) d += this.next();
          cmd.a2 = { kind: c === '+' ? 'plus' : 'tilde', n: Number(d || '0') };
        } else {
          const a2 = this.address();
          if (!a2) {
            this.pos++;
            this.err("unexpected `,'");
          }
          cmd.a2 = a2.kind === 'zero' ? { kind: 'line', n: 0 } : a2;
        }
      }
      if (a1.kind === 'zero' && !(cmd.a2 && cmd.a2.kind === 're')) this.err('invalid usage of line address 0');
    }
    this.skipWs();
    while (this.peek() === '!') {
      this.pos++;
      cmd.neg = true;
      this.skipWs();
    }
    if (this.peek() === undefined) this.err('missing command');
    const name = this.next()!;
    cmd.name = name;
    const noAddr = (): void => {
      if (cmd.a1) this.err(`${name === '}' ? "unexpected `}'" : ": doesn't want any addresses"}`);
    };
    switch (name) {
      case '{':
        this.blocks.push(this.cmds.length);
        this.cmds.push(cmd);
        return;
      case '}': {
        if (!this.blocks.length) this.err("unexpected `}'");
        if (cmd.a1) this.err("unexpected `}'");
        const open = this.blocks.pop()!;
        this.cmds[open]!.jump = this.cmds.length;
        this.cmds.push(cmd);
        this.endOfCommand();
        return;
      }
      case '#':
        if (cmd.a1) this.err("comments don't accept any addresses");
        while (this.pos < this.s.length && this.s[this.pos] !== '\n') this.pos++;
        return;
      case ':': {
        noAddr();
        const l = this.readLabel();
        if (!l) this.err('":" lacks a label');
        cmd.text = l;
        break;
      }
      case 'b': case 't': case 'T':
        cmd.text = this.readLabel();
        break;
      case 'a': case 'i': case 'c': {
        this.skipWs();
        if (this.pos >= this.s.length) this.err("expected \\ after `a', `c' or `i'");
        cmd.text = this.readText();
        break;
      }
      case 'r': case 'R': case 'w': case 'W': {
        this.skipWs();
        let f = '';
        while (this.pos < this.s.length && this.s[this.pos] !== '\n') f += this.s[this.pos++];
        if (!f) this.err('missing filename in r/R/w/W commands');
        cmd.text = f;
        break;
      }
      case 'q': case 'Q': case 'l': case 'L': {
        this.skipWs();
        let d = '';
        while (/\d/.test(this.peek() ?? '')) d += this.next();
        if (d) cmd.exitCode = Number(d);
        this.endOfCommand();
        break;
      }
      case '=': case 'd': case 'D': case 'p': case 'P': case 'n': case 'N': case 'h': case 'H': case 'g': case 'G': case 'x': case 'z': case 'F': case 'e':
        this.endOfCommand();
        break;
      case 's':
        this.substitute(cmd);
        break;
      case 'y':
        this.translit(cmd);
        break;
      default:
        this.err(`unknown command: \`${name}'`);
    }
    this.cmds.push(cmd);
  }

  /** Reads a part of s/// up to the delimiter; regex parts keep escapes, others resolve \delim. */
  private part(delim: string, isRegex: boolean): string {
    let out = '';
    for (;;) {
      const c = this.next();
      if (c === undefined) this.err(`unterminated \`s' command`, this.s.length);
      if (c === delim) return out;
      if (c === '\\') {
        const n = this.next();
        if (n === undefined) this.err(`unterminated \`s' command`, this.s.length);
        if (n === delim) out += isRegex && /[.*[\]^$]/.test(delim) ? `\\${delim}` : delim;
        else if (n === 'n' && isRegex) out += '\n';
        else if (n === '\n') out += isRegex ? '\n' : '\\\n';
        else out += `\\${n}`;
        continue;
      }
      if (c === '[' && isRegex) {
        out += c;
        const j = this.bracketEnd();
        if (j >= this.s.length) this.err(`unterminated \`s' command`, this.s.length);
        out += this.s.slice(this.pos, j + 1);
        this.pos = j + 1;
        continue;
      }
      out += c;
    }
  }

  private substitute(cmd: Cmd): void {
    const delim = this.next();
    if (delim === undefined || delim === '\n' || delim === '\\') this.err(`unterminated \`s' command`, this.s.length);
    const reSrc = this.part(delim, true);
    const replSrc = this.part(delim, false);
    let flags = '';
    for (;;) {
      const f = this.peek();
      if (f === undefined) break;
      if (f === 'g') {
        if (cmd.global) {
          this.pos++;
          this.err("multiple `g' options to `s' command");
        }
        cmd.global = true;
      } else if (f === 'p') {
        if (cmd.print) {
          this.pos++;
          this.err("multiple `p' options to `s' command");
        }
        cmd.print = 1;
      } else if (f === 'i' || f === 'I') flags += 'i';
      else if (f === 'm' || f === 'M') flags += 'm';
      else if (f === 'e') flags += 'e';
      else if (/\d/.test(f)) {
        let d = '';
        while (/\d/.test(this.peek() ?? '')) d += this.next();
        if (Number(d) === 0) this.err("number option to `s' command may not be zero");
        cmd.nth = Number(d);
        continue;
      } else if (f === 'w') {
        this.pos++;
        this.skipWs();
        let file = '';
        while (this.pos < this.s.length && this.s[this.pos] !== '\n') file += this.s[this.pos++];
        if (!file) this.err('missing filename in r/R/w/W commands');
        cmd.wfile = file;
        break;
      } else if (/[ \t;\n}#]/.test(f)) break;
      else {
        this.pos++;
        this.err("unknown option to `s'");
      }
      this.pos++;
    }
    const end = this.pos;
    this.endOfCommand();
    const re = this.compile(reSrc, flags);
    const groups = reSrc === '' ? 9 : countGroups(reSrc, this.ere);
    cmd.re = re;
    cmd.repl = parseRepl(replSrc, groups, end, (m, p) => this.err(m, p));
  }

  private translit(cmd: Cmd): void {
    const delim = this.next();
    if (delim === undefined) this.err("unterminated `y' command", this.s.length);
    const read = (): string[] => {
      const out: string[] = [];
      for (;;) {
        const c = this.next();
        if (c === undefined) this.err("unterminated `y' command", this.s.length);
        if (c === delim) return out;
        if (c === '\\') {
          const n = this.next();
          if (n === 'n') out.push('\n');
          else if (n === '\\') out.push('\\');
          else if (n === delim) out.push(delim);
          else this.err("unknown option to `s'");
          continue;
        }
        out.push(c);
      }
    };
    const src = read();
    const dst = read();
    if (src.length !== dst.length) this.err("strings for `y' command are different lengths");
    cmd.ySrc = src;
    cmd.yDst = dst;
    this.endOfCommand();
  }
}

function countGroups(src: string, ere: boolean): number {
  try {
    return translate(src, ere).groups;
  } catch {
    return 0;
  }
}

function parseRepl(s: string, groups: number, endPos: number, err: (m: string, p: number) => never): ReplPart[] {
  const parts: ReplPart[] = [];
  let lit = '';
  const flush = (): void => {
    if (lit) parts.push({ lit });
    lit = '';
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '&') {
      flush();
      parts.push({ group: 0 });
    } else if (c === '\\' && i + 1 < s.length) {
      const n = s[++i]!;
      if (/\d/.test(n)) {
        if (Number(n) > groups) err(`invalid reference \\${n} on \`s' command's RHS`, endPos);
        flush();
        parts.push({ group: Number(n) });
      } else if ('ULulE'.includes(n)) {
        flush();
        parts.push({ caseOp: n as 'U' });
      } else if (n === 'n') lit += '\n';
      else if (n === 't') lit += '\t';
      else if (n === '\n') lit += '\n';
      else lit += n;
    } else lit += c;
  }
  flush();
  return parts;
}

function expand(parts: ReplPart[], m: RegExpExecArray): string {
  let out = '';
  let mode: 'U' | 'L' | undefined;
  let once: 'u' | 'l' | undefined;
  const add = (t: string): void => {
    for (const ch of t) {
      let c = mode === 'U' ? ch.toUpperCase() : mode === 'L' ? ch.toLowerCase() : ch;
      if (once) {
        c = once === 'u' ? c.toUpperCase() : c.toLowerCase();
        once = undefined;
      }
      out += c;
    }
  };
  for (const p of parts) {
    if ('lit' in p) add(p.lit);
    else if ('group' in p) add(m[p.group] ?? '');
    else if (p.caseOp === 'E') {
      mode = undefined;
      once = undefined;
    } else if (p.caseOp === 'U' || p.caseOp === 'L') mode = p.caseOp;
    else once = p.caseOp;
  }
  return out;
}

/** `l` output: escapes, octal for non-printables, lines wrapped at `width` with a trailing "\". */
function listLine(s: string, width: number): string {
  const bytes = new TextEncoder().encode(s);
  let out = '';
  let col = 0;
  const emit = (t: string): void => {
    if (width > 1 && col + t.length > width - 1) {
      out += '\\\n';
      col = 0;
    }
    out += t;
    col += t.length;
  };
  const names: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 92: '\\\\' };
  for (const b of bytes) {
    if (names[b]) emit(names[b]);
    else if (b < 32 || b >= 127) emit(`\\${b.toString(8).padStart(3, '0')}`);
    else emit(String.fromCharCode(b));
  }
  return `${out}$\n`;
}

interface Input {
  name: string;
  stream: ReadStream;
}

async function sed(ctx: ProcessContext): Promise<number> {
  const hv = await helpOrVersion(ctx, SPEC);
  if (hv !== undefined) return hv;
  const r = parseArgs(SPEC, ctx.argv.slice(1));
  if (!r.ok) {
    await ctx.stderr.write(r.message);
    return 1;
  }
  const a = r.args;
  if (a.has('version')) {
    await ctx.stdout.write('sed (GNU sed) 4.9\n');
    return 0;
  }
  const ops = [...a.operands];
  const exprs: string[] = [];
  const labels: string[] = [];
  for (const o of a.opts) {
    if (o.key === 'e') {
      exprs.push(o.value ?? '');
      labels.push(`-e expression #${exprs.length}`);
    } else if (o.key === 'f') {
      try {
        const t = o.value === '-' ? '' : new TextDecoder().decode(readRegular(ctx, o.value ?? ''));
        exprs.push(t.endsWith('\n') ? t.slice(0, -1) : t);
        labels.push(`file ${o.value}`);
      } catch (e) {
        await ctx.stderr.write(`sed: couldn't open file ${o.value}: ${errText(e)}\n`);
        return 1;
      }
    }
  }
  if (exprs.length === 0) {
    if (ops.length === 0) {
      await ctx.stderr.write(SED_USAGE);
      return 1;
    }
    exprs.push(ops.shift()!);
    labels.push('-e expression #1');
  }
  const script = exprs.join('\n');
  let quiet = a.has('n');
  if (/^#n(\n|$)/.test(exprs[0]!) && a.operands.length >= 0) quiet = true;
  let cmds: Cmd[];
  try {
    cmds = new Parser(script, a.has('E')).parse();
  } catch (e) {
    if (e instanceof SedError) {
      if (e.pos < 0) {
        await ctx.stderr.write(`sed: ${e.message}\n`);
        return 4;
      }
      // map the position to its expression
      let off = 0;
      let k = 0;
      while (k < exprs.length - 1 && e.pos > off + exprs[k]!.length) {
        off += exprs[k]!.length + 1;
        k++;
      }
      const label = labels[k] ?? '-e expression #1';
      if (label.startsWith('file ')) {
        const line = script.slice(off, e.pos).split('\n').length;
        await ctx.stderr.write(`sed: ${label} line ${line}: ${e.message}\n`);
      } else await ctx.stderr.write(`sed: ${label}, char ${e.pos === 0 ? 0 : e.pos - off}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }

  const inPlace = a.has('i');
  const suffix = a.get('i') ?? '';
  const separate = a.has('s') || inPlace;
  const sep = a.has('z') ? '\0' : '\n';
  const lineWidth = Number(a.get('l') ?? '70');
  const files = ops.length ? ops : ['-'];
  let status = 0;
  const wfiles = new Map<string, string[]>();
  for (const c of cmds) {
    const f = c.name === 'w' ? c.text : c.wfile;
    if (f && f !== '/dev/stdout' && f !== '/dev/stderr') {
      wfiles.set(f, []);
      try {
        ctx.fs.writeFile(abs(ctx, f), '');
      } catch (e) {
        await ctx.stderr.write(`sed: couldn't open file ${f}: ${errText(e)}\n`);
        return 4;
      }
    }
  }

  const stdout = new Out(ctx.stdout);
  let out = stdout;
  /** GNU sed leaves out the newline of a last line that had none, until more output follows. */
  let missingNewline = false;
  const emit = (text: string): void => {
    if (missingNewline) {
      out.write(sep);
      missingNewline = false;
    }
    out.write(text);
  };
  /** Writes the pattern space (p, P, autoprint): without its newline on a last line that had none. */
  let psNewline = true;
  const emitPs = (text: string): void => {
    emit(text);
    if (psNewline) out.write(sep);
    else missingNewline = true;
  };
  let lastRe: RegExp | null = null;
  let hold = '';
  let quitCode: number | undefined;

  const openInputs = async (names: string[]): Promise<Input[]> => {
    const list: Input[] = [];
    for (const f of names) {
      if (f === '-' && !inPlace) {
        list.push({ name: '-', stream: ctx.stdin });
        continue;
      }
      try {
        const p = abs(ctx, f);
        const st = ctx.fs.stat(p);
        if (st.type === 'dir') {
          if (inPlace) await ctx.stderr.write(`sed: couldn't edit ${f}: not a regular file\n`);
          else await ctx.stderr.write(`sed: read error on ${f}: Is a directory\n`);
          status = 4;
          continue;
        }
        list.push({ name: f, stream: bytesReader(ctx.fs.readFile(p)) });
      } catch (e) {
        await ctx.stderr.write(`sed: can't read ${f}: ${errText(e)}\n`);
        status = 2;
      }
    }
    return list;
  };

  /** Runs the script over a sequence of inputs as one stream. */
  const runOver = async (inputs: Input[]): Promise<void> => {
    let idx = 0;
    let reader: Lines | undefined;
    let fileName = '-';
    let lineNo = 0;
    let ahead: { line: string; newline: boolean } | null | undefined;
    const fetch = async (): Promise<{ line: string; newline: boolean } | null> => {
      for (;;) {
        if (!reader) {
          const inp = inputs[idx];
          if (!inp) return null;
          reader = new Lines(inp.stream, () => out.flush(), undefined, sep);
          fileName = inp.name;
        }
        const l = await reader.next();
        if (l) return l;
        reader = undefined;
        idx++;
      }
    };
    const nextLine = async (): Promise<{ line: string; newline: boolean } | null> => {
      const cur = ahead === undefined ? await fetch() : ahead;
      ahead = cur === null ? null : await fetch();
      if (cur) lineNo++;
      return cur;
    };
    const isLast = (): boolean => ahead === null;

    const matchAddr = (ad: Addr, ps: string): boolean => {
      switch (ad.kind) {
        case 'line': return lineNo === ad.n;
        case 'last': return isLast();
        case 'zero': return false;
        case 'step': return ad.step <= 0 ? lineNo === ad.first : lineNo >= ad.first && (lineNo - ad.first) % ad.step === 0;
        case 're': {
          const re = ad.re ?? lastRe;
          if (!re) return false;
          lastRe = re;
          re.lastIndex = 0;
          return re.test(ps);
        }
      }
    };
    const selected = (c: Cmd, ps: string): boolean => {
      if (!c.a1) return true;
      if (!c.a2) return matchAddr(c.a1, ps);
      if (c.active) {
        const a2 = c.a2;
        let end: boolean;
        if (a2.kind === 'line') end = lineNo >= a2.n;
        else if (a2.kind === 'plus' || a2.kind === 'tilde') end = lineNo >= (c.rangeEnd ?? 0);
        else end = matchAddr(a2, ps);
        if (end) c.active = false;
        return true;
      }
      const startsZero = c.a1.kind === 'zero' && lineNo === 1;
      if (startsZero || matchAddr(c.a1, ps)) {
        const a2 = c.a2;
        if (a2.kind === 'line') {
          c.active = a2.n > lineNo;
        } else if (a2.kind === 'plus') {
          c.rangeEnd = lineNo + a2.n;
          c.active = a2.n > 0;
        } else if (a2.kind === 'tilde') {
          c.rangeEnd = a2.n <= 0 ? lineNo : Math.ceil(lineNo / a2.n) * a2.n;
          c.active = c.rangeEnd > lineNo;
        } else if (startsZero && matchAddr(a2, ps)) {
          c.active = false;
        } else c.active = true;
        return true;
      }
      return false;
    };

    const writeTo = (file: string, text: string): void => {
      if (file === '/dev/stdout') emit(text);
      else if (file === '/dev/stderr') void ctx.stderr.write(text);
      else {
        try {
          ctx.fs.writeFile(abs(ctx, file), text, { append: true });
        } catch {
          // reported at open
        }
      }
    };

    const first = await nextLine();
    let ps = first?.line ?? '';
    psNewline = first?.newline ?? true;
    if (!first) return;
    for (;;) {
      const append: string[] = [];
      let tFlag = false;
      let deleted = false;
      let restart = false;
      const flushAppend = (): void => {
        for (const t of append) emit(t);
        append.length = 0;
      };
      for (let pc = 0; pc < cmds.length; pc++) {
        const c = cmds[pc]!;
        const sel = selected(c, ps) !== c.neg;
        if (!sel) {
          if (c.name === '{') pc = c.jump!;
          continue;
        }
        let stop = false;
        switch (c.name) {
          case '{': case '}': case ':': case '#':
            break;
          case '=':
            emit(`${lineNo}\n`);
            break;
          case 'a':
            append.push(`${c.text}\n`);
            break;
          case 'i':
            emit(`${c.text}\n`);
            break;
          case 'c':
            if (!c.a2 || !c.active || c.neg) emit(`${c.text}\n`);
            deleted = true;
            stop = true;
            break;
          case 'd':
            deleted = true;
            stop = true;
            break;
          case 'D': {
            const nl = ps.indexOf('\n');
            if (nl < 0) {
              deleted = true;
              stop = true;
            } else {
              ps = ps.slice(nl + 1);
              restart = true;
              stop = true;
            }
            break;
          }
          case 'p':
            emitPs(ps);
            break;
          case 'P': {
            const nl = ps.indexOf('\n');
            if (nl < 0) emitPs(ps);
            else emit(ps.slice(0, nl) + sep);
            break;
          }
          case 'l':
            emit(listLine(ps, c.exitCode ?? lineWidth));
            break;
          case 'n': {
            if (isLast()) {
              stop = true;
              break;
            }
            if (!quiet) emitPs(ps);
            flushAppend();
            const l = await nextLine();
            if (!l) {
              stop = true;
              break;
            }
            ps = l.line;
            psNewline = l.newline;
            break;
          }
          case 'N': {
            if (isLast()) {
              stop = true;
              break;
            }
            flushAppend();
            const l = await nextLine();
            if (!l) {
              stop = true;
              break;
            }
            ps = `${ps}\n${l.line}`;
            psNewline = l.newline;
            break;
          }
          case 'g': ps = hold; break;
          case 'G': ps = `${ps}\n${hold}`; break;
          case 'h': hold = ps; break;
          case 'H': hold = `${hold}\n${ps}`; break;
          case 'x': [ps, hold] = [hold, ps]; break;
          case 'z': ps = ''; break;
          case 'F': emit(`${fileName}\n`); break;
          case 'q':
            quitCode = c.exitCode ?? 0;
            stop = true;
            break;
          case 'Q':
            quitCode = c.exitCode ?? 0;
            deleted = true;
            stop = true;
            break;
          case 'r': {
            try {
              append.push(new TextDecoder().decode(readRegular(ctx, c.text!)));
            } catch {
              // a missing file is silently ignored
            }
            break;
          }
          case 'w':
            writeTo(c.text!, ps + sep);
            break;
          case 'b':
            pc = c.jump ?? cmds.length;
            if (c.jump !== undefined) pc--;
            break;
          case 't': case 'T':
            if (tFlag === (c.name === 't')) {
              tFlag = false;
              pc = c.jump ?? cmds.length;
              if (c.jump !== undefined) pc--;
            }
            break;
          case 'y': {
            let o = '';
            for (const ch of ps) {
              const k = c.ySrc!.indexOf(ch);
              o += k >= 0 ? c.yDst![k] : ch;
            }
            ps = o;
            break;
          }
          case 's': {
            const re = c.re ?? lastRe;
            if (!re) {
              await ctx.stderr.write('sed: no previous regular expression\n');
              status = 1;
              quitCode = 1;
              stop = true;
              break;
            }
            lastRe = re;
            re.lastIndex = 0;
            let count = 0;
            let result = '';
            let pos = 0;
            let did = false;
            const nth = c.nth ?? 1;
            for (;;) {
              const m = re.exec(ps);
              if (!m) break;
              count++;
              const take = count >= nth && (c.global || count === nth);
              if (take) {
                result += ps.slice(pos, m.index) + expand(c.repl!, m);
                pos = m.index + m[0].length;
                did = true;
              }
              if (m[0] === '') {
                if (re.lastIndex >= ps.length) break;
                re.lastIndex++;
              }
              if (!c.global && count >= nth) break;
            }
            if (did) {
              ps = result + ps.slice(pos);
              tFlag = true;
              if (c.print) emitPs(ps);
              if (c.wfile) writeTo(c.wfile, ps + sep);
            }
            break;
          }
          default:
            break;
        }
        if (stop) break;
      }
      if (!deleted && !quiet && !restart) emitPs(ps);
      flushAppend();
      await out.maybeFlush();
      await ctx.checkpoint();
      if (quitCode !== undefined) return;
      if (restart) continue;
      const l = await nextLine();
      if (!l) return;
      ps = l.line;
      psNewline = l.newline;

    }
  };

  if (inPlace) {
    for (const f of files) {
      const inputs = await openInputs([f]);
      if (!inputs.length) continue;
      const collected: string[] = [];
      out = new Out({ isTTY: false, write: (d) => { collected.push(typeof d === 'string' ? d : new TextDecoder().decode(d)); return Promise.resolve(); }, close: () => {} });
      for (const c of cmds) c.active = false;
      await runOver(inputs);
      await out.flush();
      const p = abs(ctx, f);
      try {
        if (suffix) {
          const backup = suffix.includes('*') ? suffix.replace(/\*/g, f.split('/').pop()!) : `${f}${suffix}`;
          ctx.fs.writeFile(abs(ctx, backup), ctx.fs.readFile(p));
        }
        ctx.fs.writeFile(p, collected.join(''));
      } catch (e) {
        if (!isSysError(e)) throw e;
        await ctx.stderr.write(`sed: couldn't open temporary file ${f}: ${errText(e)}\n`);
        status = 4;
      }
      if (quitCode !== undefined) break;
    }
  } else if (separate) {
    for (const f of files) {
      const inputs = await openInputs([f]);
      await runOver(inputs);
      if (quitCode !== undefined) break;
    }
  } else {
    await runOver(await openInputs(files));
  }
  await stdout.flush();
  return quitCode !== undefined && quitCode !== 0 ? quitCode : status;
}

export const sedInfo: ProgramInfo = { name: 'sed', program: sed, complete: completeFlags(SPEC) };
