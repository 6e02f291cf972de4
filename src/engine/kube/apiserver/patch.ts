/**
 * The three patch formats the API server accepts for PATCH: JSON merge patch (RFC 7386,
 * application/merge-patch+json), JSON patch (RFC 6902, application/json-patch+json, worded as
 * evanphx/json-patch v4 words its failures) and strategic merge patch
 * (application/strategic-merge-patch+json, k8s.io/apimachinery pkg/util/strategicpatch) with the
 * patch strategies and merge keys of the v1.33 types Dockyard serves, and the directives kubectl
 * sends ($patch, $retainKeys, $setElementOrder/, $deleteFromPrimitiveList/).
 */

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JObj = { [k: string]: Json };

const isObj = (v: unknown): v is JObj => typeof v === 'object' && v !== null && !Array.isArray(v);
const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

export type PatchResult = { ok: true; value: Json } | { ok: false; error: string; kind: 'bad-request' | 'unprocessable' };

// ------------------------------------------------------------------ JSON merge patch

/** RFC 7386 MergePatch(target, patch). */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isObj(patch)) return clone(patch);
  const out: JObj = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k] ?? null, v);
  }
  return out;
}

// ------------------------------------------------------------------ JSON patch

function unescapePointer(seg: string): string {
  return seg.replace(/~1/g, '/').replace(/~0/g, '~');
}

function equalJson(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equalJson(x, b[i] ?? null));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => k in b && equalJson(a[k] ?? null, b[k] ?? null));
  }
  return false;
}

interface Located {
  parent: JObj | Json[];
  key: string;
}

/** Finds the container of the last segment of `path`, or null when an intermediate is missing. */
function locate(doc: { root: Json }, path: string): Located | null {
  if (path === '') return { parent: doc as unknown as JObj, key: 'root' };
  if (!path.startsWith('/')) return null;
  const segs = path.slice(1).split('/').map(unescapePointer);
  let cur: Json = doc.root;
  for (let i = 0; i < segs.length - 1; i++) {
    const s = segs[i] ?? '';
    if (Array.isArray(cur)) {
      const n = Number(s);
      if (!/^\d+$/.test(s) || n >= cur.length) return null;
      cur = cur[n] ?? null;
    } else if (isObj(cur)) {
      if (!(s in cur)) return null;
      cur = cur[s] ?? null;
    } else return null;
  }
  if (!Array.isArray(cur) && !isObj(cur)) return null;
  return { parent: cur, key: segs[segs.length - 1] ?? '' };
}

function getAt(loc: Located): Json | undefined {
  if (Array.isArray(loc.parent)) {
    if (!/^\d+$/.test(loc.key)) return undefined;
    return loc.parent[Number(loc.key)];
  }
  return Object.prototype.hasOwnProperty.call(loc.parent, loc.key) ? loc.parent[loc.key] : undefined;
}

/** Applies an RFC 6902 patch (an array of operations) to a copy of `doc`. */
export function jsonPatch(doc: unknown, ops: unknown): PatchResult {
  if (!Array.isArray(ops)) return { ok: false, kind: 'bad-request', error: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch' };
  const holder = { root: clone(doc as Json) };
  for (const raw of ops) {
    if (!isObj(raw)) return { ok: false, kind: 'bad-request', error: 'json: cannot unmarshal non-object into Go value of type jsonpatch.Operation' };
    const op = typeof raw.op === 'string' ? raw.op : '';
    const path = typeof raw.path === 'string' ? raw.path : '';
    const fail = (msg: string): PatchResult => ({ ok: false, kind: 'unprocessable', error: msg });
    const missing = (what: string): PatchResult => fail(`${what} operation does not apply: doc is missing path: ${JSON.stringify(path)}: missing value`);
    switch (op) {
      case 'add': {
        const loc = locate(holder, path);
        if (!loc) return missing('add');
        const value = clone(raw.value ?? null);
        if (Array.isArray(loc.parent)) {
          const idx = loc.key === '-' ? loc.parent.length : Number(loc.key);
          if (!/^\d+$/.test(loc.key) && loc.key !== '-') return missing('add');
          if (idx > loc.parent.length) return fail(`add operation does not apply: doc is missing path: ${JSON.stringify(path)}: missing value`);
          loc.parent.splice(idx, 0, value);
        } else loc.parent[loc.key] = value;
        break;
      }
      case 'remove': {
        const loc = locate(holder, path);
        if (!loc || getAt(loc) === undefined) return missing('remove');
        if (Array.isArray(loc.parent)) loc.parent.splice(Number(loc.key), 1);
        else delete loc.parent[loc.key];
        break;
      }
      case 'replace': {
        const loc = locate(holder, path);
        if (!loc || getAt(loc) === undefined) return fail(`replace operation does not apply: doc is missing key: ${path}: missing value`);
        if (Array.isArray(loc.parent)) loc.parent[Number(loc.key)] = clone(raw.value ?? null);
        else loc.parent[loc.key] = clone(raw.value ?? null);
        break;
      }
      case 'test': {
        const loc = locate(holder, path);
        const cur = loc ? getAt(loc) : undefined;
        if (cur === undefined || !equalJson(cur, raw.value ?? null)) return fail(`testing value ${path} failed: test failed`);
        break;
      }
      case 'move':
      case 'copy': {
        const from = typeof raw.from === 'string' ? raw.from : '';
        const src = locate(holder, from);
        const value = src ? getAt(src) : undefined;
        if (!src || value === undefined) return fail(`${op} operation does not apply: doc is missing from path: ${from}: missing value`);
        if (op === 'move') {
          if (Array.isArray(src.parent)) src.parent.splice(Number(src.key), 1);
          else delete src.parent[src.key];
        }
        const r = jsonPatch(holder.root, [{ op: 'add', path, value: clone(value) }]);
        if (!r.ok) return r;
        holder.root = r.value;
        break;
      }
      default:
        return fail(`Unexpected kind: ${op}`);
    }
  }
  return { ok: true, value: holder.root };
}

// ------------------------------------------------------------------ strategic merge patch

/**
 * patchMergeKey of list fields, by the field names leading to them (indices dropped). Lists not
 * named here are atomic (replaced), except `finalizers`, a merged list of strings.
 */
function mergeKeyFor(path: readonly string[], kind: string): string | undefined {
  const last = path[path.length - 1] ?? '';
  const parent = path[path.length - 2] ?? '';
  switch (last) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'env':
    case 'volumes':
    case 'imagePullSecrets':
    case 'resourceClaims':
      return 'name';
    case 'volumeMounts':
      return 'mountPath';
    case 'volumeDevices':
      return 'devicePath';
    case 'hostAliases':
    case 'podIPs':
    case 'hostIPs':
      return 'ip';
    case 'conditions':
      return 'type';
    case 'addresses':
      return parent === 'status' && kind === 'Node' ? 'type' : undefined;
    case 'ownerReferences':
      return 'uid';
    case 'topologySpreadConstraints':
      return 'topologyKey';
    case 'ports':
      if (parent === 'containers' || parent === 'initContainers' || parent === 'ephemeralContainers') return 'containerPort';
      if (kind === 'Service' && path.length === 2 && parent === 'spec') return 'port';
      return undefined;
  }
  return undefined;
}

