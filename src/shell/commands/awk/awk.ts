/**
 * awk as Debian's mawk 1.3.4: -F, -v, -f, BEGIN/END, patterns and ranges, fields, NF NR FNR FS OFS
 * ORS RS FILENAME SUBSEP RSTART RLENGTH CONVFMT OFMT ENVIRON ARGV, print/printf with > >> |,
 * arithmetic, concatenation, comparisons (numeric strings as POSIX says), regex match, control
 * flow, associative arrays, user functions, getline, and the string and math builtins.
 * Strings are handled as characters (mawk counts bytes: differs only for non-ASCII text).
 */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { Pipe, type ReadStream } from '../../../engine/runtime/streams';
import { abs, errText, Lines, openInput, Out, readRegular } from '../lib/io';
import { translate } from '../lib/regex';
import { trySpawn, waitChild } from '../lib/spawn';
import { formatFloat, formatInt, formatString } from '../printf/cformat';
import { AwkSyntaxError, parseAwk, type Expr, type Func, type Program, type Stmt } from './parse';

/** A string that came from input and looks like a number compares numerically. */
class StrNum {
  constructor(
    readonly s: string,
    readonly n: number,
  ) {}
}
const UNINIT = new StrNum('', 0);
type Val = number | string | StrNum;

function looksNumeric(s: string): boolean {
  return /^[ \t\n]*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[ \t\n]*$/.test(s);
}
function inputVal(s: string): Val {
  return looksNumeric(s) ? new StrNum(s, Number(s.trim())) : s;
}
function strToNum(s: string): number {
  const m = /^[ \t\n]*([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)/.exec(s);
  return m ? Number(m[1]) : 0;
}

class NextSignal {}
class NextFileSignal {}
class BreakSignal {}
class ContinueSignal {}
class ExitSignal {
  constructor(readonly code: number) {}
}
class ReturnSignal {
  constructor(readonly v: Val) {}
}
class AwkRuntimeError extends Error {
  constructor(
    message: string,
    /** What printf had formatted before the error (mawk writes it). */
    readonly partial = '',
  ) {
    super(message);
  }
}

type Cell = Val | Map<string, Val>;

function fmtSpec(fmt: string, args: Val[], toNum: (v: Val) => number, toStr: (v: Val) => string, fn = 'printf'): string {
  let out = '';
  let ai = 0;
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?([a-zA-Z%])/.exec(fmt.slice(i));
    if (!m) {
      out += c;
      continue;
    }
    i += m[0].length - 1;
    if (m[4] === '%') {
      out += '%';
      continue;
    }
    let flags = m[1]!;
    let width = m[2] === '*' ? toNum(args[ai++] ?? 0) : m[2] ? Number(m[2]) : undefined;
    if (width !== undefined && width < 0) {
      flags += '-';
      width = -width;
    }
    const precision = m[3] === '*' ? toNum(args[ai++] ?? 0) : m[3] !== undefined ? Number(m[3]) : undefined;
    const conv = m[4]!;
    const spec = { flags, width, precision, conv };
    if (ai >= args.length) throw new AwkRuntimeError(`not enough arguments passed to ${fn}("${fmt}")`, out);
    const arg = args[ai++];
    switch (conv) {
      case 'd': case 'i': {
        const n = Math.trunc(toNum(arg ?? 0));
        out += formatInt(BigInt(Number.isFinite(n) ? n : 0), { ...spec, conv: 'd' });
        break;
      }
      case 'o': case 'x': case 'X': case 'u': {
        const n = Math.trunc(toNum(arg ?? 0));
        out += formatInt(BigInt(Number.isFinite(n) ? n : 0), spec);
        break;
      }
      case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
        out += formatFloat(toNum(arg ?? 0), spec);
        break;
      case 'c': {
        const v = arg ?? '';
        const ch = typeof v === 'number' ? String.fromCharCode(v) : toStr(v).slice(0, 1);
        out += formatString(ch, { ...spec, precision: undefined });
        break;
      }
      case 's':
        out += formatString(toStr(arg ?? ''), spec);
        break;
      default:
        out += m[0];
    }
  }
  return out;
}

