/**
 * Go `text/template` execution over the value model of ../gofmt.ts, with Go's error texts:
 * `template: NAME:LINE:COL: executing "NAME" at <.Foo>: can't evaluate field Foo in type T`,
 * `map has no entry for key "x"` (missingkey=error), `error calling index: index out of range: 5`, ...
 */
import { formatValue, goTypeName, isGoStruct, isNil, sprint, sprintf, sprintln } from '../gofmt';
import { argString, BUILTIN_NAMES, commandString, parseTemplate, TemplateError, type Arg, type CommandNode, type ListNode, type Node, type PipeNode, type Tree } from './parse';

export { TemplateError } from './parse';

/** Go's invalid reflect.Value ("<no value>"): a missing map key, an unset variable, nil data. */
export const NO_VALUE: unique symbol = Symbol('no value');
type Val = unknown; // a model value or NO_VALUE

/** Parameter types of template functions, as Go's reflection sees them. `value` is reflect.Value (receives NO_VALUE). */
export type ParamType = 'any' | 'value' | 'string' | 'int' | 'bool' | 'float64' | '[]string';

/** A template function with a Go signature; `fn` throws {@link FuncError} for a Go error result. */
export interface GoFunc {
  params: ParamType[];
  variadic?: ParamType;
  fn: (...args: unknown[]) => unknown;
}

/** A Go error returned by a template function (becomes `error calling NAME: MSG`). */
export class FuncError extends Error {}

export type FuncMap = Record<string, GoFunc>;

export type MissingKey = 'default' | 'zero' | 'error';

export interface TemplateOptions {
  /** The template's name as it appears in messages (docker: "", kubectl: "output"). */
  name?: string;
  funcs?: FuncMap;
  missingKey?: MissingKey;
}

export type ParseResult = { ok: true; template: Template } | { ok: false; error: string };
export type ExecResult = { ok: true; output: string } | { ok: false; output: string; error: string };

class ExecError extends Error {}
class BreakSignal {}
class ContinueSignal {}

const MISSING: unique symbol = Symbol('missing');

function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}

// ---------------------------------------------------------------------------------------------------
// Builtins (text/template funcs.go)

type Kind = 'invalid' | 'bool' | 'int' | 'float' | 'string' | 'complex' | 'other';
function basicKind(v: Val): Kind {
  if (v === NO_VALUE || v === null || v === undefined) return 'invalid';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'string') return 'string';
  return 'other';
}

export function isTrue(v: Val): boolean {
  if (v === NO_VALUE || isNil(v)) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'function') return true;
  if (typeof v === 'object') return isGoStruct(v) ? true : Object.keys(v).length > 0;
  return true;
}

function typeOfVal(v: Val): string {
  return v === NO_VALUE ? '<nil>' : goTypeName(v);
}

function eq(arg1: Val, ...rest: Val[]): boolean {
  if (rest.length === 0) throw new FuncError('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (const arg of rest) {
    const k2 = basicKind(arg);
    let truth = false;
    if (k1 !== k2) {
      if (k1 !== 'invalid' && k2 !== 'invalid') throw new FuncError('incompatible types for comparison');
    } else if (k1 === 'other') {
      const n1 = arg1 === NO_VALUE || isNil(arg1);
      const n2 = arg === NO_VALUE || isNil(arg);
      if (n1 || n2) truth = n1 === n2;
      else {
        if (Array.isArray(arg1) || (typeof arg1 === 'object' && !isGoStruct(arg1))) throw new FuncError(`non-comparable type ${formatValue(arg1)}: ${typeOfVal(arg1)}`);
        truth = arg1 === arg;
      }
    } else if (k1 === 'invalid') {
      truth = true;
    } else truth = arg1 === arg;
    if (truth) return true;
  }
  return false;
}

function lt(a: Val, b: Val): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'bool' || k1 === 'other' || k1 === 'invalid' || k1 === 'complex') throw new FuncError('invalid type for comparison');
  if (k1 !== k2) throw new FuncError('incompatible types for comparison');
  return (a as number | string) < (b as number | string);
}

