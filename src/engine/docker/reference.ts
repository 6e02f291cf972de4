/**
 * Image references, parsed and normalised exactly as github.com/distribution/reference does
 * (with digest validation from github.com/opencontainers/go-digest).
 *
 * A reference is plain data: `{ domain, path, tag, digest }`, where an empty string means "absent".
 * `domain === '' && path === ''` is a digest-only reference (what `ParseAnyReference` returns for a bare
 * digest or a 64-hex ID). Errors are returned, never thrown: `{ ok: false, error }` where `error` is the
 * upstream message word for word.
 */

/** The messages of distribution/reference's error variables, and go-digest's. */
export const referenceErrors = {
  ErrReferenceInvalidFormat: 'invalid reference format',
  ErrTagInvalidFormat: 'invalid tag format',
  ErrDigestInvalidFormat: 'invalid digest format',
  ErrNameContainsUppercase: 'repository name must be lowercase',
  ErrNameEmpty: 'repository name must have at least one component',
  ErrNameTooLong: 'repository name must not be more than 255 characters',
  ErrNameNotCanonical: 'repository name must be canonical',
  'digest.ErrDigestInvalidFormat': 'invalid checksum digest format',
  'digest.ErrDigestInvalidLength': 'invalid checksum digest length',
  'digest.ErrDigestUnsupported': 'unsupported digest algorithm',
} as const;

/** Maximum length of the path part of a repository name. */
export const NAME_TOTAL_LENGTH_MAX = 255;
export const DEFAULT_DOMAIN = 'docker.io';
export const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
export const OFFICIAL_REPO_PREFIX = 'library/';
export const DEFAULT_TAG = 'latest';

/** A parsed reference. Empty strings mean the part is absent. */
export interface ImageReference {
  readonly domain: string;
  readonly path: string;
  readonly tag: string;
  readonly digest: string;
}

export type RefResult<T = ImageReference> = { ok: true; value: T } | { ok: false; error: string };

// ---- grammar (regexp.go) -------------------------------------------------------------------------------

const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const localhost = 'localhost';
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const optionalPort = '(?::[0-9]+)?';
const tagPat = '[\\w][\\w.-]{0,127}';
const digestPat = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}';
const identifier = '([a-f0-9]{64})';
const ipv6address = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainName = domainNameComponent + '(?:\\.' + domainNameComponent + ')*';
const host = '(?:' + domainName + '|' + ipv6address + ')';
const domainAndPort = host + optionalPort;
const pathComponent = alphanumeric + '(?:' + separator + alphanumeric + ')*';
const remoteName = pathComponent + '(?:/' + pathComponent + ')*';
const namePat = '(?:' + domainAndPort + '/)?' + remoteName;

/** The exported regular expressions of regexp.go (anchored where upstream anchors them). */
export const referenceRegexps = {
  /** `^(name)(?::(tag))?(?:@(digest))?$` */
  reference: new RegExp('^(' + namePat + ')(?::(' + tagPat + '))?(?:@(' + digestPat + '))?$'),
  /** `^(?:(domainAndPort)/)?(remoteName)$` */
  anchoredName: new RegExp('^(?:(' + domainAndPort + ')/)?(' + remoteName + ')$'),
  anchoredTag: new RegExp('^' + tagPat + '$'),
  anchoredDigest: new RegExp('^' + digestPat + '$'),
  anchoredIdentifier: new RegExp('^' + identifier + '$'),
  anchoredDomainAndPort: new RegExp('^' + domainAndPort + '$'),
  /** Unanchored, as the exported `DomainRegexp`, `NameRegexp`, `TagRegexp`, `DigestRegexp`. */
  domain: new RegExp(domainAndPort),
  name: new RegExp(namePat),
  tag: new RegExp(tagPat),
  digest: new RegExp(digestPat),
  identifier: new RegExp(identifier),
} as const;

// ---- go-digest -----------------------------------------------------------------------------------------

