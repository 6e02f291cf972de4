import { describe, expect, it } from 'vitest';
import { marshalYAML, sortYamlKeys } from './yaml';

describe('marshalYAML (sigs.k8s.io/yaml over go-yaml v2)', () => {
  it('sorts keys, indents nested maps, keeps sequences under a key at the key column', () => {
    const y = marshalYAML({ spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }] }] }, apiVersion: 'v1', kind: 'Pod' });
    expect(y).toBe('apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - image: nginx\n    name: web\n    ports:\n    - containerPort: 80\n');
  });
  it('quotes strings that would read back as other types, and empty strings', () => {
    expect(marshalYAML({ rv: '9', b: 'true', e: '', t: '2025-06-02T10:15:03Z', y: 'y', f: '1.5', n: null, z: 0 })).toBe('b: "true"\ne: ""\nf: "1.5"\n"n": null\nrv: "9"\nt: "2025-06-02T10:15:03Z"\n"y": "y"\nz: 0\n');
  });
  it('single-quotes what plain style cannot carry and double-quotes control characters', () => {
    expect(marshalYAML({ a: 'key: value', b: '*', c: 'tab\there', d: "it's" })).toBe("a: 'key: value'\nb: '*'\nc: \"tab\\there\"\nd: it's\n");
  });
  it('writes strings with newlines as literal blocks with the chomping indicator', () => {
    expect(marshalYAML({ a: '{"kind":"Pod"}\n', b: 'x\ny', c: 'x\n\n' })).toBe('a: |\n  {"kind":"Pod"}\nb: |-\n  x\n  y\nc: |+\n  x\n\n');
  });
  it('folds long plain and quoted scalars at a space past column 80', () => {
    const msg = 'containers with unready status: [web] and a long explanation that keeps going past the limit';
    expect(marshalYAML({ status: { message: msg } })).toBe("status:\n  message: 'containers with unready status: [web] and a long explanation that keeps\n    going past the limit'\n");
  });
  it('prints empty collections in flow style', () => {
    expect(marshalYAML({ a: {}, b: [], c: [[], {}] })).toBe('a: {}\nb: []\nc:\n- []\n- {}\n');
  });
  it('orders keys with digit runs compared as numbers', () => {
    expect(sortYamlKeys(['a10', 'a2', 'b', 'a-1'])).toEqual(['a-1', 'a2', 'a10', 'b']);
  });
});
