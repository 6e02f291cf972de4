/**
 * apimachinery's field.Error / field.ErrorList (pkg/util/validation/field/errors.go, v1.33 value
 * rendering), errors.NewInvalid's Status, utilerrors aggregates, and how kubectl prints an Invalid
 * status (cmdutil.checkErr + MultilineError).
 */
import { goQuote } from '../../core/gotext';

export type ErrorType = 'Required value' | 'Forbidden' | 'Invalid value' | 'Unsupported value' | 'Duplicate value' | 'Not found' | 'Too long' | 'Too many' | 'Internal error';

/** A value as Go's ErrorBody prints it: strings with %q, numbers and bools with %v, others pre-rendered %#v. */
export type BadValue = { s: string } | { n: number } | { b: boolean } | { go: string } | null | 'omit';

export interface FieldError {
  type: ErrorType;
  field: string;
  value: BadValue;
  detail: string;
}

const CAUSE_TYPE: Record<ErrorType, string> = {
  'Required value': 'FieldValueRequired',
  Forbidden: 'FieldValueForbidden',
  'Invalid value': 'FieldValueInvalid',
  'Unsupported value': 'FieldValueNotSupported',
  'Duplicate value': 'FieldValueDuplicate',
  'Not found': 'FieldValueNotFound',
  'Too long': 'FieldValueTooLong',
  'Too many': 'FieldValueTooMany',
  'Internal error': 'InternalError',
};

export const str = (s: string): BadValue => ({ s });
export const num = (n: number): BadValue => ({ n });

export function required(field: string, detail = ''): FieldError {
  return { type: 'Required value', field, value: 'omit', detail };
}
export function forbidden(field: string, detail: string): FieldError {
  return { type: 'Forbidden', field, value: 'omit', detail };
}
export function invalid(field: string, value: BadValue, detail: string): FieldError {
  return { type: 'Invalid value', field, value, detail };
}
export function notFound(field: string, value: BadValue): FieldError {
  return { type: 'Not found', field, value, detail: '' };
}
export function duplicate(field: string, value: BadValue): FieldError {
  return { type: 'Duplicate value', field, value, detail: '' };
}
export function tooLong(field: string, maxLength: number): FieldError {
  return { type: 'Too long', field, value: 'omit', detail: `may not be more than ${maxLength} bytes` };
}
/** field.NotSupported: `Unsupported value: "x": supported values: "A", "B"`. */
export function notSupported(field: string, value: BadValue, valid: readonly string[]): FieldError {
  return { type: 'Unsupported value', field, value, detail: valid.length ? `supported values: ${valid.map(goQuote).join(', ')}` : '' };
}

/** field.Error.ErrorBody(). */
export function errorBody(e: FieldError): string {
  let s: string;
  if (e.type === 'Required value' || e.type === 'Forbidden' || e.type === 'Too long' || e.type === 'Internal error' || e.value === 'omit') s = e.type;
  else if (e.value === null) s = `${e.type}: null`;
  else if ('s' in e.value) s = `${e.type}: ${goQuote(e.value.s)}`;
  else if ('n' in e.value) s = `${e.type}: ${e.value.n}`;
  else if ('b' in e.value) s = `${e.type}: ${e.value.b ? 'true' : 'false'}`;
  else s = `${e.type}: ${e.value.go}`;
  if (e.detail.length) s += `: ${e.detail}`;
  return s;
}

/** field.Error.Error(): "spec.containers[0].image: Required value". */
export function errorString(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

/** utilerrors aggregate text: one message bare, several as "[a, b]" (duplicates dropped). */
export function aggregate(messages: readonly string[]): string {
  const seen = new Set<string>();
  const list = messages.filter((m) => (seen.has(m) ? false : (seen.add(m), true)));
  return list.length === 1 ? (list[0] ?? '') : `[${list.join(', ')}]`;
}

export interface StatusCause {
  reason: string;
  message: string;
  field: string;
}

/** A metav1.Status the API server answers with on failure. */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: 'Invalid' | 'BadRequest' | 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Forbidden';
  details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[] };
  code: number;
}

/** Go `%#v` of map[string]string: map[string]string{"a":"b", "c":"d"} with sorted keys; nil as (nil). */
export function goMapStringString(m: Record<string, string> | null | undefined): string {
  if (m == null) return 'map[string]string(nil)';
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(m[k] ?? '')}`).join(', ')}}`;
}

/** errors.NewInvalid(qualifiedKind, name, errs). `group` makes the message's kind "Deployment.apps". */
export function formatInvalid(kind: string, name: string, errors: readonly FieldError[], group = ''): Status {
  const qualified = group ? `${kind}.${group}` : kind;
  const agg = errors.length ? `: ${aggregate(errors.map(errorString))}` : '';
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `${qualified} ${goQuote(name)} is invalid${agg}`,
    reason: 'Invalid',
    details: { name, ...(group ? { group } : {}), kind, causes: errors.map((e) => ({ reason: CAUSE_TYPE[e.type], message: errorBody(e), field: e.field })) },
    code: 422,
  };
}

/** errors.NewBadRequest(message). */
export function badRequest(message: string): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'BadRequest', code: 400 };
}

/**
 * What kubectl prints for an Invalid status (stderr, newline-terminated): `The Pod "web" is invalid:
 * spec.x: Required value`, or a first line ending in ": " followed by "* field: body" lines.
 */
export function kubectlInvalidMessage(status: Status): string {
  const d = status.details;
  let s = 'The request is invalid';
  if (d && ((d.kind ?? '') !== '' || (d.name ?? '') !== '')) s = `The ${d.kind ?? ''} ${goQuote(d.name ?? '')} is invalid`;
  const causes = d?.causes ?? [];
  if (!causes.length) return `${s}\n`;
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const c of causes) {
    const key = c.message + c.field;
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push(`${c.field}: ${c.message}`);
  }
  if (lines.length === 1) return `${s}: ${lines[0] ?? ''}\n`;
  return `${s}: \n${lines.map((l) => `* ${l}\n`).join('')}`;
}