const digestRegexpAnchored = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
/**
 * Digest algorithms available to validation, with their hex length. distribution/reference uses go-digest
 * v1.0.0, where an algorithm is available only when its hash is linked into the binary; the library (and its
 * tests, which the vectors come from) link only crypto/sha256, so `sha512:` digests are "unsupported".
 */
const digestAlgorithms: Record<string, number> = { sha256: 64 };

/** go-digest v1.0.0 `Digest.Validate`: undefined when valid, else the go-digest error message. */
export function validateDigest(d: string): string | undefined {
  const i = d.indexOf(':');
  if (i < 0 || i + 1 === d.length) return referenceErrors['digest.ErrDigestInvalidFormat'];
  const alg = d.slice(0, i);
  const encoded = d.slice(i + 1);
  const size = Object.hasOwn(digestAlgorithms, alg) ? digestAlgorithms[alg] : undefined;
  if (size === undefined) {
    if (!digestRegexpAnchored.test(d)) return referenceErrors['digest.ErrDigestInvalidFormat'];
    return referenceErrors['digest.ErrDigestUnsupported'];
  }
  if (encoded.length !== size) return referenceErrors['digest.ErrDigestInvalidLength'];
  if (!/^[a-f0-9]+$/.test(encoded)) return referenceErrors['digest.ErrDigestInvalidFormat'];
  return undefined;
}

// ---- reference.go --------------------------------------------------------------------------------------

/** `Name()`: the repository including its domain. */
export function referenceName(ref: ImageReference): string {
  return ref.domain === '' ? ref.path : ref.domain + '/' + ref.path;
}

/** True when the reference has a name (is a `Named`). */
export function isNamed(ref: ImageReference): boolean {
  return referenceName(ref) !== '';
}

/** `String()`: `name[:tag][@digest]`, or the bare digest for a digest-only reference. */
export function referenceString(ref: ImageReference): string {
  let s = referenceName(ref);
  if (ref.tag !== '') s += ':' + ref.tag;
  if (ref.digest !== '') s += s === '' ? ref.digest : '@' + ref.digest;
  return s;
}

/** `reference.Parse`: parse without normalising (no docker.io, no library/). */
export function parseReference(s: string): RefResult {
  if (s === '') return { ok: false, error: referenceErrors.ErrNameEmpty };
  const m = referenceRegexps.reference.exec(s);
  if (m === null) {
    const sl = s.toLowerCase();
    if (sl !== s && referenceRegexps.reference.test(sl)) return { ok: false, error: referenceErrors.ErrNameContainsUppercase };
    return { ok: false, error: referenceErrors.ErrReferenceInvalidFormat };
  }
  const name = m[1] ?? '';
  const nameMatch = referenceRegexps.anchoredName.exec(name);
  let domain = '';
  let path = name;
  if (nameMatch !== null) {
    domain = nameMatch[1] ?? '';
    path = nameMatch[2] ?? '';
  }
  if (path.length > NAME_TOTAL_LENGTH_MAX) return { ok: false, error: referenceErrors.ErrNameTooLong };
  const digest = m[3] ?? '';
  if (digest !== '') {
    const err = validateDigest(digest);
    if (err !== undefined) return { ok: false, error: err };
  }
  const ref = { domain, path, tag: m[2] ?? '', digest };
  if (referenceName(ref) === '' && digest === '') return { ok: false, error: referenceErrors.ErrNameEmpty };
  return { ok: true, value: ref };
}

/** `reference.WithName`: a name-only reference from a repository name. */
export function withName(name: string): RefResult {
  const m = referenceRegexps.anchoredName.exec(name);
  if (m === null) return { ok: false, error: referenceErrors.ErrReferenceInvalidFormat };
  const path = m[2] ?? '';
  if (path.length > NAME_TOTAL_LENGTH_MAX) return { ok: false, error: referenceErrors.ErrNameTooLong };
  return { ok: true, value: { domain: m[1] ?? '', path, tag: '', digest: '' } };
}

