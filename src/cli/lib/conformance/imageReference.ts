/**
 * image-reference.json (distribution/reference), run through src/engine/docker/reference.ts. The checks
 * are those of src/engine/docker/reference.test.ts, expressed as a family so `npm run conformance` runs them.
 */
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
} from '../../../engine/docker/reference';
import { check, CheckFailure, expect } from './check';
import type { VectorCase, VectorFamily } from './types';

interface Vector {
  group: string;
  func: string;
  input: unknown;
  expect?: Record<string, unknown>;
  error?: string;
  valid?: boolean;
}

function must(r: RefResult): ImageReference {
  if (!r.ok) throw new CheckFailure(`unexpected error: ${r.error}`);
  return r.value;
}
function expectError(r: RefResult<unknown>, v: Vector): void {
  expect(r.ok).toBe(false);
  if (!r.ok && v.error !== undefined) expect(r.error).toBe(v.error);
}

const REGEXPS: Record<string, RegExp> = {
  regexpName: referenceRegexps.anchoredName,
  regexpDomainAndPort: referenceRegexps.anchoredDomainAndPort,
  regexpReference: referenceRegexps.reference,
  regexpIdentifier: referenceRegexps.anchoredIdentifier,
};

function run(v: Vector): void {
  switch (v.group) {
    case 'parse': {
      const r = parseReference(v.input as string);
      if (v.error !== undefined) return expectError(r, v);
      const ref = must(r);
      const e = v.expect as { string: string; name: string; domain: string; tag: string; digest: string };
      expect(referenceString(ref)).toBe(e.string);
      expect(referenceName(ref)).toBe(e.name);
      expect(ref.domain).toBe(e.domain);
      expect(ref.tag).toBe(e.tag);
      expect(ref.digest).toBe(e.digest);
      return;
    }
    case 'jsonField': {
      const r = parseReference(v.input as string);
      if (v.error !== undefined) return expectError(r, v);
      const ref = must(r);
      expect({ name: referenceName(ref), tag: ref.tag, digest: ref.digest }).toEqual(v.expect);
      expect(referenceString(ref)).toBe(v.input);
      return;
    }
    case 'withName': {
      const r = withName(v.input as string);
      if (v.error !== undefined) return expectError(r, v);
      const ref = must(r);
      expect({ domain: ref.domain, path: ref.path }).toEqual(v.expect);
      expect(referenceString(ref)).toBe(v.input);
      return;
    }
    case 'withTag': {
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
      return;
    }
    case 'withDigest': {
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
      return;
    }
    case 'parseNamed': {
      const r = parseNamed(v.input as string);
      if (v.error !== undefined) return expectError(r, v);
      const ref = must(r);
      expect({ domain: ref.domain, path: ref.path }).toEqual(v.expect);
      return;
    }
    case 'normalizedNamedValidity':
      expect(parseNormalizedNamed(v.input as string).ok).toBe(v.valid);
      return;
    case 'normalize': {
      const ref = must(parseNormalizedNamed(v.input as string));
      const e = v.expect ?? {};
      if ('familiarName' in e) expect(familiarName(ref)).toBe(e['familiarName']);
      if ('familiarString' in e) expect(familiarString(ref)).toBe(e['familiarString']);
      if ('string' in e) expect(referenceString(ref)).toBe(e['string']);
      if ('domain' in e) expect(ref.domain).toBe(e['domain']);
      if ('path' in e) expect(ref.path).toBe(e['path']);
      if ('isTagged' in e) expect(ref.tag !== '').toBe(e['isTagged']);
      if ('isCanonical' in e) expect(ref.digest !== '').toBe(e['isCanonical']);
      return;
    }
    case 'parseAny': {
      const ref = must(parseAnyReference(v.input as string));
      const e = v.expect as { string: string; type: string };
      expect(referenceString(ref)).toBe(e.string);
      if (e.type === 'digestReference') expect(referenceName(ref)).toBe('');
      else expect(ref).toEqual(must(parseReference(e.string)));
      return;
    }
    case 'parseDockerRef': {
      const r = parseDockerRef(v.input as string);
      if (v.error !== undefined) return expectError(r, v);
      expect(referenceString(must(r))).toBe(v.expect?.['string']);
      return;
    }
    case 'familiarMatch': {
      const input = v.input as { reference: string; pattern: string };
      const r = familiarMatch(input.pattern, must(parseAnyReference(input.reference)));
      if (v.valid === false) return expect(r).toEqual({ ok: false, error: 'syntax error in pattern' });
      expect(r).toEqual({ ok: true, value: v.expect?.['match'] });
      return;
    }
    default: {
      const re = REGEXPS[v.group];
      if (!re) throw new CheckFailure(`unknown group ${v.group}`);
      const e = v.expect as { match: boolean; submatches?: string[] };
      const m = re.exec(v.input as string);
      expect(m !== null).toBe(e.match);
      if (m !== null && e.submatches !== undefined) expect(m.slice(1).map((s) => s ?? '')).toEqual(e.submatches);
    }
  }
}

export const imageReferenceFamily: VectorFamily = {
  file: 'image-reference.json',
  cases(raw: unknown): VectorCase[] {
    const data = raw as { errors: Record<string, string>; vectors: Vector[] };
    return [
      { name: 'errors map', run: () => check(() => expect(referenceErrors).toEqual(data.errors)) },
      ...data.vectors.map((v, i) => ({ name: `${v.group} #${i} ${JSON.stringify(v.input)}`.slice(0, 120), run: () => check(() => run(v)) })),
    ];
  },
};
