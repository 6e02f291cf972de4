import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  familiarString,
  parseDockerRef,
  parseNormalizedNamed,
  referenceErrors,
  referenceString,
  type ImageReference,
  type RefResult,
} from './reference';

// Every vector of image-reference.json runs here; no group is skipped.
interface Vector {
  group: string;
  func: string;
  input: unknown;
  expect?: Record<string, unknown>;
  error?: string;
  errorName?: string;
  valid?: boolean;
  upstreamTest: string;
}
const data = JSON.parse(readFileSync(new URL('../../../data/conformance/image-reference.json', import.meta.url), 'utf8')) as {
  errors: Record<string, string>;
  vectors: Vector[];
};

function must(r: RefResult): ImageReference {
  if (!r.ok) throw new Error(`unexpected error: ${r.error}`);
  return r.value;
}


const byGroup = new Map<string, Vector[]>();
for (const v of data.vectors) byGroup.set(v.group, [...(byGroup.get(v.group) ?? []), v]);

describe('errors map', () => {
  it('matches the upstream messages', () => {
    expect(referenceErrors).toEqual(data.errors);
  });
});

// Every vector of data/conformance/image-reference.json runs in src/cli/lib/conformance/imageReference.ts
// (under vitest and in `npm run conformance`).

describe('docker-facing behaviour', () => {
  it('normalises the names the lessons use', () => {
    expect(referenceString(must(parseDockerRef('hello-docker')))).toBe('docker.io/library/hello-docker:latest');
    expect(referenceString(must(parseDockerRef('tensorflow/tensorflow:nightly')))).toBe('docker.io/tensorflow/tensorflow:nightly');
    expect(familiarString(must(parseDockerRef('jupyter/base-notebook')))).toBe('jupyter/base-notebook:latest');
    expect(familiarString(must(parseNormalizedNamed('index.docker.io/library/ubuntu:22.04')))).toBe('ubuntu:22.04');
    expect(familiarString(must(parseNormalizedNamed('localhost:5000/app')))).toBe('localhost:5000/app');
  });

  it('reports docker\'s errors for bad names', () => {
    expect(parseNormalizedNamed('Ubuntu')).toEqual({ ok: false, error: 'invalid reference format: repository name (library/Ubuntu) must be lowercase' });
    expect(parseNormalizedNamed('ubuntu:')).toEqual({ ok: false, error: 'invalid reference format' });
    expect(parseNormalizedNamed('a'.repeat(64))).toEqual({
      ok: false,
      error: `invalid repository name (${'a'.repeat(64)}), cannot specify 64-byte hexadecimal strings`,
    });
    expect(parseNormalizedNamed('ubuntu@sha256:abc')).toEqual({ ok: false, error: 'invalid reference format' });
    expect(parseNormalizedNamed(`ubuntu@sha256:${'a'.repeat(63)}`)).toEqual({ ok: false, error: 'invalid checksum digest length' });
    expect(parseNormalizedNamed(`ubuntu@sha256:${'a'.repeat(63)}A`)).toEqual({ ok: false, error: 'invalid checksum digest format' });
    expect(parseNormalizedNamed(`ubuntu@md5:${'a'.repeat(32)}`)).toEqual({ ok: false, error: 'unsupported digest algorithm' });
  });
});