/** `reference.WithTag`: the reference with its tag set (a digest, if present, is kept). */
export function withTag(ref: ImageReference, tag: string): RefResult {
  if (!referenceRegexps.anchoredTag.test(tag)) return { ok: false, error: referenceErrors.ErrTagInvalidFormat };
  return { ok: true, value: { domain: ref.domain, path: ref.path, tag, digest: ref.digest } };
}

/** `reference.WithDigest`: the reference with its digest set (a tag, if present, is kept). */
export function withDigest(ref: ImageReference, digest: string): RefResult {
  if (!referenceRegexps.anchoredDigest.test(digest)) return { ok: false, error: referenceErrors.ErrDigestInvalidFormat };
  return { ok: true, value: { domain: ref.domain, path: ref.path, tag: ref.tag, digest } };
}

/** `reference.TrimNamed`: the repository alone. */
export function trimNamed(ref: ImageReference): ImageReference {
  return { domain: ref.domain, path: ref.path, tag: '', digest: '' };
}

/** `reference.IsNameOnly`: no tag and no digest. */
export function isNameOnly(ref: ImageReference): boolean {
  return ref.tag === '' && ref.digest === '';
}

// ---- normalize.go --------------------------------------------------------------------------------------

function splitDockerDomain(name: string): [string, string] {
  const slash = name.indexOf('/');
  if (slash < 0) return [DEFAULT_DOMAIN, OFFICIAL_REPO_PREFIX + name];
  const maybeDomain = name.slice(0, slash);
  const maybeRemoteName = name.slice(slash + 1);
  let domain: string;
  let remote: string;
  if (maybeDomain === localhost) [domain, remote] = [maybeDomain, maybeRemoteName];
  else if (maybeDomain === LEGACY_DEFAULT_DOMAIN) [domain, remote] = [DEFAULT_DOMAIN, maybeRemoteName];
  else if (/[.:]/.test(maybeDomain)) [domain, remote] = [maybeDomain, maybeRemoteName];
  else if (maybeDomain.toLowerCase() !== maybeDomain) [domain, remote] = [maybeDomain, maybeRemoteName];
  else [domain, remote] = [DEFAULT_DOMAIN, name];
  if (domain === DEFAULT_DOMAIN && !remote.includes('/')) remote = OFFICIAL_REPO_PREFIX + remote;
  return [domain, remote];
}

/**
 * `reference.ParseNormalizedNamed`: parse a name as the docker CLI does, adding `docker.io` and
 * `library/` (`ubuntu` → `docker.io/library/ubuntu`).
 */
export function parseNormalizedNamed(s: string): RefResult {
  if (referenceRegexps.anchoredIdentifier.test(s)) {
    return { ok: false, error: `invalid repository name (${s}), cannot specify 64-byte hexadecimal strings` };
  }
  const [domain, remainder] = splitDockerDomain(s);
  const tagSep = remainder.indexOf(':');
  const remote = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (remote.toLowerCase() !== remote) {
    return { ok: false, error: `invalid reference format: repository name (${remote}) must be lowercase` };
  }
  const r = parseReference(domain + '/' + remainder);
  if (!r.ok) return r;
  if (!isNamed(r.value)) return { ok: false, error: `reference ${referenceString(r.value)} has no name` };
  return r;
}

/** `reference.ParseNamed`: like parseNormalizedNamed, but the input must already be canonical. */
export function parseNamed(s: string): RefResult {
  const r = parseNormalizedNamed(s);
  if (!r.ok) return r;
  if (referenceString(r.value) !== s) return { ok: false, error: referenceErrors.ErrNameNotCanonical };
  return r;
}

/** `reference.TagNameOnly`: adds `:latest` when there is neither a tag nor a digest. */
export function tagNameOnly(ref: ImageReference): ImageReference {
  return isNameOnly(ref) ? { ...ref, tag: DEFAULT_TAG } : ref;
}

