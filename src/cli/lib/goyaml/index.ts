/**
 * YAML as the Go tools read it, with their error words.
 *
 * - flavour 'kubectl': apimachinery's YAMLOrJSONDecoder over sigs.k8s.io/yaml (go-yaml v2). A stream
 *   whose first non-space character is "{" is tried as JSON first. Otherwise the text is cut into
 *   documents at lines that begin with "---" (the first document keeps a leading "---" line, so line
 *   numbers count from the chunk's first line), each chunk is parsed alone and converted to JSON; empty
 *   and null documents are dropped as cli-runtime's StreamVisitor drops them. Errors read as kubectl
 *   prints them after "error parsing FILE: ": `error converting YAML to JSON: yaml: line 8: ...`,
 *   `invalid Yaml document separator: foo`, `json: offset 28: invalid character ...`.
 * - flavour 'compose': go-yaml v3 over the whole file (v3 line rule, YAML 1.2 booleans, duplicate keys
 *   are errors).
 */
import { goJsonDecode } from './gojson';
import { composeFirstDocument, findControlCharacter, lineV2, lineV3, type YamlNode } from './libyaml';
import { ConvertError, goJsonMarshal, toJson, type DuplicateKey, type JsonValue } from './resolve';

export type { JsonValue } from './resolve';
export type { YamlNode } from './libyaml';
export { goJsonMarshal, goJsonString, resolvePlain } from './resolve';

export type GoYamlFlavour = 'kubectl' | 'compose';

export interface GoYamlDocument {
  /** the document converted to JSON values (maps with string keys) */
  value: JsonValue;
  /** the JSON text Go would produce from it (keys sorted) */
  json: string;
  /** the node tree with 0-based lines relative to the chunk (null for JSON input) */
  node: YamlNode | null;
  /** 1-based line of the file where this document's chunk starts */
  startLine: number;
}

export type GoYamlResult =
  | { ok: true; documents: GoYamlDocument[] }
  | {
      ok: false;
      /** documents read successfully before the failing one (kubectl still acts on them) */
      documents: GoYamlDocument[];
      /** the error text, e.g. "error converting YAML to JSON: yaml: line 8: did not find expected key" */
      error: string;
      /** compose only: a duplicate key (compose-go prints "line N: mapping key \"x\" already defined at line M") */
      duplicateKey?: DuplicateKey;
    };

export interface GoYamlOptions {
  flavour: GoYamlFlavour;
}

/** kubectl's wording around a parse error: `error parsing pod.yaml: <error>`. */
export function kubectlParseError(file: string, error: string): string {
  return `error parsing ${file}: ${error}`;
}

/** apimachinery's YAMLReader: chunks (text, first line) cut at "---" lines, or the separator error. */
export function splitYamlDocuments(text: string): { chunks: { text: string; startLine: number }[]; error?: string } {
  const raw = text.split('\n');
  // bufio ReadLine: a trailing newline does not make an extra line; "\r\n" endings are stripped
  if (raw.length > 0 && raw[raw.length - 1] === '') raw.pop();
  const lines = raw.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l) + '\n');
  const chunks: { text: string; startLine: number }[] = [];
  let buffer = '';
  let start = 1;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n] ?? '';
    if (line.startsWith('---')) {
      const trimmed = line.slice(3).trim();
      if (trimmed.length > 0 && !trimmed.startsWith('#')) return { chunks, error: `invalid Yaml document separator: ${trimmed}` };
      if (buffer.length !== 0) {
        chunks.push({ text: buffer, startLine: start });
        buffer = '';
        start = n + 2;
        continue;
      }
    }
    if (buffer.length === 0) start = n + 1;
    buffer += line;
  }
  if (buffer.length !== 0) chunks.push({ text: buffer, startLine: start });
  return { chunks };
}

function yamlChunk(text: string, startLine: number, flavour: GoYamlFlavour): { doc: GoYamlDocument } | { error: string; duplicateKey?: DuplicateKey } {
  const prefix = flavour === 'kubectl' ? 'error converting YAML to JSON: ' : '';
  if (findControlCharacter(text)) return { error: `${prefix}yaml: control characters are not allowed` };
  const r = composeFirstDocument(text);
  if (!r.ok) {
    const where = flavour === 'kubectl' ? lineV2(r.failure) : lineV3(r.failure);
    return { error: `${prefix}yaml: ${where}${r.failure.problem}` };
  }
  const dups: DuplicateKey[] = [];
  let value: JsonValue;
  let json: string;
  try {
    value = toJson(r.node, flavour === 'kubectl' ? 'v2' : 'v3', flavour === 'compose' ? dups : undefined);
    const d = dups[0];
    if (d) return { error: `yaml: unmarshal errors:\n  line ${d.line}: mapping key ${JSON.stringify(d.key)} already defined at line ${d.previousLine}`, duplicateKey: d };
    json = goJsonMarshal(value);
  } catch (e) {
    if (e instanceof ConvertError) return { error: `${prefix}${e.message}` };
    throw e;
  }
  return { doc: { value, json, node: r.node, startLine } };
}

function firstNonSpace(text: string): string {
  const m = /[^ \t\r\n]/.exec(text);
  return m ? m[0] : '';
}

/** Parses a manifest or compose file the way the Go tool does; never throws on bad input. */
export function parseGoYaml(text: string, opts: GoYamlOptions): GoYamlResult {
  if (opts.flavour === 'compose') {
    const r = yamlChunk(text, 1, 'compose');
    if ('error' in r) return { ok: false, documents: [], error: r.error, ...(r.duplicateKey ? { duplicateKey: r.duplicateKey } : {}) };
    return { ok: true, documents: r.doc.json === 'null' ? [] : [r.doc] };
  }
  if (firstNonSpace(text) === '{') {
    const j = goJsonDecode(text);
    if (j.ok) {
      const docs: GoYamlDocument[] = [];
      try {
        const json = goJsonMarshal(j.value);
        if (json !== 'null') docs.push({ value: j.value, json, node: null, startLine: 1 });
      } catch {
        // unreachable: JSON input holds no Inf/NaN
      }
      const rest = text.slice(j.end);
      if (firstNonSpace(rest) === '') return { ok: true, documents: docs };
      const more = parseGoYaml(rest, opts);
      return more.ok ? { ok: true, documents: [...docs, ...more.documents] } : { ...more, documents: [...docs, ...more.documents] };
    }
    // ambiguous: try YAML; if that fails too, the JSON error is reported
    const y = parseYamlStream(text);
    if (y.ok) return y;
    return { ok: false, documents: [], error: j.syntax ? `json: offset ${j.offset}: ${j.message}` : j.message };
  }
  return parseYamlStream(text);
}

function parseYamlStream(text: string): GoYamlResult {
  const split = splitYamlDocuments(text);
  const documents: GoYamlDocument[] = [];
  for (const chunk of split.chunks) {
    const r = yamlChunk(chunk.text, chunk.startLine, 'kubectl');
    if ('error' in r) return { ok: false, documents, error: r.error };
    if (r.doc.json !== 'null') documents.push(r.doc);
  }
  if (split.error) return { ok: false, documents, error: split.error };
  return { ok: true, documents };
}
