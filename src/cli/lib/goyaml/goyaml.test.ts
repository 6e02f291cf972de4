import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kubectlParseError, parseGoYaml, resolvePlain, splitYamlDocuments } from './index';

const kubectl = (text: string) => parseGoYaml(text, { flavour: 'kubectl' });
const values = (text: string): unknown[] => {
  const r = kubectl(text);
  if (!r.ok) throw new Error(r.error);
  return r.documents.map((d) => d.value);
};

describe('go-yaml v2 scalars (kubectl)', () => {
  it('resolves YAML 1.1 booleans, Go base-0 ints, floats and keeps timestamps as strings', () => {
    expect(values('a: yes\nb: Off\nc: 0777\nd: 0x1F\ne: 1_000\nf: 1e3\ng: .5\nh: 2001-12-14\ni: ~\nj: "on"\nk: 08\nl: y\n')).toEqual([
      { a: true, b: false, c: 511, d: 31, e: 1000, f: 1000, g: 0.5, h: '2001-12-14', i: null, j: 'on', k: 8, l: true },
    ]);
  });
  it('turns non-string keys into strings (a key "n" is the boolean false)', () => {
    expect(values('n: 1\n80: x\n1.5: z\n')).toEqual([{ false: 1, '80': 'x', '1.5': 'z' }]);
  });
  it('keeps the last of duplicated keys, as non-strict go-yaml v2 does', () => {
    expect(values('metadata:\n  name: web\n  name: web2\n')).toEqual([{ metadata: { name: 'web2' } }]);
  });
  it('follows anchors, aliases and merge keys, and block scalars', () => {
    expect(values('base: &b {cpu: 1}\nx:\n  <<: *b\n  mem: 2\nscript: |\n  echo hi\n  exit 0\nfolded: >-\n  a\n  b\n')).toEqual([
      { base: { cpu: 1 }, x: { cpu: 1, mem: 2 }, script: 'echo hi\nexit 0\n', folded: 'a b' },
    ]);
  });
  it('prints the JSON Go would send, with sorted keys', () => {
    const r = kubectl('kind: Pod\napiVersion: v1\nmetadata: {name: "<web>"}\n');
    expect(r.ok && r.documents[0]?.json).toBe('{"apiVersion":"v1","kind":"Pod","metadata":{"name":"\\u003cweb\\u003e"}}');
  });
  it('fails on infinities as json.Marshal does', () => {
    expect(kubectl('a: .inf\n')).toMatchObject({ ok: false, error: 'error converting YAML to JSON: json: unsupported value: +Inf' });
  });
  it('v3 (compose) has only true/false and decimal leading zeros', () => {
    expect(resolvePlain('yes', 'v3')).toBe('yes');
    expect(resolvePlain('0777', 'v3')).toBe(777);
    expect(resolvePlain('0o17', 'v3')).toBe(15);
    expect(resolvePlain('yes', 'v2')).toBe(true);
  });
});

describe('documents (apimachinery YAMLReader)', () => {
  it('cuts at --- lines, keeps a leading separator in the first chunk and drops empty documents', () => {
    const s = splitYamlDocuments('---\na: 1\n---\n\n---\nb: 2\n');
    expect(s.chunks.map((c) => [c.startLine, c.text])).toEqual([
      [1, '---\na: 1\n'],
      [4, '\n'],
      [6, 'b: 2\n'],
    ]);
    expect(values('---\na: 1\n---\n\n---\nb: 2\n')).toEqual([{ a: 1 }, { b: 2 }]);
    expect(values('---\n---\n')).toEqual([]);
    expect(values('')).toEqual([]);
  });
  it('rejects text after a separator, with the capital Y', () => {
    // the reader fails while collecting the first document, so even "a: 1" is lost
    expect(kubectl('a: 1\n---foo\nb: 2\n')).toMatchObject({ ok: false, error: 'invalid Yaml document separator: foo', documents: [] });
    expect(kubectl('a: 1\n---\nb: 2\n---foo\n')).toMatchObject({ ok: false, documents: [{ value: { a: 1 } }] });
    expect(kubectl('---  # comment\na: 1\n').ok).toBe(true);
  });
  it('keeps the documents read before a failing one', () => {
    const r = kubectl('a: 1\n---\nb: "x\n');
    expect(r).toMatchObject({ ok: false, documents: [{ value: { a: 1 } }], error: 'error converting YAML to JSON: yaml: line 2: found unexpected end of stream' });
  });
  it('tries JSON first when the stream starts with "{", and reports the JSON error when YAML fails too', () => {
    expect(values('{"a": [1, 2]}\n')).toEqual([{ a: [1, 2] }]);
    expect(kubectl('{"a": 1 "b": 2}\n')).toMatchObject({ ok: false, error: "json: offset 9: invalid character '\"' after object key:value pair" });
    // broken JSON that is valid YAML is read as YAML
    expect(values("{a: 1}\n")).toEqual([{ a: 1 }]);
  });
});

describe('go-yaml error words', () => {
  const err = (text: string): string => {
    const r = kubectl(text);
    return r.ok ? 'OK' : r.error;
  };
  it('reports reader and composer errors without a line', () => {
    expect(err('a: \u0001\n')).toBe('error converting YAML to JSON: yaml: control characters are not allowed');
    expect(err('a: *nope\n')).toBe("error converting YAML to JSON: yaml: unknown anchor 'nope' referenced");
  });
  it('uses the parser line rule (the line before the token) and the scanner rule (the scanner line + 1)', () => {
    expect(err('a:\n  b: 1\n c: 2\n')).toBe('error converting YAML to JSON: yaml: line 2: did not find expected key');
    expect(err('a: 1\nb: "x\n')).toBe('error converting YAML to JSON: yaml: line 3: found unexpected end of stream');
    expect(err('a: |0\n  x\n')).toBe('error converting YAML to JSON: yaml: found an indentation indicator equal to 0');
  });
  it('wraps as kubectl prints it', () => {
    expect(kubectlParseError('pod.yaml', 'x')).toBe('error parsing pod.yaml: x');
  });
});

describe('compose flavour (go-yaml v3 line rule, duplicate keys)', () => {
  const data = JSON.parse(readFileSync(new URL('../../../../data/conformance/validation-errors.json', import.meta.url), 'utf8')) as {
    messages: { id: string; vectors?: { case: string; input: string; yamlError: string; goYamlV3Error?: string }[] }[];
  };
  const vectors = data.messages.find((m) => m.id === 'compose.yaml-syntax')?.vectors ?? [];
  it('has the compose vectors', () => expect(vectors.length).toBeGreaterThan(5));
  it.each(vectors.map((v) => [v.case, v] as const))('%s', (_c, v) => {
    const r = parseGoYaml(v.input, { flavour: 'compose' });
    expect(r.ok ? 'OK' : r.error).toBe(v.goYamlV3Error ?? v.yamlError);
  });
  it('exposes the duplicate key for compose-go wording', () => {
    const r = parseGoYaml('services:\n  web:\n    image: a\n    image: b\n', { flavour: 'compose' });
    expect(!r.ok && r.duplicateKey).toEqual({ key: 'image', line: 4, previousLine: 3 });
  });
});