async function awk(ctx: ProcessContext): Promise<number> {
  const argv = ctx.argv.slice(1);
  let fs: string | undefined;
  const assigns: string[] = [];
  const progFiles: string[] = [];
  let i = 0;
  const name = 'awk';
  const unescape = (s: string): string => s.replace(/\\(n|t|\\|")/g, (_m, c: string) => ({ n: '\n', t: '\t', '\\': '\\', '"': '"' })[c]!);
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    if (a.startsWith('-F')) fs = a.length > 2 ? a.slice(2) : argv[++i];
    else if (a.startsWith('-v')) assigns.push(a.length > 2 ? a.slice(2) : (argv[++i] ?? ''));
    else if (a.startsWith('-f')) progFiles.push(a.length > 2 ? a.slice(2) : (argv[++i] ?? ''));
    else if (a.startsWith('-W')) {
      const w = a.length > 2 ? a.slice(2) : (argv[++i] ?? '');
      if (w.startsWith('v')) {
        await ctx.stdout.write('mawk 1.3.4 20200120\nCopyright 2008-2019,2020, Thomas E. Dickey\nCopyright 1991-1996,2014, Michael D. Brennan\n\nrandom-funcs:       internal\nregex-funcs:        internal\ncompiled limits:\nsprintf buffer      8192\nmaximum-integer     2147483647\n');
        return 0;
      }
    } else {
      await ctx.stderr.write(`${name}: not an option: ${a}\n`);
      return 2;
    }
  }
  let src: string;
  if (progFiles.length) {
    try {
      src = progFiles.map((f) => new TextDecoder().decode(readRegular(ctx, f))).join('\n');
    } catch (e) {
      await ctx.stderr.write(`${name}: couldn't open file ${progFiles[0]}: ${errText(e)}\n`);
      return 2;
    }
  } else {
    if (i >= argv.length) {
      await ctx.stderr.write('Usage: mawk [Options] [Program] [file ...]\n');
      return 2;
    }
    src = argv[i++]!;
  }
  const operands = argv.slice(i);
  let prog: Program;
  try {
    prog = parseAwk(src);
  } catch (e) {
    if (e instanceof AwkSyntaxError) {
      await ctx.stderr.write(`${name}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  return new Interp(ctx, prog, name).run(fs === undefined ? undefined : fs === 't' ? '\t' : unescape(fs), assigns.map(unescape), operands);
}

class Interp {
  private readonly globals = new Map<string, Cell>();
  private readonly out: Out;
  private fields: string[] = [''];
  private nf = 0;
  private record = '';
  private fieldsValid = true;
  private recordValid = true;
  private readonly files = new Map<string, { kind: 'file'; path: string } | { kind: 'pipe'; pipe: Pipe; done: Promise<unknown> }>();
  private readonly readers = new Map<string, Lines>();
  private randSeed = 0;
  private prevSeed = 0;
  private mainInput: { next(): Promise<string | null> } | undefined;
  private readonly reCache = new Map<string, RegExp>();
  private readonly frames: Array<Map<string, Cell>> = [];

  constructor(
    private readonly ctx: ProcessContext,
    private readonly prog: Program,
    private readonly name: string,
  ) {
    this.out = new Out(ctx.stdout);
    const set = (k: string, v: Val): void => void this.globals.set(k, v);
    set('FS', ' ');
    set('OFS', ' ');
    set('ORS', '\n');
    set('RS', '\n');
    set('NR', 0);
    set('FNR', 0);
    set('SUBSEP', '\x1c');
    set('CONVFMT', '%.6g');
    set('OFMT', '%.6g');
    set('RSTART', 0);
    set('RLENGTH', -1);
    set('FILENAME', '');
    const env = new Map<string, Val>();
    for (const [k, v] of ctx.env) env.set(k, inputVal(v));
    this.globals.set('ENVIRON', env);
  }

  // ---- values ----
  private num(v: Val): number {
    if (typeof v === 'number') return v;
    if (v instanceof StrNum) return v.n;
    return strToNum(v);
  }
  private str(v: Val, fmtVar = 'CONVFMT'): string {
    if (typeof v === 'string') return v;
    if (v instanceof StrNum) return v.s;
    if (Number.isInteger(v) && Math.abs(v) < 2 ** 53) return String(v);
    if (Number.isNaN(v)) return v > 0 ? 'nan' : '-nan';
    if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
    const f = this.str(this.getVar(fmtVar) as Val);
    return fmtSpec(f, [v], (x) => this.num(x), (x) => this.str(x));
  }
  private bool(v: Val): boolean {
    if (typeof v === 'number') return v !== 0;
    if (v instanceof StrNum) return v === UNINIT ? false : v.n !== 0;
    return v !== '';
  }
  private compare(a: Val, b: Val): number {
    const numeric = (x: Val): boolean => typeof x === 'number' || x instanceof StrNum;
    if (numeric(a) && numeric(b)) {
      const x = this.num(a);
      const y = this.num(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    const x = this.str(a);
    const y = this.str(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  // ---- variables ----
  private frame(): Map<string, Cell> | undefined {
    return this.frames[this.frames.length - 1];
  }
  private cellOwner(name: string): Map<string, Cell> {
    const f = this.frame();
    if (f && f.has(name)) return f;
    return this.globals;
  }
  private getVar(name: string): Cell {
    if (name === 'NF') {
      this.splitIfNeeded();
      return this.nf;
    }
    const owner = this.cellOwner(name);
    return owner.get(name) ?? UNINIT;
  }
  private setVar(name: string, v: Val): void {
    if (name === 'NF') {
      this.splitIfNeeded();
      const n = Math.max(0, Math.trunc(this.num(v)));
      while (this.fields.length <= n) this.fields.push('');
      this.fields.length = n + 1;
      this.nf = n;
      this.recordValid = false;
      return;
    }
    const owner = this.cellOwner(name);
    const cur = owner.get(name);
    if (cur instanceof Map) throw new AwkRuntimeError(`can't assign to ${name}; it's an array name.`);
    owner.set(name, v);
  }
  private array(name: string): Map<string, Val> {
    const owner = this.cellOwner(name);
    const cur = owner.get(name);
    if (cur instanceof Map) return cur;
    const m = new Map<string, Val>();
    owner.set(name, m);
    return m;
  }
  private subscript(subs: Expr[]): Promise<string> {
    return Promise.all(subs.map((s) => this.eval(s))).then((vs) => vs.map((v) => this.str(v)).join(this.str(this.getVar('SUBSEP') as Val)));
  }

  // ---- fields ----
  private setRecord(s: string): void {
    this.record = s;
    this.recordValid = true;
    this.fieldsValid = false;
  }
  private splitIfNeeded(): void {
    if (this.fieldsValid) return;
    const parts = this.splitWith(this.record, this.str(this.getVarRaw('FS')));
    this.fields = ['', ...parts];
    this.nf = parts.length;
    this.fieldsValid = true;
  }
  private getVarRaw(name: string): Val {
    const v = this.globals.get(name);
    return v instanceof Map || v === undefined ? '' : v;
  }
  private splitWith(s: string, sep: string): string[] {
    if (sep === ' ') return s.split(/[ \t\n]+/).filter((x) => x !== '');
    if (s === '') return [];
    if (sep.length === 1 && sep !== '\\') return s.split(sep);
    return s.split(this.regex(sep));
  }
  private getField(i: number): Val {
    if (i < 0) throw new AwkRuntimeError(`negative field index $${i}`);
    if (i === 0) {
      if (!this.recordValid) this.rebuild();
      return inputVal(this.record);
    }
    this.splitIfNeeded();
    return i <= this.nf ? inputVal(this.fields[i]!) : UNINIT;
  }
  private setField(i: number, v: string): void {
    if (i === 0) {
      this.setRecord(v);
      return;
    }
    this.splitIfNeeded();
    while (this.fields.length <= i) this.fields.push('');
    this.fields[i] = v;
    if (i > this.nf) this.nf = i;
    this.recordValid = false;
  }
  private rebuild(): void {
    this.record = this.fields.slice(1, this.nf + 1).join(this.str(this.getVarRaw('OFS')));
    this.recordValid = true;
  }

  private regex(src: string): RegExp {
    let re = this.reCache.get(src);
    if (!re) {
      try {
        re = new RegExp(translate(src, true).source);
      } catch {
        throw new AwkRuntimeError(`regular expression compile failed (missing operand)\n${src}`);
      }
      this.reCache.set(src, re);
    }
    return re;
  }
  private async toRegex(e: Expr): Promise<RegExp> {
    if (e.k === 're') return this.regex(e.src);
    return this.regex(this.str(await this.eval(e)));
  }

  // ---- evaluation ----
  private async assignTo(target: Expr, v: Val): Promise<void> {
    if (target.k === 'var') this.setVar(target.name, v);
    else if (target.k === 'field') this.setField(Math.trunc(this.num(await this.eval(target.e))), this.str(v));
    else if (target.k === 'index') this.array(target.name).set(await this.subscript(target.subs), v);
  }

  private async eval(e: Expr): Promise<Val> {
    switch (e.k) {
      case 'num': return e.v;
      case 'str': return e.v;
      case 're': {
        return this.regex(e.src).test(this.str(this.getField(0))) ? 1 : 0;
      }
      case 'group': return this.eval(e.e);
      case 'var': {
        const v = this.getVar(e.name);
        if (v instanceof Map) throw new AwkRuntimeError(`can't use array ${e.name} in scalar context`);
        return v;
      }
      case 'field': return this.getField(Math.trunc(this.num(await this.eval(e.e))));
      case 'index': {
        const arr = this.array(e.name);
        const k = await this.subscript(e.subs);
        const v = arr.get(k);
        if (v === undefined) {
          arr.set(k, UNINIT);
          return UNINIT;
        }
        return v;
      }
      case 'assign': {
        let v: Val = await this.eval(e.e);
        if (e.op !== '=') {
          const cur = this.num(await this.eval(e.target));
          const r = this.num(v);
          v = this.arith(e.op[0]!, cur, r);
        } else if (v instanceof StrNum && v === UNINIT) v = UNINIT;
        await this.assignTo(e.target, v);
        return v;
      }
      case 'cond': return this.bool(await this.eval(e.c)) ? this.eval(e.a) : this.eval(e.b);
      case 'and': return this.bool(await this.eval(e.a)) && this.bool(await this.eval(e.b)) ? 1 : 0;
      case 'or': return this.bool(await this.eval(e.a)) || this.bool(await this.eval(e.b)) ? 1 : 0;
      case 'not': return this.bool(await this.eval(e.e)) ? 0 : 1;
      case 'neg': return -this.num(await this.eval(e.e));
      case 'plus': return this.num(await this.eval(e.e));
      case 'match': {
        const s = this.str(await this.eval(e.a));
        const m = (await this.toRegex(e.re)).test(s);
        return m !== e.neg ? 1 : 0;
      }
      case 'in': {
        const k = await this.subscript(e.subs);
        return this.array(e.name).has(k) ? 1 : 0;
      }
      case 'incdec': {
        const cur = this.num(await this.eval(e.target));
        const next = e.op === '++' ? cur + 1 : cur - 1;
        await this.assignTo(e.target, next);
        return e.prefix ? next : cur;
      }
      case 'concat': return this.str(await this.eval(e.a)) + this.str(await this.eval(e.b));
      case 'bin': {
        const a = await this.eval(e.a);
        const b = await this.eval(e.b);
        switch (e.op) {
          case '<': return this.compare(a, b) < 0 ? 1 : 0;
          case '<=': return this.compare(a, b) <= 0 ? 1 : 0;
          case '>': return this.compare(a, b) > 0 ? 1 : 0;
          case '>=': return this.compare(a, b) >= 0 ? 1 : 0;
          case '==': return this.compare(a, b) === 0 ? 1 : 0;
          case '!=': return this.compare(a, b) !== 0 ? 1 : 0;
          default: return this.arith(e.op, this.num(a), this.num(b));
        }
      }
      case 'call': return this.call(e.name, e.args);
      case 'builtin': return this.builtin(e.name, e.args);
      case 'getline': return this.getline(e);
    }
  }

  private arith(op: string, a: number, b: number): number {
    switch (op) {
      case '+': return a + b;
      case '-': return a - b;
      case '*': return a * b;
      case '/': return a / b;
      case '%': return a % b;
      case '^': return a ** b;
      default: return 0;
    }
  }

  private async call(name: string, args: Expr[]): Promise<Val> {
    const f: Func | undefined = this.prog.funcs.get(name);
    if (!f) throw new AwkRuntimeError(`function ${name} never defined`);
    const frame = new Map<string, Cell>();
    for (let k = 0; k < f.params.length; k++) {
      const a = args[k];
      if (!a) {
        frame.set(f.params[k]!, UNINIT);
        continue;
      }
      // arrays are passed by reference
      if (a.k === 'var') {
        const cur = this.getVarCell(a.name);
        if (cur instanceof Map) {
          frame.set(f.params[k]!, cur);
          continue;
        }
        if (cur === undefined) {
          // could become an array inside: share a fresh map lazily
          const m = new Map<string, Val>();
          const pname = f.params[k]!;
          frame.set(pname, UNINIT);
          this.pendingArrays.set(frame, [...(this.pendingArrays.get(frame) ?? []), { pname, outer: a.name, m }]);
          continue;
        }
      }
      frame.set(f.params[k]!, await this.eval(a));
    }
    this.frames.push(frame);
    try {
      for (const s of f.body) await this.exec(s);
      return UNINIT;
    } catch (e) {
      if (e instanceof ReturnSignal) return e.v;
      throw e;
    } finally {
      this.frames.pop();
      for (const p of this.pendingArrays.get(frame) ?? []) {
        const v = frame.get(p.pname);
        if (v instanceof Map && this.getVarCell(p.outer) === undefined) this.cellOwner(p.outer).set(p.outer, v);
      }
      this.pendingArrays.delete(frame);
    }
  }
  private readonly pendingArrays = new Map<Map<string, Cell>, Array<{ pname: string; outer: string; m: Map<string, Val> }>>();
  private getVarCell(name: string): Cell | undefined {
    return this.cellOwner(name).get(name);
  }

  private async builtin(name: string, args: Expr[]): Promise<Val> {
    const s = async (k: number): Promise<string> => this.str(await this.eval(args[k]!));
    const n = async (k: number): Promise<number> => this.num(await this.eval(args[k]!));
    switch (name) {
      case 'length': {
        if (args.length === 0) return this.str(this.getField(0)).length;
        const a = args[0]!;
        if (a.k === 'var' && this.getVarCell(a.name) instanceof Map) return (this.getVarCell(a.name) as Map<string, Val>).size;
        return (await s(0)).length;
      }
      case 'substr': {
        const str = await s(0);
        // mawk 1.3.4's arithmetic: truncation, and a start below 1 widens the length
        let m = Math.trunc(await n(1));
        let len = args.length > 2 ? Math.trunc(await n(2)) : Infinity;
        if (m < 1) {
          len -= m;
          m = 1;
        }
        if (len <= 0) return '';
        return str.slice(m - 1, len === Infinity ? undefined : m - 1 + len);
      }
      case 'index': return (await s(0)).indexOf(await s(1)) + 1;
      case 'split': {
        const str = await s(0);
        const arrName = (args[1] as { name: string }).name;
        const sep = args[2] ? (args[2].k === 're' ? args[2].src : await s(2)) : this.str(this.getVarRaw('FS'));
        const parts = args[2]?.k === 're' ? (str === '' ? [] : str.split(this.regex(sep))) : this.splitWith(str, sep);
        const arr = this.array(arrName);
        arr.clear();
        parts.forEach((p, k) => arr.set(String(k + 1), inputVal(p)));
        return parts.length;
      }
      case 'sub': case 'gsub': {
        const re = await this.toRegex(args[0]!);
        const repl = await s(1);
        const target = args[2] ?? { k: 'field', e: { k: 'num', v: 0 } };
        const cur = this.str(await this.eval(target));
        let count = 0;
        const g = new RegExp(re.source, 'g');
        const res = cur.replace(g, (m) => {
          if (name === 'sub' && count > 0) return m;
          count++;
          return repl.replace(/\\\\|\\&|&/g, (x) => (x === '&' ? m : x === '\\&' ? '&' : '\\'));
        });
        if (count) await this.assignTo(target, res);
        return count;
      }
      case 'match': {
        const str = await s(0);
        const m = (await this.toRegex(args[1]!)).exec(str);
        this.globals.set('RSTART', m ? m.index + 1 : 0);
        this.globals.set('RLENGTH', m ? m[0].length : -1);
        return m ? m.index + 1 : 0;
      }
      case 'sprintf': {
        const vals: Val[] = [];
        for (const a of args.slice(1)) vals.push(await this.eval(a));
        return fmtSpec(await s(0), vals, (x) => this.num(x), (x) => this.str(x), 'sprintf');
      }
      case 'sin': return Math.sin(await n(0));
      case 'cos': return Math.cos(await n(0));
      case 'atan2': return Math.atan2(await n(0), await n(1));
      case 'exp': return Math.exp(await n(0));
      case 'log': return Math.log(await n(0));
      case 'sqrt': return Math.sqrt(await n(0));
      case 'int': return Math.trunc(await n(0));
      case 'rand': {
        // deterministic LCG: the engine has no Math.random
        this.randSeed = (this.randSeed * 1103515245 + 12345) % 2147483648;
        return this.randSeed / 2147483648;
      }
      case 'srand': {
        const prev = this.prevSeed;
        this.prevSeed = args.length ? await n(0) : Math.floor(this.ctx.kernel.clock.now() / 1000);
        this.randSeed = Math.abs(Math.trunc(this.prevSeed)) % 2147483648;
        return prev;
      }
      case 'tolower': return (await s(0)).toLowerCase();
      case 'toupper': return (await s(0)).toUpperCase();
      case 'system': {
        await this.flushAll();
        const r = trySpawn(this.ctx, ['sh', '-c', await s(0)]);
        if (!r.ok) return 127;
        return (await waitChild(this.ctx, r.proc)).status;
      }
      case 'close': {
        const k = await s(0);
        const f = this.files.get(k);
        this.readers.delete(k);
        if (!f) return -1;
        this.files.delete(k);
        if (f.kind === 'pipe') {
          await this.out.flush();
          f.pipe.writer.close();
          await f.done;
        }
        return 0;
      }
      case 'fflush':
        await this.out.flush();
        return 0;
      default:
        return UNINIT;
    }
  }

  private async getline(e: Extract<Expr, { k: 'getline' }>): Promise<Val> {
    let line: string | null;
    if (e.file || e.cmd) {
      const key = this.str(await this.eval((e.file ?? e.cmd)!));
      let r = this.readers.get(key);
      if (!r) {
        let stream: ReadStream;
        if (e.cmd) {
          const pipe = new Pipe();
          const sp = trySpawn(this.ctx, ['sh', '-c', key], { stdio: { stdin: this.ctx.stdin, stdout: pipe.writer, stderr: this.ctx.stderr } });
          if (!sp.ok) return -1;
          void sp.proc.exited.then(() => pipe.writer.close());
          stream = pipe.reader;
        } else {
          try {
            stream = openInput(this.ctx, key === '-' || key === '/dev/stdin' ? '-' : key);
          } catch {
            return -1;
          }
        }
        r = new Lines(stream, () => this.out.flush());
        this.readers.set(key, r);
      }
      const l = await r.next();
      line = l ? l.line : null;
      if (line === null) return 0;
      if (e.target) await this.assignTo(e.target, inputVal(line));
      else {
        this.setRecord(line);
        this.globals.set('NR', this.num(this.getVarRaw('NR')) + 1);
      }
      return 1;
    }
    line = this.mainInput ? await this.mainInput.next() : null;
    if (line === null) return 0;
    this.globals.set('NR', this.num(this.getVarRaw('NR')) + 1);
    this.globals.set('FNR', this.num(this.getVarRaw('FNR')) + 1);
    if (e.target) await this.assignTo(e.target, inputVal(line));
    else this.setRecord(line);
    return 1;
  }

  private async output(text: string, redirect: Extract<Stmt, { k: 'print' }>['redirect']): Promise<void> {
    if (!redirect) {
      this.out.write(text);
      await this.out.maybeFlush();
      return;
    }
    const key = this.str(await this.eval(redirect.e));
    let f = this.files.get(key);
    if (!f) {
      if (redirect.kind === '|') {
        const pipe = new Pipe();
        await this.out.flush();
        const sp = trySpawn(this.ctx, ['sh', '-c', key], { stdio: { stdin: pipe.reader, stdout: this.ctx.stdout, stderr: this.ctx.stderr } });
        if (!sp.ok) throw new AwkRuntimeError(`cannot open pipe "${key}"`);
        f = { kind: 'pipe', pipe, done: waitChild(this.ctx, sp.proc) };
      } else if (key === '/dev/stdout' || key === '-') {
        this.out.write(text);
        return;
      } else if (key === '/dev/stderr') {
        await this.out.flush();
        await this.ctx.stderr.write(text);
        return;
      } else {
        const path = abs(this.ctx, key);
        try {
          if (redirect.kind === '>') this.ctx.fs.writeFile(path, '');
          else if (!this.ctx.fs.exists(path)) this.ctx.fs.writeFile(path, '');
        } catch (e) {
          throw new AwkRuntimeError(`cannot open "${key}" for output (${errText(e)})`);
        }
        f = { kind: 'file', path };
      }
      this.files.set(key, f);
    }
    if (f.kind === 'file') this.ctx.fs.writeFile(f.path, text, { append: true });
    else await f.pipe.writer.write(text);
  }

  private async flushAll(): Promise<void> {
    await this.out.flush();
  }

  private async exec(s: Stmt): Promise<void> {
    switch (s.k) {
      case 'expr':
        await this.eval(s.e);
        return;
      case 'print': {
        const vals: string[] = [];
        if (s.args.length === 0) vals.push(this.str(this.getField(0)));
        for (const a of s.args) {
          const v = await this.eval(a);
          vals.push(typeof v === 'number' ? this.str(v, 'OFMT') : this.str(v));
        }
        await this.output(vals.join(this.str(this.getVarRaw('OFS'))) + this.str(this.getVarRaw('ORS')), s.redirect);
        return;
      }
      case 'printf': {
        const vals: Val[] = [];
        for (const a of s.args.slice(1)) vals.push(await this.eval(a));
        const fmt = this.str(await this.eval(s.args[0]!));
        let text: string;
        try {
          text = fmtSpec(fmt, vals, (x) => this.num(x), (x) => this.str(x));
        } catch (e) {
          if (e instanceof AwkRuntimeError && e.partial) await this.output(e.partial, s.redirect);
          throw e;
        }
        await this.output(text, s.redirect);
        return;
      }
      case 'if':
        if (this.bool(await this.eval(s.c))) await this.exec(s.then);
        else if (s.else) await this.exec(s.else);
        return;
      case 'while':
        while (this.bool(await this.eval(s.c))) {
          await this.ctx.checkpoint();
          if (await this.loopBody(s.body)) break;
        }
        return;
      case 'do':
        do {
          await this.ctx.checkpoint();
          if (await this.loopBody(s.body)) break;
        } while (this.bool(await this.eval(s.c)));
        return;
      case 'for':
        if (s.init) await this.exec(s.init);
        while (!s.c || this.bool(await this.eval(s.c))) {
          await this.ctx.checkpoint();
          if (await this.loopBody(s.body)) break;
          if (s.step) await this.exec(s.step);
        }
        return;
      case 'forin': {
        const keys = [...this.array(s.arr).keys()];
        for (const k of keys) {
          this.setVar(s.v, inputVal(k));
          if (await this.loopBody(s.body)) break;
        }
        return;
      }
      case 'block':
        for (const x of s.body) await this.exec(x);
        return;
      case 'next': throw new NextSignal();
      case 'nextfile': throw new NextFileSignal();
      case 'break': throw new BreakSignal();
      case 'continue': throw new ContinueSignal();
      case 'exit': throw new ExitSignal(s.e ? Math.trunc(this.num(await this.eval(s.e))) : -1);
      case 'return': throw new ReturnSignal(s.e ? await this.eval(s.e) : UNINIT);
      case 'delete':
        if (s.subs) this.array(s.name).delete(await this.subscript(s.subs));
        else this.array(s.name).clear();
        return;
      case 'getline':
        await this.eval(s.e);
        return;
    }
  }

  /** Runs a loop body; returns true on break. */
  private async loopBody(body: Stmt): Promise<boolean> {
    try {
      await this.exec(body);
    } catch (e) {
      if (e instanceof BreakSignal) return true;
      if (e instanceof ContinueSignal) return false;
      throw e;
    }
    return false;
  }

  async run(fs: string | undefined, assigns: string[], operands: string[]): Promise<number> {
    const ctx = this.ctx;
    if (fs !== undefined) this.globals.set('FS', fs);
    const assign = (a: string): boolean => {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/.exec(a);
      if (!m) return false;
      this.globals.set(m[1]!, inputVal(m[2]!));
      return true;
    };
    for (const a of assigns) assign(a);
    const argvArr = new Map<string, Val>([['0', this.name]]);
    operands.forEach((o, k) => argvArr.set(String(k + 1), o));
    this.globals.set('ARGV', argvArr);
    this.globals.set('ARGC', operands.length + 1);
    let exitCode = 0;
    let exiting = false;
    const status = { code: 0 };

    // main input: files in ARGV (var=value assignments processed as they come)
    let fileIdx = 1;
    let cur: Lines | undefined;
    const nextFile = async (): Promise<boolean> => {
      const argc = this.num(this.getVarRaw('ARGC'));
      while (fileIdx < argc) {
        const f = this.str(argvArr.get(String(fileIdx++)) ?? '');
        if (f === '') continue;
        if (assign(f)) continue;
        try {
          cur = new Lines(openInput(ctx, f), () => this.out.flush());
          this.globals.set('FILENAME', f);
          this.globals.set('FNR', 0);
          return true;
        } catch (e) {
          await this.out.flush();
          await ctx.stderr.write(`${this.name}: cannot open ${f} (${errText(e)})\n`);
          status.code = 2;
          throw new ExitSignal(2);
        }
      }
      if (fileIdx === argc + 1) return false;
      fileIdx = argc + 1;
      const anyFile = [...argvArr.entries()].some(([k, v]) => k !== '0' && this.str(v) !== '' && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(this.str(v)));
      if (!anyFile) {
        cur = new Lines(ctx.stdin, () => this.out.flush());
        return true;
      }
      return false;
    };
    let paragraph: string[] | undefined;
    this.mainInput = {
      next: async () => {
        for (;;) {
          if (!cur && !(await nextFile())) return null;
          const rs = this.str(this.getVarRaw('RS'));
          if (rs === '') {
            // paragraph mode: records separated by blank lines
            paragraph = [];
            for (;;) {
              const l = await cur!.next();
              if (!l) break;
              if (l.line === '') {
                if (paragraph.length) break;
                continue;
              }
              paragraph.push(l.line);
            }
            if (paragraph.length) return paragraph.join('\n');
            cur = undefined;
            continue;
          }
          const l = await cur!.next();
          if (l) return l.line;
          cur = undefined;
        }
      },
    };

    const runRules = async (which: 'begin' | 'end'): Promise<void> => {
      for (const r of this.prog.rules) if (r[which]) for (const s of r.action ?? []) await this.exec(s);
    };
    try {
      try {
        await runRules('begin');
        const hasMain = this.prog.rules.some((r) => !r.begin && !r.end) || this.prog.rules.some((r) => r.end);
        if (hasMain) {
          for (;;) {
            const line = await this.mainInput.next();
            if (line === null) break;
            this.globals.set('NR', this.num(this.getVarRaw('NR')) + 1);
            this.globals.set('FNR', this.num(this.getVarRaw('FNR')) + 1);
            this.setRecord(line);
            try {
              for (const r of this.prog.rules) {
                if (r.begin || r.end) continue;
                let match: boolean;
                if (r.pattern2) {
                  if (r.inRange) {
                    match = true;
                    if (this.bool(await this.eval(r.pattern2))) r.inRange = false;
                  } else if (this.bool(await this.eval(r.pattern!))) {
                    match = true;
                    r.inRange = !this.bool(await this.eval(r.pattern2));
                  } else match = false;
                } else match = !r.pattern || this.bool(await this.eval(r.pattern));
                if (!match) continue;
                if (r.action) for (const s of r.action) await this.exec(s);
                else await this.output(this.str(this.getField(0)) + this.str(this.getVarRaw('ORS')), undefined);
              }
            } catch (e) {
              if (e instanceof NextSignal) continue;
              if (e instanceof NextFileSignal) {
                cur = undefined;
                continue;
              }
              throw e;
            }
            await ctx.checkpoint();
          }
        }
      } catch (e) {
        if (!(e instanceof ExitSignal)) throw e;
        exiting = true;
        if (e.code >= 0) exitCode = e.code;
      }
      // END runs after exit in the main part too
      try {
        if (!(exiting && status.code === 2)) await runRules('end');
      } catch (e) {
        if (!(e instanceof ExitSignal)) throw e;
        if (e.code >= 0) exitCode = e.code;
      }
    } catch (e) {
      if (e instanceof AwkRuntimeError) {
        const fname = this.str(this.getVarRaw('FILENAME')) || (this.num(this.getVarRaw('NR')) > 0 ? '-' : '');
        await ctx.stderr.write(`${this.name}: run time error: ${e.message}\n\tFILENAME="${fname}" FNR=${this.str(this.getVarRaw('FNR'))} NR=${this.str(this.getVarRaw('NR'))}\n`);
        await this.out.flush();
        return 2;
      }
      if (e instanceof ReturnSignal) {
        await this.out.flush();
        await ctx.stderr.write(`${this.name}: return outside function body\n`);
        return 2;
      }
      throw e;
    }
    await this.out.flush();
    for (const [, f] of this.files) {
      if (f.kind === 'pipe') {
        f.pipe.writer.close();
        await f.done;
      }
    }
    return status.code || exitCode;
  }
}

export const awkInfo: ProgramInfo = { name: 'awk', program: awk };
export const mawkInfo: ProgramInfo = { name: 'mawk', program: awk };