/**
 * `reference.ParseDockerRef`: normalised, with `:latest` added when there is no tag or digest, and the
 * tag dropped when a digest is present (`docker.io/library/busybox@sha256:…`).
 */
export function parseDockerRef(s: string): RefResult {
  const r = parseNormalizedNamed(s);
  if (!r.ok) return r;
  const ref = r.value;
  if (ref.tag !== '' && ref.digest !== '') {
    const named = withName(referenceName(ref));
    if (!named.ok) return named;
    return withDigest(named.value, ref.digest);
  }
  return { ok: true, value: tagNameOnly(ref) };
}

/**
 * `reference.ParseAnyReference`: a 64-hex ID becomes `sha256:<id>`, a valid digest stays a digest,
 * anything else is parsed with parseNormalizedNamed.
 */
export function parseAnyReference(s: string): RefResult {
  if (referenceRegexps.anchoredIdentifier.test(s)) {
    return { ok: true, value: { domain: '', path: '', tag: '', digest: 'sha256:' + s } };
  }
  if (validateDigest(s) === undefined) return { ok: true, value: { domain: '', path: '', tag: '', digest: s } };
  return parseNormalizedNamed(s);
}

function familiarizeName(ref: ImageReference): ImageReference {
  let { domain, path } = ref;
  if (domain === DEFAULT_DOMAIN) {
    domain = '';
    if (path.startsWith(OFFICIAL_REPO_PREFIX)) {
      const remainder = path.slice(OFFICIAL_REPO_PREFIX.length);
      if (!remainder.includes('/')) path = remainder;
    }
  }
  return { domain, path, tag: ref.tag, digest: ref.digest };
}

/** `reference.FamiliarName`: the name as docker prints it (`docker.io/library/ubuntu` → `ubuntu`). */
export function familiarName(ref: ImageReference): string {
  return referenceName(familiarizeName(ref));
}

/** `reference.FamiliarString`: the full reference as docker prints it (`ubuntu:22.04`). */
export function familiarString(ref: ImageReference): string {
  return referenceString(familiarizeName(ref));
}

/**
 * `reference.FamiliarMatch`: Go `path.Match` of `pattern` against familiarString(ref), then (if that fails
 * and the reference is named) against familiarName(ref). A malformed pattern gives
 * `{ ok: false, error: 'syntax error in pattern' }`.
 */
export function familiarMatch(pattern: string, ref: ImageReference): RefResult<boolean> {
  const first = goPathMatch(pattern, familiarString(ref));
  if (first === 'error') return { ok: false, error: 'syntax error in pattern' };
  if (!first && isNamed(ref)) {
    const second = goPathMatch(pattern, familiarName(ref));
    return { ok: true, value: second === true };
  }
  return { ok: true, value: first };
}

// ---- Go path.Match ---------------------------------------------------------------------------------------

/**
 * Go `path.Match`: shell pattern matching where `*` does not cross `/`. Returns 'error' for
 * `path.ErrBadPattern`. Follows Go's rule of validating the rest of the pattern after a failed match.
 */