function indexArg(index: Val, cap: number): number {
  if (index === NO_VALUE || isNil(index)) throw new FuncError('cannot index slice/array with nil');
  if (typeof index !== 'number' || !Number.isInteger(index)) throw new FuncError(`cannot index slice/array with type ${typeOfVal(index)}`);
  if (index < 0 || index > cap) throw new FuncError(`index out of range: ${index}`);
  return index;
}

function indexFn(item: Val, ...indexes: Val[]): Val {
  if (item === NO_VALUE || isNil(item)) throw new FuncError('index of untyped nil');
  for (const index of indexes) {
    if (isNil(item)) throw new FuncError('index of nil pointer');
    if (Array.isArray(item) || typeof item === 'string') {
      const len = typeof item === 'string' ? byteLength(item) : item.length;
      const x = indexArg(index, len);
      if (x === len) throw new FuncError(typeof item === 'string' ? 'reflect: string index out of range' : 'reflect: slice index out of range');
      item = typeof item === 'string' ? new TextEncoder().encode(item)[x] : item[x];
    } else if (typeof item === 'object' && item !== null && !isGoStruct(item)) {
      if (typeof index !== 'string') {
        if (index === NO_VALUE || isNil(index)) throw new FuncError(`value is nil; should be of type string`);
        throw new FuncError(`value has type ${typeOfVal(index)}; should be string`);
      }
      const m = item as Record<string, unknown>;
      item = Object.prototype.hasOwnProperty.call(m, index) ? m[index] : zeroOfMapElem(m);
    } else {
      throw new FuncError(`can't index item of type ${typeOfVal(item)}`);
    }
  }
  return item;
}

function zeroOfMapElem(m: object): Val {
  const t = goTypeName(m);
  const elem = /^map\[[^\]]*\](.*)$/.exec(t)?.[1];
  if (elem === 'string') return '';
  if (elem === 'int' || elem === 'int64' || elem === 'float64') return 0;
  if (elem === 'bool') return false;
  return null;
}

function sliceFn(item: Val, ...indexes: Val[]): Val {
  if (item === NO_VALUE || isNil(item)) throw new FuncError('slice of untyped nil');
  if (indexes.length > 3) throw new FuncError(`too many slice indexes: ${indexes.length}`);
  let cap: number;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new FuncError('cannot 3-index slice a string');
    cap = byteLength(item);
  } else if (Array.isArray(item)) cap = item.length;
  else throw new FuncError(`can't slice item of type ${typeOfVal(item)}`);
  const idx = [0, cap];
  indexes.forEach((ix, i) => {
    idx[i] = indexArg(ix, cap);
  });
  const [i0 = 0, i1 = cap] = idx;
  if (i0 > i1) throw new FuncError(`invalid slice index: ${i0} > ${i1}`);
  if (indexes.length < 3) {
    if (typeof item === 'string') return new TextDecoder().decode(new TextEncoder().encode(item).slice(i0, i1));
    return item.slice(i0, i1);
  }
  const i2 = idx[2] ?? cap;
  if (i1 > i2) throw new FuncError(`invalid slice index: ${i1} > ${i2}`);
  return (item as unknown[]).slice(i0, i1);
}

function length(item: Val): number {
  if (item === NO_VALUE) throw new FuncError('reflect: call of reflect.Value.Type on zero Value');
  if (isNil(item)) throw new FuncError('len of nil pointer');
  if (typeof item === 'string') return byteLength(item);
  if (Array.isArray(item)) return item.length;
  if (typeof item === 'object' && !isGoStruct(item)) return Object.keys(item).length;
  throw new FuncError(`len of type ${typeOfVal(item)}`);
}

