/**
 * Kubernetes label selectors (k8s.io/apimachinery `pkg/labels` selector.go, labels.go, `pkg/selection`,
 * `pkg/util/validation`, and metav1 `LabelSelectorAsSelector`), with upstream's error texts:
 * `unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt`,
 * `values[0][x]: Invalid value: "a b": a valid label must be ...`.
 */

export type Operator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';
const VALID_OPERATORS: readonly Operator[] = ['in', 'notin', '=', '==', '!=', 'exists', '!', 'gt', 'lt'];

export type Labels = Readonly<Record<string, string>>;

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

/** A selector: Nothing() matches no object; otherwise all requirements must match (none = Everything()). */
export type Selector = { kind: 'nothing' } | { kind: 'requirements'; requirements: Requirement[] };

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

// ---------------------------------------------------------------------------------------------------
// field errors (k8s.io/apimachinery/pkg/util/validation/field)

export interface FieldError {
  type: 'FieldValueInvalid' | 'FieldValueNotSupported';
  field: string;
  badValue: unknown;
  detail: string;
}

function goQuote(s: string): string {
  return JSON.stringify(s);
}

function fieldErrorString(e: FieldError): string {
  const t = e.type === 'FieldValueInvalid' ? 'Invalid value' : 'Unsupported value';
  let body: string;
  const v = e.badValue;
  if (v === null || v === undefined) body = `${t}: "null"`;
  else if (typeof v === 'string') body = `${t}: ${goQuote(v)}`;
  else if (typeof v === 'number' || typeof v === 'boolean') body = `${t}: ${String(v)}`;
  else if (Array.isArray(v)) body = `${t}: []string{${v.map((x) => goQuote(String(x))).join(', ')}}`;
  else body = `${t}: ${String(v)}`;
  if (e.detail) body += `: ${e.detail}`;
  return `${e.field === '' ? '<nil>' : e.field}: ${body}`;
}

/** utilerrors.NewAggregate(...).Error(): one message, or `[a, b]`. */
function aggregate(errs: FieldError[]): string {
  const msgs = [...new Set(errs.map(fieldErrorString))];
  return msgs.length === 1 ? (msgs[0] ?? '') : `[${msgs.join(', ')}]`;
}

// ---------------------------------------------------------------------------------------------------
// validation (k8s.io/apimachinery/pkg/util/validation)

const QNAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QNAME_RE = new RegExp(`^${QNAME_FMT}$`);
const QNAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const DNS1123_SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${QNAME_FMT})?`;
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);
const LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  msg += ' (e.g. ';
  examples.forEach((ex, i) => {
    if (i > 0) msg += ' or ';
    msg += `'${ex}', `;
  });
  return msg + `regex used for validation is '${fmt}')`;
}

const byteLen = (s: string): number => new TextEncoder().encode(s).length;

export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (byteLen(value) > 253) errs.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN_RE.test(value)) errs.push(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errs;
}

/** validation.IsQualifiedName (label keys, annotation keys). */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0] ?? '';
  else if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    name = parts[1] ?? '';
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else errs.push(...isDNS1123Subdomain(prefix).map((m) => 'prefix part ' + m));
  } else {
    return [
      'a qualified name ' + regexError(QNAME_MSG, QNAME_FMT, 'MyName', 'my.name', '123-abc') + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (byteLen(name) > 63) errs.push('name part must be no more than 63 characters');
  if (!QNAME_RE.test(name)) errs.push('name part ' + regexError(QNAME_MSG, QNAME_FMT, 'MyName', 'my.name', '123-abc'));
  return errs;
}

/** validation.IsValidLabelValue. */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (byteLen(value) > 63) errs.push('must be no more than 63 characters');
  if (!LABEL_VALUE_RE.test(value)) errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}

function validateLabelKey(k: string, path: string): FieldError | undefined {
  const errs = isQualifiedName(k);
  return errs.length ? { type: 'FieldValueInvalid', field: path, badValue: k, detail: errs.join('; ') } : undefined;
}

function validateLabelValue(k: string, v: string, path: string): FieldError | undefined {
  const errs = isValidLabelValue(v);
  return errs.length ? { type: 'FieldValueInvalid', field: `${path}[${k}]`, badValue: v, detail: errs.join('; ') } : undefined;
}

const child = (path: string, name: string): string => (path === '' ? name : `${path}.${name}`);

function isInt64(s: string): boolean {
  if (!/^[+-]?\d+$/.test(s)) return false;
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n;
}

/** labels.NewRequirement: validates and returns the requirement, or the field errors (`errors` for tests, `error` as printed). */
export function newRequirement(key: string, op: string, vals: readonly string[], path = ''): { ok: true; value: Requirement } | { ok: false; errors: FieldError[]; error: string } {
  const errs: FieldError[] = [];
  const ke = validateLabelKey(key, child(path, 'key'));
  if (ke) errs.push(ke);
  const valuePath = child(path, 'values');
  switch (op) {
    case 'in':
    case 'notin':
      if (vals.length === 0) errs.push({ type: 'FieldValueInvalid', field: valuePath, badValue: [...vals], detail: "for 'in', 'notin' operators, values set can't be empty" });
      break;
    case '=':
    case '==':
    case '!=':
      if (vals.length !== 1) errs.push({ type: 'FieldValueInvalid', field: valuePath, badValue: [...vals], detail: 'exact-match compatibility requires one single value' });
      break;
    case 'exists':
    case '!':
      if (vals.length !== 0) errs.push({ type: 'FieldValueInvalid', field: valuePath, badValue: [...vals], detail: 'values set must be empty for exists and does not exist' });
      break;
    case 'gt':
    case 'lt':
      if (vals.length !== 1) errs.push({ type: 'FieldValueInvalid', field: valuePath, badValue: [...vals], detail: "for 'Gt', 'Lt' operators, exactly one value is required" });
      vals.forEach((v, i) => {
        if (!isInt64(v)) errs.push({ type: 'FieldValueInvalid', field: `${valuePath}[${i}]`, badValue: v, detail: "for 'Gt', 'Lt' operators, the value must be an integer" });
      });
      break;
    default:
      errs.push({
        type: 'FieldValueNotSupported',
        field: child(path, 'operator'),
        badValue: op,
        detail: 'supported values: ' + VALID_OPERATORS.map((o) => goQuote(o)).join(', '),
      });
  }
  vals.forEach((v, i) => {
    const e = validateLabelValue(key, v, `${valuePath}[${i}]`);
    if (e) errs.push(e);
  });
  if (errs.length) return { ok: false, errors: errs, error: aggregate(errs) };
  return { ok: true, value: { key, operator: op as Operator, values: [...vals] } };
}

// ---------------------------------------------------------------------------------------------------
// matching and printing

function goSorted(vals: readonly string[]): string[] {
  return [...vals].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function parseInt64(s: string): bigint | undefined {
  return isInt64(s) ? BigInt(s) : undefined;
}

export function requirementMatches(r: Requirement, ls: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(ls, r.key);
  const val = ls[r.key] ?? '';
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has && r.values.includes(val);
    case 'notin':
    case '!=':
      return !has || !r.values.includes(val);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has) return false;
      const lv = parseInt64(val);
      if (lv === undefined || r.values.length !== 1) return false;
      const rv = parseInt64(r.values[0] ?? '');
      if (rv === undefined) return false;
      return r.operator === 'gt' ? lv > rv : lv < rv;
    }
    default:
      return false;
  }
}

export function requirementString(r: Requirement): string {
  let s = r.operator === '!' ? '!' : '';
  s += r.key;
  switch (r.operator) {
    case '=':
    case '==':
    case '!=':
      s += r.operator;
      break;
    case 'in':
      s += ' in ';
      break;
    case 'notin':
      s += ' notin ';
      break;
    case 'gt':
      s += '>';
      break;
    case 'lt':
      s += '<';
      break;
    case 'exists':
    case '!':
      return s;
  }
  const set = r.operator === 'in' || r.operator === 'notin';
  if (set) s += '(';
  s += r.values.length === 1 ? (r.values[0] ?? '') : goSorted(r.values).join(',');
  if (set) s += ')';
  return s;
}

export const everything = (): Selector => ({ kind: 'requirements', requirements: [] });
export const nothing = (): Selector => ({ kind: 'nothing' });

export function selectorMatches(s: Selector, ls: Labels): boolean {
  if (s.kind === 'nothing') return false;
  return s.requirements.every((r) => requirementMatches(r, ls));
}

export function selectorString(s: Selector): string {
  if (s.kind === 'nothing') return '';
  return s.requirements.map(requirementString).join(',');
}

export function selectorEmpty(s: Selector): boolean {
  return s.kind === 'requirements' && s.requirements.length === 0;
}

export function matchesNothing(s: Selector): boolean {
  return s.kind === 'nothing';
}

/** Selector.RequiresExactMatch. */
export function requiresExactMatch(s: Selector, label: string): { value: string; found: boolean } {
  if (s.kind === 'nothing') return { value: '', found: false };
  for (const r of s.requirements) {
    if (r.key !== label) continue;
    if ((r.operator === '=' || r.operator === '==' || r.operator === 'in') && r.values.length === 1) return { value: r.values[0] ?? '', found: true };
    return { value: '', found: false };
  }
  return { value: '', found: false };
}

function byKey(reqs: Requirement[]): Requirement[] {
  return [...reqs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Selector.Add: a new selector with the requirements added, sorted by key. */
export function selectorAdd(s: Selector, ...reqs: Requirement[]): Selector {
  if (s.kind === 'nothing') return s;
  return { kind: 'requirements', requirements: byKey([...s.requirements, ...reqs]) };
}

// ---------------------------------------------------------------------------------------------------
// lexer and parser

export type Token =
  | 'ErrorToken' | 'EndOfStringToken' | 'ClosedParToken' | 'CommaToken' | 'DoesNotExistToken' | 'DoubleEqualsToken'
  | 'EqualsToken' | 'GreaterThanToken' | 'IdentifierToken' | 'InToken' | 'LessThanToken' | 'NotEqualsToken'
  | 'NotInToken' | 'OpenParToken';

const STRING2TOKEN: Record<string, Token> = {
  ')': 'ClosedParToken', ',': 'CommaToken', '!': 'DoesNotExistToken', '==': 'DoubleEqualsToken', '=': 'EqualsToken',
  '>': 'GreaterThanToken', in: 'InToken', '<': 'LessThanToken', '!=': 'NotEqualsToken', notin: 'NotInToken', '(': 'OpenParToken',
};

const isWS = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecial = (c: string): boolean => '=!(),><'.includes(c) && c !== '';

/** The selector lexer (works on bytes like Go; selectors are ASCII in practice). */
export class SelectorLexer {
  private pos = 0;
  constructor(private readonly s: string) {}
  private read(): string {
    const c = this.s[this.pos] ?? '';
    this.pos++;
    return c;
  }
  private unread(): void {
    this.pos--;
  }
  lex(): [Token, string] {
    let ch = this.read();
    while (isWS(ch)) ch = this.read();
    if (ch === '') return ['EndOfStringToken', ''];
    this.unread();
    if (isSpecial(ch)) return this.scanSpecial();
    return this.scanIdOrKeyword();
  }
  private scanIdOrKeyword(): [Token, string] {
    let buf = '';
    for (;;) {
      const ch = this.read();
      if (ch === '') break;
      if (isSpecial(ch) || isWS(ch)) {
        this.unread();
        break;
      }
      buf += ch;
    }
    return [STRING2TOKEN[buf] ?? 'IdentifierToken', buf];
  }
  private scanSpecial(): [Token, string] {
    let last: [Token, string] | undefined;
    let buf = '';
    for (;;) {
      const ch = this.read();
      if (ch === '') break;
      if (isSpecial(ch)) {
        buf += ch;
        const t = STRING2TOKEN[buf];
        if (t) last = [t, buf];
        else if (last) {
          this.unread();
          break;
        }
      } else {
        this.unread();
        break;
      }
    }
    if (!last) return ['ErrorToken', `error expected: keyword found '${buf}'`];
    return last;
  }
}

class ParseError extends Error {}

class SelectorParser {
  private items: [Token, string][] = [];
  private position = 0;
  constructor(s: string, private readonly path: string) {
    const l = new SelectorLexer(s);
    for (;;) {
      const it = l.lex();
      this.items.push(it);
      if (it[0] === 'EndOfStringToken') break;
    }
  }
  private lookahead(values: boolean): [Token, string] {
    const [t, lit] = this.items[this.position] ?? ['EndOfStringToken', ''];
    return [values && (t === 'InToken' || t === 'NotInToken') ? 'IdentifierToken' : t, lit];
  }
  private consume(values: boolean): [Token, string] {
    const r = this.lookahead(values);
    this.position++;
    return r;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const [tok, lit] = this.lookahead(true);
      switch (tok) {
        case 'IdentifierToken':
        case 'DoesNotExistToken': {
          let r: Requirement;
          try {
            r = this.parseRequirement();
          } catch (e) {
            if (e instanceof ParseError) throw new ParseError(`unable to parse requirement: ${e.message}`);
            throw e;
          }
          reqs.push(r);
          const [t, l] = this.consume(true);
          if (t === 'EndOfStringToken') return reqs;
          if (t === 'CommaToken') {
            const [t2, l2] = this.lookahead(true);
            if (t2 !== 'IdentifierToken' && t2 !== 'DoesNotExistToken') throw new ParseError(`found '${l2}', expected: identifier after ','`);
            break;
          }
          throw new ParseError(`found '${l}', expected: ',' or 'end of string'`);
        }
        case 'EndOfStringToken':
          return reqs;
        default:
          throw new ParseError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  private parseRequirement(): Requirement {
    const [key, inferred] = this.parseKeyAndInferOperator();
    let op: string;
    let values: string[] = [];
    if (inferred === 'exists' || inferred === '!') op = inferred;
    else {
      op = this.parseOperator();
      if (op === 'in' || op === 'notin') values = this.parseValues();
      else values = this.parseExactValue();
    }
    const r = newRequirement(key, op, goSorted([...new Set(values)]), this.path);
    if (!r.ok) throw new ParseError(r.error);
    return r.value;
  }

  private parseKeyAndInferOperator(): [string, Operator | ''] {
    let op: Operator | '' = '';
    let [tok, lit] = this.consume(true);
    if (tok === 'DoesNotExistToken') {
      op = '!';
      [tok, lit] = this.consume(true);
    }
    if (tok !== 'IdentifierToken') throw new ParseError(`found '${lit}', expected: identifier`);
    const e = validateLabelKey(lit, this.path);
    if (e) throw new ParseError(fieldErrorString(e));
    const [t] = this.lookahead(true);
    if ((t === 'EndOfStringToken' || t === 'CommaToken') && op !== '!') op = 'exists';
    return [lit, op];
  }

  parseOperator(): Operator {
    const [tok, lit] = this.consume(false);
    switch (tok) {
      case 'InToken':
        return 'in';
      case 'EqualsToken':
        return '=';
      case 'DoubleEqualsToken':
        return '==';
      case 'GreaterThanToken':
        return 'gt';
      case 'LessThanToken':
        return 'lt';
      case 'NotInToken':
        return 'notin';
      case 'NotEqualsToken':
        return '!=';
      default:
        throw new ParseError(`found '${lit}', expected: in, notin, =, ==, !=, gt, lt`);
    }
  }

  private parseValues(): string[] {
    let [tok, lit] = this.consume(true);
    if (tok !== 'OpenParToken') throw new ParseError(`found '${lit}' expected: '('`);
    [tok, lit] = this.lookahead(true);
    switch (tok) {
      case 'IdentifierToken':
      case 'CommaToken': {
        const s = this.parseIdentifiersList();
        if (this.consume(true)[0] !== 'ClosedParToken') throw new ParseError(`found '${lit}', expected: ')'`);
        return s;
      }
      case 'ClosedParToken':
        this.consume(true);
        return [''];
      default:
        throw new ParseError(`found '${lit}', expected: ',', ')' or identifier`);
    }
  }

  private parseIdentifiersList(): string[] {
    const s = new Set<string>();
    for (;;) {
      const [tok, lit] = this.consume(true);
      if (tok === 'IdentifierToken') {
        s.add(lit);
        const [tok2, lit2] = this.lookahead(true);
        if (tok2 === 'CommaToken') continue;
        if (tok2 === 'ClosedParToken') return [...s];
        throw new ParseError(`found '${lit2}', expected: ',' or ')'`);
      } else if (tok === 'CommaToken') {
        if (s.size === 0) s.add('');
        const [tok2] = this.lookahead(true);
        if (tok2 === 'ClosedParToken') {
          s.add('');
          return [...s];
        }
        if (tok2 === 'CommaToken') s.add(''); // to handle ,, (the next comma is read by the next iteration)
      } else throw new ParseError(`found '${lit}', expected: ',', or identifier`);
    }
  }

  private parseExactValue(): string[] {
    const [t] = this.lookahead(true);
    if (t === 'EndOfStringToken' || t === 'CommaToken') return [''];
    const [tok, lit] = this.consume(true);
    if (tok === 'IdentifierToken') return [lit];
    throw new ParseError(`found '${lit}', expected: identifier`);
  }
}

/** labels.Parse: the selector text of `-l`/`--selector`, or upstream's error message. */
export function parseSelector(selector: string, path = ''): Result<Selector> {
  try {
    const reqs = new SelectorParser(selector, path).parse();
    return { ok: true, value: { kind: 'requirements', requirements: byKey(reqs) } };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: e.message };
    throw e;
  }
}

/** The parser's binary-operator step alone (upstream TestParseOperator). */
export function parseOperatorToken(input: string): Result<Operator> {
  const p = new SelectorParser(input, '');
  try {
    return { ok: true, value: p.parseOperator() };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: e.message };
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------
// label sets

export function setString(s: Labels): string {
  return goSorted(Object.keys(s)).map((k) => `${k}=${s[k] ?? ''}`).join(',');
}

export function setHas(s: Labels, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(s, key);
}

/** labels.SelectorFromSet: an invalid set yields the empty selector (upstream ignores the error here). */
export function selectorFromSet(s: Labels): Selector {
  const r = validatedSelectorFromSet(s);
  return r.ok ? r.value : everything();
}

/** labels.ValidatedSelectorFromSet. */
export function validatedSelectorFromSet(s: Labels): { ok: true; value: Selector } | { ok: false; errors: FieldError[]; error: string } {
  const reqs: Requirement[] = [];
  for (const k of Object.keys(s)) {
    const r = newRequirement(k, '=', [s[k] ?? '']);
    if (!r.ok) return r;
    reqs.push(r.value);
  }
  return { ok: true, value: { kind: 'requirements', requirements: byKey(reqs) } };
}

export function conflicts(a: Labels, b: Labels): boolean {
  const [small, big] = Object.keys(a).length < Object.keys(b).length ? [a, b] : [b, a];
  return Object.keys(small).some((k) => setHas(big, k) && big[k] !== small[k]);
}

export function merge(a: Labels, b: Labels): Record<string, string> {
  return { ...a, ...b };
}

/** labels.ConvertSelectorToLabelsMap: `k=v,k2=v2` only. */
export function convertSelectorToLabelsMap(selector: string): Result<Record<string, string>> {
  const out: Record<string, string> = {};
  if (selector.length === 0) return { ok: true, value: out };
  for (const label of selector.split(',')) {
    const l = label.split('=');
    if (l.length !== 2) return { ok: false, error: `invalid selector: [${l.join(' ')}]` };
    const key = (l[0] ?? '').trim();
    const ke = validateLabelKey(key, '');
    if (ke) return { ok: false, error: fieldErrorString(ke) };
    const value = (l[1] ?? '').trim();
    const ve = validateLabelValue(key, value, '');
    if (ve) return { ok: false, error: fieldErrorString(ve) };
    out[key] = value;
  }
  return { ok: true, value: out };
}

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/** metav1.LabelSelectorAsSelector: nil → Nothing(), empty → Everything(). */
export function labelSelectorAsSelector(ps: LabelSelector | null | undefined): Result<Selector> {
  if (ps === null || ps === undefined) return { ok: true, value: nothing() };
  const ml = ps.matchLabels ?? {};
  const me = ps.matchExpressions ?? [];
  if (Object.keys(ml).length + me.length === 0) return { ok: true, value: everything() };
  const reqs: Requirement[] = [];
  for (const k of Object.keys(ml)) {
    const r = newRequirement(k, '=', [ml[k] ?? '']);
    if (!r.ok) return { ok: false, error: r.error };
    reqs.push(r.value);
  }
  for (const expr of me) {
    const op = ({ In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' } as Record<string, Operator>)[expr.operator];
    if (!op) return { ok: false, error: `${goQuote(expr.operator)} is not a valid label selector operator` };
    const r = newRequirement(expr.key, op, [...(expr.values ?? [])]);
    if (!r.ok) return { ok: false, error: r.error };
    reqs.push(r.value);
  }
  return { ok: true, value: selectorAdd(everything(), ...reqs) };
}
