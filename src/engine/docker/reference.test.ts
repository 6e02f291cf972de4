import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  familiarMatch,
  familiarName,
  familiarString,
  parseAnyReference,
  parseDockerRef,
  parseNamed,
  parseNormalizedNamed,
  parseReference,
  referenceErrors,
  referenceName,
  referenceRegexps,
  referenceString,
  withDigest,
  withName,
  withTag,
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

function expectError(r: RefResult<unknown>, v: Vector): void {
  expect(r.ok).toBe(false);
  if (!r.ok && v.error !== undefined) expect(r.error).toBe(v.error);
}

const byGroup = new Map<string, Vector[]>();
for (const v of data.vectors) byGroup.set(v.group, [...(byGroup.get(v.group) ?? []), v]);

describe('errors map', () => {
  it('matches the upstream messages', () => {
    expect(referenceErrors).toEqual(data.errors);
  });
});

describe('image-reference.json vectors', () => {
  it('has only groups this test knows', () => {
    const known = [
      'parse', 'normalize', 'parseAny', 'parseDockerRef', 'familiarMatch', 'parseNamed', 'withName', 'withTag', 'withDigest',
      'jsonField', 'normalizedNamedValidity', 'regexpName', 'regexpDomainAndPort', 'regexpReference', 'regexpIdentifier',
    ];
    expect([...byGroup.keys()].filter((g) => !known.includes(g))).toEqual([]);
  });

  it.each(byGroup.get('parse') ?? [])('parse: $input', (v) => {
    const r = parseReference(v.input as string);
    if (v.error !== undefined) return expectError(r, v);
    const ref = must(r);
    const e = v.expect as { string: string; name: string; domain: string; tag: string; digest: string };
    expect(referenceString(ref)).toBe(e.string);
    expect(referenceName(ref)).toBe(e.name);
    expect(ref.domain).toBe(e.domain);
    expect(ref.tag).toBe(e.tag);
    expect(ref.digest).toBe(e.digest);
  });

  // json.Unmarshal into reference.Field calls Parse.
  it.each(byGroup.get('jsonField') ?? [])('jsonField: $input', (v) => {
    const r = parseReference(v.input as string);
    if (v.error !== undefined) return expectError(r, v);
    const ref = must(r);
    expect({ name: referenceName(ref), tag: ref.tag, digest: ref.digest }).toEqual(v.expect);
    expect(referenceString(ref)).toBe(v.input);
  });

  it.each(byGroup.get('withName') ?? [])('withName: $input', (v) => {
    const r = withName(v.input as string);
    if (v.error !== undefined) return expectError(r, v);
    const ref = must(r);
    expect({ domain: ref.domain, path: ref.path }).toEqual(v.expect);
    expect(referenceString(ref)).toBe(v.input);
  });

  it.each(byGroup.get('withTag') ?? [])('withTag: %#', (v) => {
    if (v.func === 'ParseNormalizedNamed+WithTag') {
      const input = v.input as { name: string; tag: string };
      const r = withTag(must(parseNormalizedNamed(input.name)), input.tag);
      expect(r.ok).toBe(v.valid);
      if (!r.ok) expect(r.error).toBe(referenceErrors.ErrTagInvalidFormat);
      return;
    }
    const input = v.input as { name: string; tag: string; digest: string };
    let ref = must(withName(input.name));
    if (input.digest !== '') ref = must(withDigest(ref, input.digest));
    ref = must(withTag(ref, input.tag));
    expect(referenceString(ref)).toBe(v.expect?.['string']);
  });

  it.each(byGroup.get('withDigest') ?? [])('withDigest: %#', (v) => {
    if (v.func === 'ParseNormalizedNamed+WithDigest') {
      const input = v.input as { name: string; digest: string };
      const r = withDigest(must(parseNormalizedNamed(input.name)), input.digest);
      expect(r.ok).toBe(v.valid);
      if (!r.ok) expect(r.error).toBe(referenceErrors.ErrDigestInvalidFormat);
      return;
    }
    const input = v.input as { name: string; tag: string; digest: string };
    let ref = must(withName(input.name));
    if (input.tag !== '') ref = must(withTag(ref, input.tag));
    ref = must(withDigest(ref, input.digest));
    expect(referenceString(ref)).toBe(v.expect?.['string']);
  });

  it.each(byGroup.get('parseNamed') ?? [])('parseNamed: $input', (v) => {
    const r = parseNamed(v.input as string);
    if (v.error !== undefined) return expectError(r, v);
    const ref = must(r);
    expect({ domain: ref.domain, path: ref.path }).toEqual(v.expect);
  });

  it.each(byGroup.get('normalizedNamedValidity') ?? [])('normalizedNamedValidity: $input', (v) => {
    expect(parseNormalizedNamed(v.input as string).ok).toBe(v.valid);
  });

  it.each(byGroup.get('normalize') ?? [])('normalize: $input', (v) => {
    const ref = must(parseNormalizedNamed(v.input as string));
    const e = v.expect ?? {};
    if ('familiarName' in e) expect(familiarName(ref)).toBe(e['familiarName']);
    if ('familiarString' in e) expect(familiarString(ref)).toBe(e['familiarString']);
    if ('string' in e) expect(referenceString(ref)).toBe(e['string']);
    if ('domain' in e) expect(ref.domain).toBe(e['domain']);
    if ('path' in e) expect(ref.path).toBe(e['path']);
    if ('isTagged' in e) expect(ref.tag !== '').toBe(e['isTagged']);
    if ('isCanonical' in e) expect(ref.digest !== '').toBe(e['isCanonical']);
  });

  it.each(byGroup.get('parseAny') ?? [])('parseAny: $input', (v) => {
    const ref = must(parseAnyReference(v.input as string));
    const e = v.expect as { string: string; type: string };
    expect(referenceString(ref)).toBe(e.string);
    // "same as Parse(string)": the reference equals what Parse gives for its own string.
    if (e.type === 'digestReference') expect(referenceName(ref)).toBe('');
    else expect(ref).toEqual(must(parseReference(e.string)));
  });

  it.each(byGroup.get('parseDockerRef') ?? [])('parseDockerRef: $input', (v) => {
    const r = parseDockerRef(v.input as string);
    if (v.error !== undefined) return expectError(r, v);
    expect(referenceString(must(r))).toBe(v.expect?.['string']);
  });

  it.each(byGroup.get('familiarMatch') ?? [])('familiarMatch: %#', (v) => {
    const input = v.input as { reference: string; pattern: string };
    const r = familiarMatch(input.pattern, must(parseAnyReference(input.reference)));
    if (v.valid === false) {
      expect(r).toEqual({ ok: false, error: 'syntax error in pattern' });
      return;
    }
    expect(r).toEqual({ ok: true, value: v.expect?.['match'] });
  });

  const regexpGroups: [string, RegExp][] = [
    ['regexpName', referenceRegexps.anchoredName],
    ['regexpDomainAndPort', referenceRegexps.anchoredDomainAndPort],
    ['regexpReference', referenceRegexps.reference],
    ['regexpIdentifier', referenceRegexps.anchoredIdentifier],
  ];
  for (const [group, re] of regexpGroups) {
    it.each(byGroup.get(group) ?? [])(`${group}: $input`, (v) => {
      const e = v.expect as { match: boolean; submatches?: string[] };
      const m = re.exec(v.input as string);
      expect(m !== null).toBe(e.match);
      if (m !== null && e.submatches !== undefined) {
        expect(m.slice(1).map((s) => s ?? '')).toEqual(e.submatches);
      }
    });
  }
});

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
