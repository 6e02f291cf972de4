/**
 * The extra template functions of docker (docker/cli `templates/templates.go`: basicFunctions and
 * HeaderFunctions) and kubectl (cli-runtime `pkg/printers/template.go`: exists, base64decode).
 */
import { goJSON, isGoStruct, isNil } from '../gofmt';
import { FuncError, NO_VALUE, type FuncMap } from './exec';

function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** Go `strings.Title`: upper-cases the first letter of each word (deprecated in Go, still used by docker). */
export function goTitle(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    const isSep = !/[\p{L}\p{Nd}_]/u.test(prev) && (/[\s]/u.test(prev) || /[\p{P}\p{S}]/u.test(prev) || prev === ' ');
    out += isSep ? ch.toUpperCase() : ch;
    prev = ch;
  }
  return out;
}

/** Go `strings.Split` (empty separator splits into UTF-8 sequences). */
export function goSplit(s: string, sep: string): string[] {
  if (sep === '') return [...s];
  return s.split(sep);
}

export const DOCKER_FUNCS: FuncMap = {
  json: {
    params: ['any'],
    fn: (v) => goJSON(v === NO_VALUE ? null : v, { escapeHTML: false }).trim(),
  },
  split: { params: ['string', 'string'], fn: (s, sep) => goSplit(s as string, sep as string) },
  join: { params: ['[]string', 'string'], fn: (a, sep) => (a as string[]).join(sep as string) },
  title: { params: ['string'], fn: (s) => goTitle(s as string) },
  lower: { params: ['string'], fn: (s) => (s as string).toLowerCase() },
  upper: { params: ['string'], fn: (s) => (s as string).toUpperCase() },
  pad: {
    params: ['string', 'int', 'int'],
    fn: (s, prefix, suffix) => (s === '' ? '' : ' '.repeat(Math.max(0, prefix as number)) + (s as string) + ' '.repeat(Math.max(0, suffix as number))),
  },
  truncate: {
    params: ['string', 'int'],
    fn: (s, n) => {
      const b = utf8(s as string);
      const len = n as number;
      if (b.length < len) return s;
      if (len < 0) throw new FuncError(`runtime error: slice bounds out of range [:${len}]`);
      return new TextDecoder().decode(b.slice(0, len));
    },
  },
};

/** docker's HeaderFunctions: applied when rendering a table's header row from the header map (`pad` is not overridden: headers are padded too). */
export const DOCKER_HEADER_FUNCS: FuncMap = {
  json: { params: ['string'], fn: (v) => v },
  split: { params: ['string', 'string'], fn: (v) => v },
  join: { params: ['string', 'string'], fn: (v) => v },
  title: { params: ['string'], fn: (v) => v },
  lower: { params: ['string'], fn: (v) => v },
  upper: { params: ['string'], fn: (v) => v },
  truncate: { params: ['string', 'int'], fn: (v) => v },
};

function base64Decode(v: string): string {
  const clean = v;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) {
    // Go reports the offset of the first bad byte
    let i = 0;
    for (; i < clean.length; i++) if (!/[A-Za-z0-9+/=]/.test(clean[i] ?? '')) break;
    if (i === clean.length) i = Math.floor(clean.length / 4) * 4;
    throw new FuncError(`base64 decode failed: illegal base64 data at input byte ${i}`);
  }
  const bin = atob(clean);
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

function exists(item: unknown, ...indices: unknown[]): boolean {
  let v: unknown = item === NO_VALUE ? null : item;
  for (const index of indices) {
    if (isNil(v)) return false;
    if (Array.isArray(v) || typeof v === 'string') {
      if (typeof index !== 'number' || !Number.isInteger(index)) return false;
      const len = typeof v === 'string' ? utf8(v).length : v.length;
      if (index < 0 || index >= len) return false;
      v = typeof v === 'string' ? utf8(v)[index] : v[index];
    } else if (typeof v === 'object' && !isGoStruct(v)) {
      if (typeof index !== 'string') return false;
      const m = v as Record<string, unknown>;
      v = Object.prototype.hasOwnProperty.call(m, index) ? m[index] : null;
    } else return false;
  }
  return !isNil(v);
}

/** kubectl `-o go-template` extra functions. */
export const KUBECTL_FUNCS: FuncMap = {
  exists: { params: ['any'], variadic: 'any', fn: (item, ...ix) => exists(item, ...ix) },
  base64decode: { params: ['string'], fn: (v) => base64Decode(v as string) },
};