export function goPathMatch(pattern: string, name: string): boolean | 'error' {
  let pat = Array.from(pattern);
  let nm = Array.from(name);
  outer: while (pat.length > 0) {
    let star = false;
    while (pat[0] === '*') {
      pat = pat.slice(1);
      star = true;
    }
    // scanChunk
    let inrange = false;
    let i = 0;
    scan: for (; i < pat.length; i++) {
      switch (pat[i]) {
        case '\\':
          if (i + 1 < pat.length) i++;
          break;
        case '[':
          inrange = true;
          break;
        case ']':
          inrange = false;
          break;
        case '*':
          if (!inrange) break scan;
          break;
      }
    }
    const chunk = pat.slice(0, i);
    pat = pat.slice(i);
    if (star && chunk.length === 0) {
      if (nm.includes('/')) return false;
      return true;
    }
    const t = matchChunk(chunk, nm);
    if (t === 'error') return 'error';
    if (t !== false && (t.length === 0 || pat.length > 0)) {
      nm = t;
      continue;
    }
    if (star) {
      for (let j = 0; j < nm.length && nm[j] !== '/'; j++) {
        const t2 = matchChunk(chunk, nm.slice(j + 1));
        if (t2 === 'error') return 'error';
        if (t2 !== false) {
          if (pat.length === 0 && t2.length > 0) continue;
          nm = t2;
          continue outer;
        }
      }
    }
    // Before returning false with no error, check that the remainder of the pattern is syntactically valid.
    while (pat.length > 0) {
      while (pat[0] === '*') pat = pat.slice(1);
      let k = 0;
      let inr = false;
      scan2: for (; k < pat.length; k++) {
        switch (pat[k]) {
          case '\\':
            if (k + 1 < pat.length) k++;
            break;
          case '[':
            inr = true;
            break;
          case ']':
            inr = false;
            break;
          case '*':
            if (!inr) break scan2;
            break;
        }
      }
      const c = pat.slice(0, k);
      pat = pat.slice(k);
      if (matchChunk(c, []) === 'error') return 'error';
    }
    return false;
  }
  return nm.length === 0;
}

function getEsc(chunk: string[]): { r: string; rest: string[] } | 'error' {
  if (chunk.length === 0 || chunk[0] === '-' || chunk[0] === ']') return 'error';
  if (chunk[0] === '\\') {
    chunk = chunk.slice(1);
    if (chunk.length === 0) return 'error';
  }
  const r = chunk[0] ?? '';
  const rest = chunk.slice(1);
  if (rest.length === 0) return 'error';
  return { r, rest };
}

/** Go path.matchChunk: the rest of `s` after matching `chunk`, false when it does not match. */
function matchChunk(chunk: string[], s: string[]): string[] | false | 'error' {
  let failed = false;
  while (chunk.length > 0) {
    if (!failed && s.length === 0) failed = true;
    switch (chunk[0]) {
      case '[': {
        let r = '';
        if (!failed) {
          r = s[0] ?? '';
          s = s.slice(1);
        }
        chunk = chunk.slice(1);
        let negated = false;
        if (chunk.length > 0 && chunk[0] === '^') {
          negated = true;
          chunk = chunk.slice(1);
        }
        let match = false;
        let nrange = 0;
        for (;;) {
          if (chunk.length > 0 && chunk[0] === ']' && nrange > 0) {
            chunk = chunk.slice(1);
            break;
          }
          const lo = getEsc(chunk);
          if (lo === 'error') return 'error';
          chunk = lo.rest;
          let hi = lo.r;
          if (chunk[0] === '-') {
            const h = getEsc(chunk.slice(1));
            if (h === 'error') return 'error';
            hi = h.r;
            chunk = h.rest;
          }
          const rc = r.codePointAt(0) ?? -1;
          if ((lo.r.codePointAt(0) ?? 0) <= rc && rc <= (hi.codePointAt(0) ?? 0)) match = true;
          nrange++;
        }
        if (match === negated) failed = true;
        break;
      }
      case '?':
        if (!failed) {
          if (s[0] === '/') failed = true;
          s = s.slice(1);
        }
        chunk = chunk.slice(1);
        break;
      case '\\':
        chunk = chunk.slice(1);
        if (chunk.length === 0) return 'error';
        if (!failed) {
          if (chunk[0] !== s[0]) failed = true;
          s = s.slice(1);
        }
        chunk = chunk.slice(1);
        break;
      default:
        if (!failed) {
          if (chunk[0] !== s[0]) failed = true;
          s = s.slice(1);
        }
        chunk = chunk.slice(1);
    }
  }
  if (failed) return false;
  return s;
}
