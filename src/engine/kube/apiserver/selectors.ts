/**
 * Selectors in list and watch requests. Field selectors follow k8s.io/apimachinery pkg/fields
 * (splitTerms, splitTerm, UnescapeValue, their error texts) and the per-kind field label conversions
 * of the v1.33 API (`field label not supported: x` for kinds with their own conversion, the generic
 * `"x" is not a known field selector: only "metadata.name", "metadata.namespace"` otherwise).
 *
 * Label selectors are apimachinery's, parsed and matched by ../labels (upstream's exact errors).
 */
import type { ResourceInfo } from './resources';

type Obj = Record<string, unknown>;

// ------------------------------------------------------------------ label selectors

export type { Requirement as LabelRequirement, Selector as LabelSelector } from '../labels';
export { parseSelector as parseLabelSelector, selectorMatches as labelSelectorMatches } from '../labels';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

// ------------------------------------------------------------------ field selectors

export interface FieldTerm {
  field: string;
  value: string;
  negated: boolean;
}

function splitTerms(sel: string): string[] {
  if (sel === '') return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < sel.length; i++) {
    const c = sel[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(sel.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(sel.slice(start));
  return terms;
}

function unescapeValue(s: string): ParseResult<string> {
  if (!/[\\,=]/.test(s)) return { ok: true, value: s };
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c === '\\' || c === ',' || c === '=') out += c;
      else return { ok: false, error: `invalid field selector: invalid escape sequence: \\${c}` };
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    else if (c === ',' || c === '=') return { ok: false, error: `invalid field selector: unescaped character in value: ${c.charCodeAt(0)}` };
    else out += c;
  }
  if (inSlash) return { ok: false, error: 'invalid field selector: invalid escape sequence: \\' };
  return { ok: true, value: out };
}

/** fields.ParseSelector, then the resource's field label conversion. */
export function parseFieldSelector(sel: string, info: ResourceInfo): ParseResult<FieldTerm[]> {
  const parts = splitTerms(sel).sort();
  const terms: FieldTerm[] = [];
  for (const part of parts) {
    if (part === '') continue;
    let found: { lhs: string; op: string; rhs: string } | undefined;
    for (let i = 0; i < part.length && !found; i++) {
      for (const op of ['!=', '==', '=']) {
        if (part.startsWith(op, i)) {
          found = { lhs: part.slice(0, i), op, rhs: part.slice(i + op.length) };
          break;
        }
      }
    }
    if (!found) return { ok: false, error: `invalid selector: '${sel}'; can't understand '${part}'` };
    const v = unescapeValue(found.rhs);
    if (!v.ok) return v;
    terms.push({ field: found.lhs, value: v.value, negated: found.op === '!=' });
  }
  for (const t of terms) {
    if (t.field === 'metadata.name' || t.field === 'metadata.namespace') continue;
    if (info.fieldLabels?.includes(t.field)) continue;
    if (info.fieldLabels) return { ok: false, error: `field label not supported: ${t.field}` };
    return { ok: false, error: `${JSON.stringify(t.field)} is not a known field selector: only "metadata.name", "metadata.namespace"` };
  }
  return { ok: true, value: terms };
}

function at(obj: Obj, path: string): unknown {
  let cur: unknown = obj;
  for (const seg of path.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Obj)[seg];
  }
  return cur;
}

/** The value a field label has on an object, as the resource's GetAttrs/ToSelectableFields gives it. */
export function fieldValue(obj: Obj, field: string): string {
  switch (field) {
    case 'status.podIPs': {
      const ips = at(obj, 'status.podIPs');
      return Array.isArray(ips) ? ips.map((x) => String((x as Obj).ip ?? '')).join(',') : '';
    }
    case 'spec.hostNetwork':
    case 'spec.unschedulable':
      return at(obj, field) === true ? 'true' : 'false';
    case 'source': {
      const src = at(obj, 'source.component');
      return typeof src === 'string' ? src : '';
    }
    case 'status.replicas':
    case 'status.successful': {
      const v = at(obj, field);
      return typeof v === 'number' ? String(v) : '0';
    }
    case 'metadata.namespace': {
      const v = at(obj, field);
      return typeof v === 'string' ? v : '';
    }
  }
  const v = at(obj, field);
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

export function fieldSelectorMatches(terms: readonly FieldTerm[], obj: Obj): boolean {
  return terms.every((t) => (fieldValue(obj, t.field) === t.value) !== t.negated);
}
