/** jsonpath.json (client-go util/jsonpath; kubectl RelaxedJSONPathExpression): every vector. */
import { goMap, goStruct } from '../gofmt';
import { executeJSONPath, flattenNodes, nodeString, parseJSONPath, relaxedJSONPathExpression } from '../jsonpath/jsonpath';
import { diff, first, type VectorCase, type VectorFamily } from './types';

interface V {
  kind: string;
  name: string;
  template?: string;
  input?: unknown;
  inputRef?: string;
  allowMissingKeys?: boolean;
  expect?: unknown;
  expectError?: boolean;
  errorMessage?: string;
  compare?: string;
  expectNodeStrings?: string[];
  expectNodes?: unknown[];
}

interface Data {
  inputs: Record<string, { origin: string; json: unknown }>;
  vectors: V[];
}

/** Gives the Go-typed inputs their Go shapes: structs keep field order, `Labels` is a map[string]int. */
function goShaped(name: string, json: unknown): unknown {
  const clone = JSON.parse(JSON.stringify(json)) as Record<string, unknown>;
  if (name === 'storeData') {
    for (const b of (clone.Book as object[] | undefined) ?? []) goStruct(b, 'main.book');
    for (const b of (clone.Bicycle as object[] | undefined) ?? []) goStruct(b, 'main.bicycle');
    if (clone.Labels) goMap(clone.Labels as object, 'map[string]int');
    if (clone.Employees) goMap(clone.Employees as object, 'map[main.empName]main.job');
    return goStruct(clone, 'main.store');
  }
  if (name === 'types') {
    for (const s of (clone.structs as object[] | undefined) ?? []) goStruct(s, 'main.structType');
  }
  return clone;
}

function sortedFields(s: string): string[] {
  return s.split(/\s+/).filter((x) => x !== '').sort();
}

function runVector(data: Data, v: V): string | null {
  switch (v.kind) {
    case 'execute': {
      const input = v.inputRef !== undefined ? goShaped(v.inputRef, data.inputs[v.inputRef]?.json) : v.input;
      const r = executeJSONPath(v.template ?? '', input, { allowMissingKeys: v.allowMissingKeys === true });
      if (v.expectError) {
        if (r.ok) return `expected an error, got output ${JSON.stringify(r.output)}`;
        return v.errorMessage !== undefined ? diff('error', r.error, v.errorMessage) : null;
      }
      if (!r.ok) return `unexpected error: ${r.error}`;
      if (v.compare === 'sorted-whitespace-fields') return diff('fields', sortedFields(r.output), sortedFields(String(v.expect)));
      return diff('output', r.output, v.expect);
    }
    case 'parse': {
      const r = parseJSONPath(v.template ?? '');
      if (v.expectError) {
        if (r.ok) return 'expected a parse error';
        return v.errorMessage !== undefined ? diff('error', r.error, v.errorMessage) : null;
      }
      if (!r.ok) return `unexpected error: ${r.error}`;
      const nodes = flattenNodes(r.value);
      return first(diff('node strings', nodes.map(nodeString), v.expectNodeStrings));
    }
    case 'relaxedExpression': {
      const input = String(v.input);
      const r = relaxedJSONPathExpression(input);
      if (v.expectError) return r.ok ? `expected an error, got ${r.value}` : null;
      if (!r.ok) return `unexpected error: ${r.error}`;
      return diff('expression', r.value, v.expect);
    }
    default:
      return `unknown kind ${v.kind}`;
  }
}

export const jsonpathFamily: VectorFamily = {
  file: 'jsonpath.json',
  cases(raw: unknown): VectorCase[] {
    const data = raw as Data;
    return data.vectors.map((v, i) => ({ name: `${v.kind} #${i} ${v.name} ${v.template ?? JSON.stringify(v.input)}`.slice(0, 140), run: () => runVector(data, v) }));
  },
};
