/**
 * Small re-creations of Go standard-library text behaviour that the Docker tools' messages depend on:
 * `unicode.IsSpace`, `strconv.Quote`, `%q` of a string slice, UTF-8 byte lengths, Levenshtein distance
 * and BuildKit's `suggest.Search` ("did you mean X?").
 *
 * Strings are JavaScript strings; Go works on UTF-8 bytes. Where the difference is visible (invalid
 * UTF-8), these helpers follow the decoded text.
 */

/** Go `unicode.IsSpace`: ASCII \t \n \v \f \r and space, U+0085, U+00A0, and the Unicode White_Space spaces. */
export function isGoSpace(ch: string): boolean {
  switch (ch) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case '\u0085':
    case '\u00a0':
      return true;
  }
  const c = ch.codePointAt(0) ?? 0;
  if (c < 0x1680) return false;
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** Go `strings.TrimSpace` (trims `unicode.IsSpace` runes at both ends). */
export function goTrimSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isGoSpace(s[start] ?? '')) start++;
  while (end > start && isGoSpace(s[end - 1] ?? '')) end--;
  return s.slice(start, end);
}

/** Go `strings.TrimLeftFunc(s, unicode.IsSpace)`. */
export function goTrimLeftSpace(s: string): string {
  let start = 0;
  while (start < s.length && isGoSpace(s[start] ?? '')) start++;
  return s.slice(start);
}

const letterRe = /^\p{L}$/u;
const digitRe = /^\p{Nd}$/u;
const printRe = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** Go `unicode.IsLetter` for one code point. */
export function isGoLetter(ch: string): boolean {
  return letterRe.test(ch);
}

/** Go `unicode.IsDigit` for one code point. */
export function isGoDigit(ch: string): boolean {
  return digitRe.test(ch);
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** Go `strconv.Quote`: a double-quoted Go string literal with Go's escapes. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') {
      out += '\\' + ch;
      continue;
    }
    if (c >= 0x20 && c < 0x7f) {
      out += ch;
      continue;
    }
    if (c >= 0x80 && printRe.test(ch)) {
      out += ch;
      continue;
    }
    switch (ch) {
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (c < 0x20 || c === 0x7f) out += '\\x' + hex(c, 2);
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else if (c < 0x10000) out += '\\u' + hex(c, 4);
    else out += '\\U' + hex(c, 8);
  }
  return out + '"';
}

/** Go `fmt.Sprintf("%q", []string{...})`: `["a" "b"]`. */
export function goQuoteSlice(items: readonly string[]): string {
  return '[' + items.map(goQuote).join(' ') + ']';
}

/** The number of bytes `s` takes in UTF-8. */
export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** Levenshtein distance over code points (github.com/agext/levenshtein with default costs). */
export function levenshtein(a: string, b: string): number {
  const s = Array.from(a);
  const t = Array.from(b);
  if (s.length === 0) return t.length;
  if (t.length === 0) return s.length;
  let prev = Array.from({ length: t.length + 1 }, (_, i) => i);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = cur;
  }
  return prev[t.length] ?? 0;
}

function matchCase(val: string, orig: string): string {
  if (orig === orig.toLowerCase()) return val.toLowerCase();
  if (orig === orig.toUpperCase()) return val.toUpperCase();
  return val;
}

/**
 * BuildKit `suggest.Search`: the closest option within Levenshtein distance 2, or undefined when there is
 * none or when `val` equals an option (then the error is unrelated to the spelling).
 */
export function suggestSearch(val: string, options: readonly string[], caseSensitive: boolean): string | undefined {
  const orig = val;
  if (!caseSensitive) val = val.toLowerCase();
  let match = '';
  let mindist = 3;
  for (let opt of options) {
    if (!caseSensitive) opt = opt.toLowerCase();
    if (val === opt) return undefined;
    const dist = levenshtein(val, opt);
    if (dist < mindist) {
      match = caseSensitive ? opt : matchCase(opt, orig);
      mindist = dist;
    }
  }
  return match === '' ? undefined : match;
}

/** BuildKit `suggest.WrapError`: `msg (did you mean X?)` when a suggestion exists, else `msg`. */
export function withSuggestion(message: string, val: string, options: readonly string[], caseSensitive: boolean): string {
  const match = suggestSearch(val, options, caseSensitive);
  return match === undefined ? message : `${message} (did you mean ${match}?)`;
}
