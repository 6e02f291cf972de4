/**
 * Word expansion in bash's order: brace expansion, tilde, parameter / command / arithmetic
 * substitution (left to right), word splitting of unquoted results on IFS, pathname expansion of
 * unquoted glob characters, quote removal.
 */
import { resolvePath } from '../../engine/fs/path';
import type { ParamExpansion, Word, WordPart } from '../syntax/ast';
import { ArithError } from './arith';
import { braceExpand } from './brace';
import { FatalShellError } from './errors';
import { escapePattern, hasGlob, matchPattern, replacePattern, trimPattern, unescapePattern } from './pattern';
import type { Shell } from './shell';
import { expandEscapes, unrawBytes } from '../commands/echo/echo';
import { bashQuote } from '../commands/printf/printf';
import { VarError, varKeys, type Var } from './vars';

/** A piece of an expanded word. */
interface Seg {
  /** The text. */
  t: string;
  /** Came from quotes: no splitting, no globbing; marks the field as present even if empty. */
  q: boolean;
  /** An unquoted expansion result: subject to word splitting. */
  s: boolean;
  /** Pattern form of an unquoted literal with escaped characters. */
  p?: string;
}

/** A field boundary inside `"$@"`. */
const BRK = { brk: true } as const;
type Piece = Seg | typeof BRK;

interface Ctx {
  /** Inside double quotes. */
  quoted: boolean;
  /** Arithmetic context: no tilde, quotes are just removed. */
  arith?: boolean;
}

// ------------------------------------------------------------------ public entry points

/** Expands command words into arguments (brace expansion first). */
export async function expandWordsToArgs(sh: Shell, words: readonly Word[]): Promise<string[]> {
  const out: string[] = [];
  for (const w of words) {
    if (w.assignment) {
      out.push(await expandDeclArg(sh, w));
      continue;
    }
    // Fast path: a plain literal word.
    if (w.parts.length === 1 && w.parts[0]!.type === 'Literal' && !needsWork(w.parts[0]!.value)) {
      out.push(w.parts[0]!.value);
      continue;
    }
    const list = sh.options.braceexpand ? braceExpand(w) : [w];
    for (const bw of list) for (const f of await expandFields(sh, bw)) out.push(f);
  }
  return out;
}

/** `declare x=$y` / `local a=(1 2)`: the argument is expanded like an assignment. */
async function expandDeclArg(sh: Shell, w: Word): Promise<string> {
  const a = w.assignment!;
  let head = a.name;
  if (a.index) head += `[${await expandString(sh, a.index, {})}]`;
  head += a.append ? '+=' : '=';
  if (a.array) {
    const items: string[] = [];
    for (const el of a.array) {
      const m = /^\[([^\]]*)\]=/.exec(el.text);
      if (m) items.push(`[${m[1]}]=${bashQuote(await expandString(sh, { ...el, parts: el.parts, text: el.text }, {}).then((s) => s.replace(/^\[[^\]]*\]=/, '')))}`);
      else for (const f of await expandFields(sh, el)) items.push(bashQuote(f));
    }
    return `${head}(${items.join(' ')})`;
  }
  return head + (a.value ? await expandAssignmentValue(sh, a.value) : '');
}