function htmlEscape(s: string): string {
  return s.replace(/[&'<>"\0]/g, (c) => ({ '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '"': '&#34;', '\0': '\uFFFD' })[c] ?? c);
}

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '"') out += '\\"';
    else if (ch === '<') out += '\\u003C';
    else if (ch === '>') out += '\\u003E';
    else if (ch === '&') out += '\\u0026';
    else if (ch === '=') out += '\\u003D';
    else if (c < 0x20) out += `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

function evalArgsText(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args);
}

export const BUILTINS: FuncMap = {
  and: { params: ['value'], variadic: 'value', fn: () => undefined }, // short-circuited by the executor
  or: { params: ['value'], variadic: 'value', fn: () => undefined },
  not: { params: ['value'], fn: (a) => !isTrue(a) },
  len: { params: ['value'], fn: (a) => length(a) },
  index: { params: ['value'], variadic: 'value', fn: (item, ...ix) => indexFn(item, ...ix) },
  slice: { params: ['value'], variadic: 'value', fn: (item, ...ix) => sliceFn(item, ...ix) },
  print: { params: [], variadic: 'any', fn: (...a) => sprint(a) },
  printf: { params: ['string'], variadic: 'any', fn: (f, ...a) => sprintf(f as string, a) },
  println: { params: [], variadic: 'any', fn: (...a) => sprintln(a) },
  eq: { params: ['value'], variadic: 'value', fn: (a, ...b) => eq(a, ...b) },
  ne: { params: ['value', 'value'], fn: (a, b) => !eq(a, b) },
  lt: { params: ['value', 'value'], fn: (a, b) => lt(a, b) },
  le: { params: ['value', 'value'], fn: (a, b) => lt(a, b) || eq(a, b) },
  gt: { params: ['value', 'value'], fn: (a, b) => !lt(a, b) && !eq(a, b) },
  ge: { params: ['value', 'value'], fn: (a, b) => !lt(a, b) },
  html: { params: [], variadic: 'any', fn: (...a) => htmlEscape(evalArgsText(a)) },
  js: { params: [], variadic: 'any', fn: (...a) => jsEscape(evalArgsText(a)) },
  urlquery: { params: [], variadic: 'any', fn: (...a) => encodeURIComponent(evalArgsText(a)).replace(/%20/g, '+').replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()) },
  call: {
    params: ['value'],
    variadic: 'value',
    fn: (f, ...a) => {
      if (typeof f !== 'function') throw new FuncError(f === NO_VALUE || isNil(f) ? 'call of nil' : `non-function of type ${typeOfVal(f)}`);
      return (f as (...x: unknown[]) => unknown)(...a.map((x) => (x === NO_VALUE ? null : x)));
    },
  },
};

// ---------------------------------------------------------------------------------------------------

interface Variable {
  name: string;
  value: Val;
}

class State {
  out = '';
  vars: Variable[];
  node: { pos: number; str: string } = { pos: 0, str: '' };
  depth = 0;
  constructor(
    private readonly tmpl: Template,
    private tree: Tree,
    data: Val,
  ) {
    this.vars = [{ name: '$', value: data }];
  }

  at(pos: number, str: string): void {
    this.node = { pos, str };
  }

  errorf(msg: string): never {
    const text = this.tree.text.slice(0, this.node.pos);
    const nl = text.lastIndexOf('\n');
    const col = nl === -1 ? this.node.pos : this.node.pos - (nl + 1);
    const line = 1 + (text.match(/\n/g)?.length ?? 0);
    throw new ExecError(`template: ${this.tree.name}:${line}:${col}: executing ${JSON.stringify(this.tree.name)} at <${this.node.str}>: ${msg}`);
  }

  private mark(): number {
    return this.vars.length;
  }
  private pop(mark: number): void {
    this.vars.length = mark;
  }
  private setVar(name: string, value: Val): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i];
      if (v && v.name === name) {
        v.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }
  private setTopVar(n: number, value: Val): void {
    const v = this.vars[this.vars.length - n];
    if (v) v.value = value;
  }
  private varValue(name: string): Val {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i];
      if (v && v.name === name) return v.value;
    }
    this.errorf(`undefined variable: ${name}`);
  }

  walk(dot: Val, node: Node | ListNode): void {
    switch (node.type) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node.pipe, val);
        return;
      }
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
      case 'comment':
        return;
      case 'if':
      case 'with':
        return this.walkIfOrWith(node.type, dot, node.pipe, node.list, node.elseList);
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'range':
        return this.walkRange(dot, node.pipe, node.list, node.elseList);
      case 'template':
        return this.walkTemplate(dot, node);
      case 'text':
        this.out += node.text;
        return;
    }
  }

  private walkIfOrWith(kind: 'if' | 'with', dot: Val, pipe: PipeNode, list: ListNode, elseList?: ListNode): void {
    const mark = this.mark();
    try {
      const val = this.evalPipeline(dot, pipe);
      const truth = isTrue(val);
      if (truth) {
        if (kind === 'with') this.walk(val, list);
        else this.walk(dot, list);
      } else if (elseList) this.walk(dot, elseList);
    } finally {
      this.pop(mark);
    }
  }

  private walkRange(dot: Val, pipe: PipeNode, list: ListNode, elseList?: ListNode): void {
    this.at(pipe.pos, argString(pipe));
    const mark = this.mark();
    try {
      const val = this.evalPipeline(dot, pipe);
      const mark2 = this.mark();
      const one = (index: Val, elem: Val): boolean => {
        if (pipe.decl.length > 0) {
          if (pipe.isAssign) {
            if (pipe.decl.length > 1) {
              this.setVar(pipe.decl[0]?.ident[0] ?? '$', index);
              this.setVar(pipe.decl[1]?.ident[0] ?? '$', elem);
            } else this.setVar(pipe.decl[0]?.ident[0] ?? '$', elem);
          } else {
            this.setTopVar(1, elem);
            if (pipe.decl.length > 1) this.setTopVar(2, index);
          }
        }
        try {
          this.walk(elem, list);
        } catch (e) {
          if (e instanceof BreakSignal) return false;
          if (!(e instanceof ContinueSignal)) throw e;
        } finally {
          this.pop(mark2);
        }
        return true;
      };
      let iterated = false;
      if (Array.isArray(val)) {
        for (let i = 0; i < val.length; i++) {
          iterated = true;
          if (!one(i, val[i])) break;
        }
      } else if (typeof val === 'number' && Number.isInteger(val)) {
        if (pipe.decl.length > 1) this.errorf(`can't use ${val} to iterate over more than one variable`);
        for (let i = 0; i < val; i++) {
          iterated = true;
          if (!one(i, i)) break;
        }
      } else if (typeof val === 'object' && val !== null && !isGoStruct(val)) {
        const m = val as Record<string, unknown>;
        for (const k of Object.keys(m).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
          iterated = true;
          if (!one(k, m[k])) break;
        }
      } else if (val === NO_VALUE || isNil(val)) {
        // an invalid value is likely a nil map: not an error
      } else {
        this.errorf(`range can't iterate over ${formatValue(val)}`);
      }
      if (!iterated && elseList) this.walk(dot, elseList);
    } finally {
      this.pop(mark);
    }
  }

  private walkTemplate(dot: Val, node: Extract<Node, { type: 'template' }>): void {
    this.at(node.pos, `template ${JSON.stringify(node.name)}`);
    const tree = this.tmpl.lookup(node.name);
    if (!tree) this.errorf(`no such template ${JSON.stringify(node.name)}`);
    if (this.depth >= 100000) this.errorf('exceeded maximum template depth (100000)');
    const newDot = node.pipe ? this.evalPipeline(dot, node.pipe) : NO_VALUE;
    const saveTree = this.tree;
    const saveVars = this.vars;
    this.tree = tree;
    this.vars = [{ name: '$', value: newDot }];
    this.depth++;
    try {
      this.walk(newDot, tree.root);
    } finally {
      this.depth--;
      this.tree = saveTree;
      this.vars = saveVars;
    }
  }

  evalPipeline(dot: Val, pipe: PipeNode): Val {
    this.at(pipe.pos, argString(pipe));
    let value: Val | typeof MISSING = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      if (value === null || value === undefined) value = NO_VALUE; // interface{} holding nil
    }
    const v = value === MISSING ? NO_VALUE : value;
    for (const variable of pipe.decl) {
      const name = variable.ident[0] ?? '$';
      if (pipe.isAssign) this.setVar(name, v);
      else this.vars.push({ name, value: v });
    }
    return v;
  }

  private notAFunction(args: Arg[], final: Val | typeof MISSING): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${argString(args[0] as Arg)}`);
  }

  private evalCommand(dot: Val, cmd: CommandNode, final: Val | typeof MISSING): Val {
    const first = cmd.args[0];
    if (!first) return this.errorf('empty command');
    switch (first.type) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first.pos, argString(first));
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
        break;
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
    return this.errorf('can\'t evaluate command');
  }

  private idealConstant(n: Extract<Arg, { type: 'number' }>): Val {
    this.at(n.pos, n.text);
    return n.value;
  }

  private evalFieldNode(dot: Val, field: Extract<Arg, { type: 'field' }>, args: Arg[], final: Val | typeof MISSING): Val {
    this.at(field.pos, argString(field));
    return this.evalFieldChain(dot, dot, field.pos, argString(field), field.ident, args, final);
  }

  private evalChainNode(dot: Val, chain: Extract<Arg, { type: 'chain' }>, args: Arg[], final: Val | typeof MISSING): Val {
    this.at(chain.pos, argString(chain));
    if (chain.field.length === 0) this.errorf('internal error: no fields in evalChainNode');
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${argString(chain)}`);
    const pipe = this.evalArg(dot, 'any', chain.node, true);
    return this.evalFieldChain(dot, pipe, chain.pos, argString(chain), chain.field, args, final);
  }

  private evalVariableNode(dot: Val, variable: Extract<Arg, { type: 'variable' }>, args: Arg[], final: Val | typeof MISSING): Val {
    this.at(variable.pos, argString(variable));
    const value = this.varValue(variable.ident[0] ?? '$');
    if (variable.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, variable.pos, argString(variable), variable.ident.slice(1), args, final);
  }

  private evalFieldChain(dot: Val, receiver: Val, pos: number, str: string, ident: string[], args: Arg[], final: Val | typeof MISSING): Val {
    const n = ident.length;
    for (let i = 0; i < n - 1; i++) receiver = this.evalField(dot, ident[i] ?? '', pos, str, [], MISSING, receiver);
    return this.evalField(dot, ident[n - 1] ?? '', pos, str, args, final, receiver);
  }

  private evalField(dot: Val, fieldName: string, pos: number, str: string, args: Arg[], final: Val | typeof MISSING, receiver: Val): Val {
    if (receiver === NO_VALUE) {
      if (this.tmpl.missingKey === 'error') this.errorf(`nil data; no entry for key ${JSON.stringify(fieldName)}`);
      return NO_VALUE;
    }
    if (isNil(receiver)) this.errorf(`nil pointer evaluating interface {}.${fieldName}`);
    if (typeof receiver === 'object') {
      const o = receiver as Record<string, unknown>;
      const member = o[fieldName];
      const hasArgs = args.length > 1 || final !== MISSING;
      if (typeof member === 'function' || isGoFunc(member)) {
        const f: GoFunc = isGoFunc(member) ? member : { params: [], variadic: 'any', fn: member as (...a: unknown[]) => unknown };
        const bound: GoFunc = { ...f, fn: (...a: unknown[]) => f.fn.apply(o, a) };
        return this.evalCall(dot, bound, false, pos, str, fieldName, args, final);
      }
      if (isGoStruct(o)) {
        if (Object.prototype.hasOwnProperty.call(o, fieldName)) {
          if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
          return member === undefined ? null : member;
        }
      } else if (!Array.isArray(o)) {
        if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
        if (Object.prototype.hasOwnProperty.call(o, fieldName)) return member === undefined ? null : member;
        if (this.tmpl.missingKey === 'error') this.errorf(`map has no entry for key ${JSON.stringify(fieldName)}`);
        if (this.tmpl.missingKey === 'zero') return zeroOfMapElem(o);
        return NO_VALUE;
      }
    }
    this.errorf(`can't evaluate field ${fieldName} in type ${typeOfVal(receiver)}`);
  }

  private evalFunction(dot: Val, node: Extract<Arg, { type: 'identifier' }>, cmd: CommandNode, args: Arg[], final: Val | typeof MISSING): Val {
    this.at(node.pos, node.ident);
    const name = node.ident;
    const f = this.tmpl.funcs[name] ?? BUILTINS[name];
    if (!f) this.errorf(`${JSON.stringify(name)} is not a defined function`);
    const isBuiltin = this.tmpl.funcs[name] === undefined && BUILTIN_NAMES.includes(name);
    return this.evalCall(dot, f, isBuiltin, cmd.pos, commandString(cmd), name, args, final);
  }

  private evalCall(dot: Val, f: GoFunc, isBuiltin: boolean, pos: number, str: string, name: string, argNodes: Arg[], final: Val | typeof MISSING): Val {
    const args = argNodes.slice(1);
    let numIn = args.length;
    if (final !== MISSING) numIn++;
    let numFixed = args.length;
    if (f.variadic !== undefined) {
      numFixed = f.params.length;
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${f.params.length} got ${args.length}`);
    } else if (numIn !== f.params.length) {
      this.errorf(`wrong number of args for ${name}: want ${f.params.length} got ${numIn}`);
    }
    if (isBuiltin && (name === 'and' || name === 'or')) {
      let v: Val = NO_VALUE;
      for (const a of args) {
        v = this.evalArg(dot, 'value', a);
        if (isTrue(v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = final;
      return v;
    }
    const argv: Val[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) argv.push(this.evalArg(dot, f.params[i] ?? 'any', args[i] as Arg));
    if (f.variadic !== undefined) for (; i < args.length; i++) argv.push(this.evalArg(dot, f.variadic, args[i] as Arg));
    if (final !== MISSING) {
      let t: ParamType = f.params[f.params.length - 1] ?? 'any';
      if (f.variadic !== undefined) t = numIn - 1 < numFixed ? (f.params[numIn - 1] ?? 'any') : f.variadic;
      argv.push(this.validateType(final, t));
    }
    try {
      const r = f.fn(...argv);
      return r === undefined ? null : r;
    } catch (e) {
      if (e instanceof ExecError) throw e;
      this.at(pos, str);
      this.errorf(`error calling ${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private validateType(value: Val, typ: ParamType): Val {
    if (typ === 'value') return value;
    if (value === NO_VALUE) {
      if (typ === 'any') return null;
      this.errorf(`invalid value; expected ${typ}`);
    }
    switch (typ) {
      case 'any':
        return value;
      case 'string':
        if (typeof value === 'string') return value;
        break;
      case 'int':
        if (typeof value === 'number' && Number.isInteger(value)) return value;
        break;
      case 'float64':
        if (typeof value === 'number') return value;
        break;
      case 'bool':
        if (typeof value === 'boolean') return value;
        break;
      case '[]string':
        if (Array.isArray(value) && value.every((x) => typeof x === 'string')) return value;
        if (isNil(value)) return [];
        break;
    }
    this.errorf(`wrong type for value; expected ${typ}; got ${typeOfVal(value)}`);
  }

  private evalArg(dot: Val, typ: ParamType, n: Arg, raw = false): Val {
    this.at(n.pos, argString(n));
    switch (n.type) {
      case 'dot':
        return this.validateType(dot, typ);
      case 'nil':
        if (typ === 'any' || typ === 'value' || typ === '[]string') return null;
        this.errorf(`cannot assign nil to ${typ}`);
        break;
      case 'field':
        return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), typ);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, n, [], MISSING), typ);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), typ);
      case 'identifier': {
        const cmd: CommandNode = { type: 'command', pos: n.pos, args: [n] };
        return this.validateType(this.evalFunction(dot, n, cmd, [n], MISSING), typ);
      }
      case 'chain':
        return this.validateType(this.evalChainNode(dot, n, [], MISSING), typ);
    }
    void raw;
    switch (typ) {
      case 'bool':
        if (n.type === 'bool') return n.value;
        this.errorf(`expected bool; found ${argString(n)}`);
        break;
      case 'float64':
        if (n.type === 'number') return n.value;
        this.errorf(`expected float; found ${argString(n)}`);
        break;
      case 'int':
        if (n.type === 'number' && Number.isInteger(n.value) && !/[.eEpP]/.test(n.text.replace(/^[+-]?0[xX].*/, ''))) return n.value;
        this.errorf(`expected integer; found ${argString(n)}`);
        break;
      case 'string':
        if (n.type === 'string') return n.text;
        this.errorf(`expected string; found ${argString(n)}`);
        break;
      case 'any':
      case 'value':
        if (n.type === 'bool') return n.value;
        if (n.type === 'string') return n.text;
        if (n.type === 'number') return n.value;
        break;
    }
    this.errorf(`can't handle ${argString(n)} for arg of type ${typ}`);
  }

  printValue(pipe: PipeNode, v: Val): void {
    this.at(pipe.pos, argString(pipe));
    if (v === NO_VALUE) {
      this.out += '<no value>';
      return;
    }
    if (typeof v === 'function') this.errorf(`can't print ${argString(pipe)} of type func`);
    this.out += printable(v);
  }
}