const MERGED_PRIMITIVE_LISTS = new Set(['finalizers']);

class SmpError {
  constructor(readonly message: string, readonly kind: 'bad-request' | 'unprocessable') {}
}

function orderBy(list: Json[], order: Json[], key: string | undefined): Json[] {
  const idx = (v: Json): number => order.findIndex((o) => (key && isObj(o) && isObj(v) ? equalJson(o[key] ?? null, v[key] ?? null) : equalJson(o, v)));
  const inOrder = list.filter((v) => idx(v) >= 0).sort((a, b) => idx(a) - idx(b));
  return [...inOrder, ...list.filter((v) => idx(v) < 0)];
}

function mergeList(orig: Json, patch: Json[], path: string[], kind: string): Json[] {
  const last = path[path.length - 1] ?? '';
  const key = mergeKeyFor(path, kind);
  const base = Array.isArray(orig) ? orig : [];
  if (patch.some((p) => isObj(p) && p.$patch === 'replace')) return patch.filter((p) => !(isObj(p) && p.$patch === 'replace')).map((p) => clone(p));
  if (key) {
    const out = base.map((x) => clone(x));
    for (const item of patch) {
      if (!isObj(item)) throw new SmpError('unable to find api field in struct for the patch', 'bad-request');
      const kv = item[key];
      if (kv === undefined) throw new SmpError(`map: ${JSON.stringify(item)} does not contain declared merge key: ${key}`, 'bad-request');
      const i = out.findIndex((x) => isObj(x) && equalJson(x[key] ?? null, kv));
      if (item.$patch === 'delete') {
        if (i >= 0) out.splice(i, 1);
        continue;
      }
      if (i >= 0) out[i] = mergeMap(out[i] ?? null, item, path, kind);
      else out.push(mergeMap(null, item, path, kind));
    }
    return out;
  }
  if (MERGED_PRIMITIVE_LISTS.has(last)) {
    const out = base.map((x) => clone(x));
    for (const v of patch) if (!out.some((x) => equalJson(x, v))) out.push(clone(v));
    return out;
  }
  return patch.map((p) => clone(p));
}

function mergeMap(orig: Json, patch: JObj, path: string[], kind: string): Json {
  if (patch.$patch === 'delete') return null;
  if (patch.$patch === 'replace') {
    const out = clone(patch);
    delete out.$patch;
    return out;
  }
  const out: JObj = isObj(orig) ? { ...orig } : {};
  const orders: [string, Json[]][] = [];
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch') continue;
    if (k === '$retainKeys') {
      if (!Array.isArray(v)) throw new SmpError('invalid patch: the value of $retainKeys must be a list', 'bad-request');
      for (const key of Object.keys(out)) if (!v.includes(key)) delete out[key];
      continue;
    }
    if (k.startsWith('$setElementOrder/')) {
      if (Array.isArray(v)) orders.push([k.slice('$setElementOrder/'.length), v]);
      continue;
    }
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      const cur = out[field];
      if (Array.isArray(cur) && Array.isArray(v)) out[field] = cur.filter((x) => !v.some((d) => equalJson(d, x)));
      continue;
    }
    const childPath = [...path, k];
    if (v === null) delete out[k];
    else if (isObj(v)) {
      const merged = mergeMap(out[k] ?? null, v, childPath, kind);
      if (merged === null) delete out[k];
      else out[k] = merged;
    } else if (Array.isArray(v)) out[k] = mergeList(out[k] ?? null, v, childPath, kind);
    else out[k] = v;
  }
  for (const [field, order] of orders) {
    const cur = out[field];
    if (Array.isArray(cur)) out[field] = orderBy(cur, order, mergeKeyFor([...path, field], kind));
  }
  return out;
}

/** StrategicMergePatch(original, patch) for an object of `kind`. */
export function strategicMergePatch(original: unknown, patch: unknown, kind: string): PatchResult {
  if (!isObj(patch as Json)) return { ok: false, kind: 'bad-request', error: 'invalid JSON document' };
  try {
    return { ok: true, value: mergeMap(original as Json, patch as JObj, [], kind) ?? {} };
  } catch (e) {
    if (e instanceof SmpError) return { ok: false, kind: e.kind, error: e.message };
    throw e;
  }
}