function needsWork(s: string): boolean {
  return /[~*?[{]/.test(s);
}

/** Full expansion of one word (no brace expansion) into fields. */
export async function expandFields(sh: Shell, word: Word): Promise<string[]> {
  const pieces = await expandParts(sh, word.parts, { quoted: false }, true);
  const fields = splitFields(sh, pieces);
  const out: string[] = [];
  for (const f of fields) {
    if (f.glob && !sh.options.noglob && hasGlob(f.pat)) {
      const matches = glob(sh, f.pat);
      if (matches.length) {
        out.push(...matches);
        continue;
      }
      if (sh.shopts.get('nullglob')) continue;
      if (sh.shopts.get('failglob')) {
        await sh.error(`no match: ${f.text}`);
        throw new FatalShellError(1);
      }
    }
    out.push(f.text);
  }
  return out;
}

/** Expansion without splitting or globbing (assignments, here-strings, `case` words, `[[ ]]`). */
export async function expandString(sh: Shell, word: Word, opts: { arith?: boolean; heredoc?: boolean }): Promise<string> {
  if (word.parts.length === 1 && word.parts[0]!.type === 'Literal' && !opts.heredoc) {
    const v = word.parts[0]!.value;
    if (opts.arith || !v.startsWith('~')) return v;
  }
  const pieces = await expandParts(sh, word.parts, { quoted: !!opts.heredoc, arith: opts.arith }, !opts.heredoc && !opts.arith);
  let s = '';
  let first = true;
  for (const p of pieces) {
    if ('brk' in p) {
      s += ' ';
      continue;
    }
    s += p.t;
    first = false;
  }
  void first;
  return s;
}

/** Expansion into a pattern: quoted characters are escaped so they match literally. */
export async function expandPattern(sh: Shell, word: Word): Promise<string> {
  const pieces = await expandParts(sh, word.parts, { quoted: false }, true);
  let s = '';
  for (const p of pieces) {
    if ('brk' in p) {
      s += ' ';
      continue;
    }
    s += p.q ? escapePattern(p.t) : (p.p ?? p.t);
  }
  return s;
}

/** The value of `name=value`: tilde expansion after `=` and `:`, no splitting or globbing. */
export async function expandAssignmentValue(sh: Shell, word: Word): Promise<string> {
  const parts: WordPart[] = word.parts.map((p, i) => {
    if (p.type !== 'Literal' || !p.value.includes('~')) return p;
    const v = p.value.replace(/(^|:)~([A-Za-z0-9_.-]*)(?=\/|:|$)/g, (m, pre: string, user: string, offset: number) => {
      if (i > 0 && offset === 0 && pre === '') return m;
      const home = tildeHome(sh, user);
      return home === undefined ? m : pre + home;
    });
    return { ...p, value: v, escaped: undefined };
  });
  const pieces = await expandParts(sh, parts, { quoted: false }, false);
  let s = '';
  for (const p of pieces) if (!('brk' in p)) s += p.t;
  else s += ' ';
  return s;
}

// ------------------------------------------------------------------ parts

async function expandParts(sh: Shell, parts: readonly WordPart[], ctx: Ctx, tilde: boolean): Promise<Piece[]> {
  const out: Piece[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    switch (part.type) {
      case 'Literal': {
        let value = part.value;
        let escaped = part.escaped;
        if (i === 0 && tilde && !ctx.quoted && value.startsWith('~') && !(escaped && escaped.includes(0))) {
          const slash = value.indexOf('/');
          const prefixEnd = slash < 0 ? value.length : slash;
          if (slash >= 0 || parts.length === 1) {
            const user = value.slice(1, prefixEnd);
            const home = tildeHome(sh, user);
            if (home !== undefined) {
              out.push({ t: home, q: true, s: false });
              value = value.slice(prefixEnd);
              escaped = escaped?.map((k) => k - prefixEnd).filter((k) => k >= 0);
            }
          }
        }
        if (ctx.quoted || ctx.arith) {
          out.push({ t: value, q: ctx.quoted, s: false });
        } else if (escaped && escaped.length) {
          let pat = '';
          const esc = new Set(escaped);
          for (let k = 0; k < value.length; k++) pat += esc.has(k) ? escapePattern(value[k]!) : value[k];
          out.push({ t: value, q: false, s: false, p: pat });
        } else {
          out.push({ t: value, q: false, s: false });
        }
        break;
      }
      case 'SingleQuoted':
      case 'AnsiCQuoted':
        out.push({ t: part.value, q: true, s: false });
        break;
      case 'DoubleQuoted': {
        const only = part.parts.length === 1 ? part.parts[0] : undefined;
        const inner = await expandParts(sh, part.parts, { quoted: true, arith: ctx.arith }, false);
        if (only?.type === 'Param' && isAtExpansion(only) && inner.length === 0) break;
        out.push({ t: '', q: true, s: false });
        out.push(...inner);
        break;
      }
      case 'Param':
        out.push(...(await expandParam(sh, part, ctx)));
        break;
      case 'ProcessSubst': {
        const path = await sh.processSubst(part.body, part.direction);
        out.push({ t: path, q: ctx.quoted, s: false });
        break;
      }
      case 'CommandSubst': {
        const text = await sh.commandSubst(part.body);
        out.push({ t: text, q: ctx.quoted, s: !ctx.quoted && !ctx.arith });
        break;
      }
      case 'ArithSubst': {
        const expr = await expandArithText(sh, part.expr);
        let v: bigint;
        try {
          v = sh.arith(expr);
        } catch (e) {
          if (e instanceof ArithError || e instanceof VarError) {
            await sh.error(arithMessage(sh, e));
            throw new FatalShellError(sh.dialect === 'bash' ? 1 : 2);
          }
          throw e;
        }
        out.push({ t: v.toString(), q: ctx.quoted, s: !ctx.quoted && !ctx.arith });
        break;
      }
    }
  }
  return out;
}

/** An arithmetic error in the dialect's words. */
export function arithMessage(sh: Shell, e: ArithError | VarError): string {
  if (sh.dialect === 'bash' || !(e instanceof ArithError)) return e.message;
  if (e.msg === 'division by 0') return `arithmetic expression: division by zero: "${e.expr}"`;
  return `arithmetic expression: expecting primary: "${e.expr}"`;
}

async function expandArithText(sh: Shell, w: Word): Promise<string> {
  const pieces = await expandParts(sh, w.parts, { quoted: false, arith: true }, false);
  let s = '';
  for (const p of pieces) if (!('brk' in p)) s += p.t;
  return s;
}

function isAtExpansion(p: ParamExpansion): boolean {
  if (p.length) return false;
  if (p.name === '@' && !p.op) return true;
  if (p.index && p.index.text === '@' && !p.op) return true;
  return false;
}

export function tildeHome(sh: Shell, user: string): string | undefined {
  if (user === '') return sh.getScalar('HOME') ?? homeOf(sh, uidName(sh)) ?? '/';
  if (user === '+') return sh.getScalar('PWD') ?? sh.cwd;
  if (user === '-') return sh.getScalar('OLDPWD');
  return homeOf(sh, user);
}

function uidName(sh: Shell): string {
  return sh.getScalar('USER') ?? '';
}

export function homeOf(sh: Shell, user: string): string | undefined {
  try {
    const passwd = sh.fs.readText('/etc/passwd');
    for (const line of passwd.split('\n')) {
      const f = line.split(':');
      if (f[0] === user && f[5]) return f[5];
    }
  } catch {
    // no passwd file
  }
  return undefined;
}

// ------------------------------------------------------------------ parameters

async function paramError(sh: Shell, msg: string, status: number): Promise<never> {
  let m = msg;
  if (sh.dialect !== 'bash') {
    // dash and busybox say "parameter not set" where bash says "unbound variable"; both exit 2.
    m = m.replace(/: unbound variable$/, ': parameter not set');
    await sh.error(m);
    throw new FatalShellError(2);
  }
  await sh.error(m);
  throw new FatalShellError(status);
}

export function paramText(p: ParamExpansion): string {
  // Reconstructs `${...}` for "bad substitution" messages.
  return `\${${p.length ? '#' : ''}${p.indirect ? '!' : ''}${p.name}${p.index ? `[${p.index.text}]` : ''}${p.op ?? ''}${p.arg?.text ?? ''}${p.arg2 ? `${p.op === ':' ? ':' : '/'}${p.arg2.text}` : ''}}`;
}

/** Resolves the parameter's values: a scalar (string) or a list for `@`/`*` forms. */
function lookup(sh: Shell, name: string, index: string | undefined): { values: string[] | undefined; list: boolean; star: boolean } {
  if (name === '@' || name === '*') return { values: [...sh.positional], list: true, star: name === '*' };
  if (index === '@' || index === '*') {
    const vals = sh.getValues(name);
    return { values: vals ?? [], list: true, star: index === '*' };
  }
  if (index !== undefined) {
    const v = sh.getVar(name);
    if (!v) {
      if (name === 'PIPESTATUS' || name === 'FUNCNAME') {
        const vals = sh.getValues(name) ?? [];
        const i = Number(sh.arith(index));
        const s = vals[i];
        return { values: s === undefined ? undefined : [s], list: false, star: false };
      }
      return { values: undefined, list: false, star: false };
    }
    const s = elementValue(sh, v, index);
    return { values: s === undefined ? undefined : [s], list: false, star: false };
  }
  const s = sh.getScalar(name);
  return { values: s === undefined ? undefined : [s], list: false, star: false };
}

function elementValue(sh: Shell, v: Var, index: string): string | undefined {
  if (v.v.kind === 'assoc') return v.v.value.get(index);
  let i = Number(sh.arith(index));
  if (v.v.kind === 'scalar') return i === 0 ? v.v.value : undefined;
  if (i < 0) {
    const max = v.v.value.size ? Math.max(...v.v.value.keys()) + 1 : 0;
    i += max;
  }
  return v.v.value.get(i);
}

async function expandParam(sh: Shell, p: ParamExpansion, ctx: Ctx): Promise<Piece[]> {
  let name = p.name;
  let index: string | undefined;
  if (p.bad) await paramError(sh, `${p.text ?? paramText(p)}: bad substitution`, 1);
  try {
    if (p.index) index = await expandString(sh, p.index, { arith: false });
    if (p.indirect) {
      if (index === '@' || index === '*') {
        // ${!a[@]}: the keys
        const v = sh.getVar(name);
        const keys = v ? varKeys(v) : [];
        return listPieces(sh, keys, index === '*', ctx);
      }
      if (p.prefixMatch) {
        const names = sh.vars.names().filter((n) => n.startsWith(name) && !n.startsWith('\0'));
        return listPieces(sh, names, p.prefixMatch === '*', ctx);
      }
      const target = lookup(sh, name, index).values?.[0];
      if (target === undefined) {
        if (sh.options.nounset) await paramError(sh, `${name}: unbound variable`, 127);
        return [];
      }
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[(.*)\])?$/.exec(target);
      if (!m && !/^[0-9]+$|^[@*#?$!-]$/.test(target)) await paramError(sh, `${target}: invalid indirect expansion`, 1);
      name = m ? m[1]! : target;
      index = m?.[2];
    }
    if (p.length) {
      if (name === '@' || name === '*' || index === '@' || index === '*') {
        const vals = lookup(sh, name, index).values ?? [];
        return [{ t: String(vals.length), q: ctx.quoted, s: !ctx.quoted }];
      }
      const r = lookup(sh, name, index);
      if (r.values === undefined && sh.options.nounset) await paramError(sh, `${name}: unbound variable`, 127);
      return [{ t: String([...(r.values?.[0] ?? '')].length), q: ctx.quoted, s: !ctx.quoted }];
    }
    const r = lookup(sh, name, index);
    if (p.transform) {
      const vals = r.list ? r.values! : r.values === undefined ? [] : [r.values[0]!];
      const v = sh.getVar(name);
      const t = vals.map((x) => transform(p.transform!, x, name, v));
      if (r.list) return listPieces(sh, t, r.star, ctx);
      if (r.values === undefined && p.transform !== 'a') return ctx.quoted ? [{ t: '', q: true, s: false }] : [];
      return valuePieces(t[0] ?? '', ctx);
    }
    const op = p.op;
    const isSet = r.list ? r.values!.length > 0 : r.values !== undefined;
    const isNull = r.list ? r.values!.length === 0 || (r.values!.length === 1 && r.values![0] === '') : r.values?.[0] === '';
    switch (op) {
      case '-':
      case ':-':
        if (!isSet || (op === ':-' && isNull)) return argPieces(sh, p, ctx);
        break;
      case '=':
      case ':=':
        if (!isSet || (op === ':=' && isNull)) {
          if (!/^[A-Za-z_]/.test(name) || r.list) await paramError(sh, `$${name}: cannot assign in this way`, 1);
          const val = p.arg ? await expandString(sh, p.arg, {}) : '';
          sh.setVar(name, val, { index });
          return [{ t: val, q: ctx.quoted, s: !ctx.quoted }];
        }
        break;
      case '?':
      case ':?':
        if (!isSet || (op === ':?' && isNull)) {
          const msg = p.arg ? await expandString(sh, p.arg, {}) : '';
          if (msg) await paramError(sh, `${name}: ${msg}`, 127);
          await paramError(sh, `${name}: ${op === ':?' ? 'parameter null or not set' : 'parameter not set'}`, 127);
        }
        break;
      case '+':
      case ':+':
        if (!isSet || (op === ':+' && isNull)) return [];
        return argPieces(sh, p, ctx);
      default:
        break;
    }
    if (!isSet && sh.options.nounset && !r.list && !(op === '-' || op === ':-')) {
      await paramError(sh, `${name}: unbound variable`, 127);
    }
    if (!op || op === '-' || op === ':-' || op === '=' || op === ':=' || op === '?' || op === ':?') {
      if (r.list) return listPieces(sh, r.values!, r.star, ctx);
      return valuePieces(r.values?.[0] ?? '', ctx);
    }
    // Operators that transform each value.
    let values = r.list ? r.values! : [r.values?.[0] ?? ''];
    switch (op) {
      case '#':
      case '##':
      case '%':
      case '%%': {
        const pat = p.arg ? await expandPattern(sh, p.arg) : '';
        values = values.map((v) => trimPattern(v, pat, op));
        break;
      }
      case '/':
      case '//':
      case '/#':
      case '/%': {
        const pat = p.arg ? await expandPattern(sh, p.arg) : '';
        let rep = p.arg2 ? await expandString(sh, p.arg2, {}) : '';
        if (ctx.quoted) rep = rep.replace(/\\\//g, '/');
        values = values.map((v) => replacePattern(v, pat, rep, op));
        break;
      }
      case '^':
      case '^^':
      case ',':
      case ',,': {
        const pat = p.arg ? await expandPattern(sh, p.arg) : '';
        values = values.map((v) => caseMod(v, pat, op));
        break;
      }
      case ':': {
        const offExpr = p.arg ? await expandString(sh, p.arg, { arith: true }) : '0';
        const lenExpr = p.arg2 ? await expandString(sh, p.arg2, { arith: true }) : undefined;
        let off: number;
        let len: number | undefined;
        try {
          off = Number(sh.arith(offExpr || '0'));
          len = lenExpr === undefined ? undefined : Number(sh.arith(lenExpr || '0'));
        } catch (e) {
          if (e instanceof ArithError) await paramError(sh, e.message, 1);
          throw e;
        }
        if (r.list) {
          let list = values;
          if (name === '@' || name === '*') list = [sh.name, ...list];
          if (off < 0) off = Math.max(0, list.length + off);
          if (len !== undefined && len < 0) await paramError(sh, `${lenExpr}: substring expression < 0`, 1);
          const sliced = list.slice(off, len === undefined ? undefined : off + len);
          return listPieces(sh, sliced, r.star, ctx);
        }
        const chars = [...(values[0] ?? '')];
        if (off < 0) off = chars.length + off;
        if (off < 0 || off > chars.length) return valuePieces('', ctx);
        let end = chars.length;
        if (len !== undefined) {
          if (len < 0) {
            end = chars.length + len;
            if (end < off) await paramError(sh, `${lenExpr}: substring expression < 0`, 1);
          } else end = Math.min(chars.length, off + len);
        }
        values = [chars.slice(off, end).join('')];
        break;
      }
      default:
        break;
    }
    if (r.list) return listPieces(sh, values, r.star, ctx);
    return valuePieces(values[0] ?? '', ctx);
  } catch (e) {
    if (e instanceof ArithError) {
      await sh.error(e.message);
      throw new FatalShellError(1);
    }
    if (e instanceof VarError) {
      await sh.error(e.message);
      throw new FatalShellError(1);
    }
    if (e instanceof FatalShellError) throw e;
    throw e;
  }
}

/** `${x@Q}` and the other transformations. */
function transform(op: string, v: string, name: string, variable: Var | undefined): string {
  switch (op) {
    case 'Q':
      return v === '' ? "''" : `'${v.replace(/'/g, `'\\''`)}'`;
    case 'E':
      return unrawBytes(expandEscapes(v).text);
    case 'U':
      return v.toUpperCase();
    case 'u':
      return v.charAt(0).toUpperCase() + v.slice(1);
    case 'L':
      return v.toLowerCase();
    case 'A':
      return `${name}='${v.replace(/'/g, `'\\''`)}'`;
    case 'a': {
      if (!variable) return '';
      let f = '';
      if (variable.v.kind === 'indexed') f += 'a';
      if (variable.v.kind === 'assoc') f += 'A';
      if (variable.integer) f += 'i';
      if (variable.readonly) f += 'r';
      if (variable.exported) f += 'x';
      return f;
    }
    default:
      return v;
  }
}

function caseMod(v: string, pat: string, op: '^' | '^^' | ',' | ',,'): string {
  const chars = [...v];
  const upper = op === '^' || op === '^^';
  const all = op === '^^' || op === ',,';
  const matches = (c: string) => pat === '' || matchPattern(pat, c);
  for (let i = 0; i < chars.length; i++) {
    if (matches(chars[i]!)) chars[i] = upper ? chars[i]!.toUpperCase() : chars[i]!.toLowerCase();
    if (!all) break;
  }
  return chars.join('');
}

async function argPieces(sh: Shell, p: ParamExpansion, ctx: Ctx): Promise<Piece[]> {
  if (!p.arg) return ctx.quoted ? [{ t: '', q: true, s: false }] : [];
  return expandParts(sh, p.arg.parts, ctx, !ctx.quoted);
}

function valuePieces(v: string, ctx: Ctx): Piece[] {
  return [{ t: v, q: ctx.quoted, s: !ctx.quoted && !ctx.arith }];
}

function listPieces(sh: Shell, values: string[], star: boolean, ctx: Ctx): Piece[] {
  if (ctx.quoted || ctx.arith) {
    if (star || ctx.arith) return [{ t: values.join(ctx.arith ? ' ' : sh.ifsFirst()), q: true, s: false }];
    const out: Piece[] = [];
    values.forEach((v, i) => {
      if (i > 0) out.push(BRK);
      out.push({ t: v, q: true, s: false });
    });
    return out;
  }
  const out: Piece[] = [];
  values.forEach((v, i) => {
    if (i > 0) out.push(BRK);
    out.push({ t: v, q: false, s: true });
  });
  return out;
}

// ------------------------------------------------------------------ splitting

interface Field {
  text: string;
  pat: string;
  glob: boolean;
}

function splitFields(sh: Shell, pieces: Piece[]): Field[] {
  const ifs = sh.getScalar('IFS') ?? ' \t\n';
  const fields: Field[] = [];
  let cur: Field = { text: '', pat: '', glob: false };
  let started = false;
  let wsEnded = false;
  const push = () => {
    fields.push(cur);
    cur = { text: '', pat: '', glob: false };
    started = false;
  };
  for (const piece of pieces) {
    if ('brk' in piece) {
      if (started) push();
      wsEnded = false;
      continue;
    }
    if (!piece.s || ifs === '') {
      cur.text += piece.t;
      if (piece.q) cur.pat += escapePattern(piece.t);
      else {
        cur.pat += piece.p ?? piece.t;
        cur.glob = true;
      }
      if (piece.q || piece.t !== '') started = true;
      if (piece.t !== '') wsEnded = false;
      continue;
    }
    for (const c of piece.t) {
      if (ifs.includes(c)) {
        const ws = c === ' ' || c === '\t' || c === '\n';
        if (ws) {
          if (started) {
            push();
            wsEnded = true;
          }
        } else {
          if (started) push();
          else if (!wsEnded) push();
          wsEnded = false;
        }
        continue;
      }
      cur.text += c;
      cur.pat += c;
      cur.glob = true;
      started = true;
      wsEnded = false;
    }
  }
  if (started) push();
  return fields;
}

// ------------------------------------------------------------------ globbing

function glob(sh: Shell, pat: string): string[] {
  const absolute = pat.startsWith('/');
  const comps = pat.split('/');
  const dotglob = sh.shopts.get('dotglob') ?? false;
  const nocase = sh.shopts.get('nocaseglob') ?? false;
  // Each candidate: [display path, absolute fs path]
  let cands: [string, string][] = [[absolute ? '/' : '', absolute ? '/' : sh.cwd]];
  const start = absolute ? 1 : 0;
  for (let i = start; i < comps.length; i++) {
    const comp = comps[i]!;
    const last = i === comps.length - 1;
    if (comp === '') {
      if (last) {
        // trailing slash: keep directories only
        cands = cands.filter(([, abs]) => isDir(sh, abs)).map(([d, a]) => [d.endsWith('/') ? d : `${d}/`, a]);
      }
      continue;
    }
    const next: [string, string][] = [];
    const join = (d: string, n: string) => (d === '' ? n : d.endsWith('/') ? d + n : `${d}/${n}`);
    if (!hasGlob(comp)) {
      const lit = unescapePattern(comp);
      for (const [d, a] of cands) {
        const abs = resolvePath(a, lit);
        if (last ? exists(sh, abs) : isDir(sh, abs)) next.push([join(d, lit), abs]);
      }
    } else {
      const explicitDot = comp.startsWith('.') || comp.startsWith('\\.');
      for (const [d, a] of cands) {
        let names: string[];
        try {
          names = sh.fs.readdir(a).map((e) => e.name);
        } catch {
          continue;
        }
        for (const n of names) {
          if (n.startsWith('.') && !explicitDot && !dotglob) continue;
          if (!matchPattern(comp, n, nocase)) continue;
          const abs = resolvePath(a, n);
          if (!last && !isDir(sh, abs)) continue;
          next.push([join(d, n), abs]);
        }
      }
    }
    cands = next;
    if (cands.length === 0) return [];
  }
  return cands.map(([d]) => d).sort(compareC);
}

function compareC(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isDir(sh: Shell, p: string): boolean {
  try {
    return sh.fs.stat(p).type === 'dir';
  } catch {
    return false;
  }
}

function exists(sh: Shell, p: string): boolean {
  try {
    sh.fs.lstat(p);
    return true;
  } catch {
    return false;
  }
}