function printable(v: unknown): string {
  if (typeof v === 'object' && v !== null && typeof (v as { String?: unknown }).String === 'function') {
    return String((v as { String: () => unknown }).String());
  }
  return formatValue(v);
}

function isGoFunc(v: unknown): v is GoFunc {
  return typeof v === 'object' && v !== null && typeof (v as GoFunc).fn === 'function' && Array.isArray((v as GoFunc).params);
}

export class Template {
  readonly name: string;
  readonly funcs: FuncMap;
  missingKey: MissingKey;
  private readonly defs: Map<string, Tree>;
  private readonly tree: Tree;

  private constructor(tree: Tree, defs: Map<string, Tree>, opts: TemplateOptions) {
    this.name = opts.name ?? '';
    this.funcs = opts.funcs ?? {};
    this.missingKey = opts.missingKey ?? 'default';
    this.tree = tree;
    this.defs = defs;
  }

  /** Parses `text`; the error is Go's (`template: :1: function "foo" not defined`). */
  static parse(text: string, opts: TemplateOptions = {}): ParseResult {
    try {
      const { tree, defs } = parseTemplate(text, { name: opts.name ?? '', funcs: new Set(Object.keys(opts.funcs ?? {})) });
      return { ok: true, template: new Template(tree, defs, opts) };
    } catch (e) {
      if (e instanceof TemplateError) return { ok: false, error: e.message };
      throw e;
    }
  }

  lookup(name: string): Tree | undefined {
    if (name === this.name && !this.defs.has(name)) return this.tree;
    return this.defs.get(name);
  }

  /** A copy of this template whose function implementations are replaced by `funcs` (Go `Funcs` after parsing). */
  withFuncs(funcs: FuncMap): Template {
    return new Template(this.tree, this.defs, { name: this.name, funcs: { ...this.funcs, ...funcs }, missingKey: this.missingKey });
  }

  /** Executes with `data` as dot; on error returns the output written before it (Go writes as it goes). */
  execute(data: unknown): ExecResult {
    const st = new State(this, this.tree, data === null || data === undefined ? NO_VALUE : data);
    try {
      st.walk(st.vars[0]?.value, this.tree.root);
      return { ok: true, output: st.out };
    } catch (e) {
      if (e instanceof ExecError) return { ok: false, output: st.out, error: e.message };
      if (e instanceof BreakSignal || e instanceof ContinueSignal) return { ok: true, output: st.out };
      throw e;
    }
  }
}
