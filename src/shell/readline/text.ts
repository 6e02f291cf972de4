/**
 * Character and word boundaries in the edited line, as readline sees them: the cursor moves by
 * characters (a code point with the zero-width marks that follow it), words are runs of
 * alphanumerics (forward-word, kill-word) or of non-blanks (unix-word-rubout, Ctrl-W).
 */

/** Zero-width code points that stay with the character before them. */
export function isZeroWidth(cp: number): boolean {
  return (
    (cp >= 0x300 && cp <= 0x36f) ||
    cp === 0x200b ||
    cp === 0x200c ||
    cp === 0x200d ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0x1f3fb && cp <= 0x1f3ff) ||
    (cp >= 0xe0100 && cp <= 0xe01ef)
  );
}

/** Index of the character after the one at `i`. */
export function nextChar(s: string, i: number): number {
  if (i >= s.length) return s.length;
  let j = i + (s.codePointAt(i)! > 0xffff ? 2 : 1);
  while (j < s.length) {
    const cp = s.codePointAt(j)!;
    if (!isZeroWidth(cp)) break;
    j += cp > 0xffff ? 2 : 1;
  }
  return j;
}

/** Index of the character before `i`. */
export function prevChar(s: string, i: number): number {
  if (i <= 0) return 0;
  let j = i;
  for (;;) {
    j = prevCodePoint(s, j);
    if (j <= 0) return 0;
    if (!isZeroWidth(s.codePointAt(j)!)) return j;
  }
}

function prevCodePoint(s: string, i: number): number {
  if (i <= 0) return 0;
  const c = s.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const h = s.charCodeAt(i - 2);
    if (h >= 0xd800 && h <= 0xdbff) return i - 2;
  }
  return i - 1;
}

const ALNUM = /[\p{L}\p{N}]/u;

/** readline's word constituents: letters and digits. */
export function isWordChar(s: string, i: number): boolean {
  const cp = s.codePointAt(i);
  return cp !== undefined && ALNUM.test(String.fromCodePoint(cp));
}

/** forward-word: to the end of the next word. */
export function forwardWord(s: string, i: number): number {
  while (i < s.length && !isWordChar(s, i)) i = nextChar(s, i);
  while (i < s.length && isWordChar(s, i)) i = nextChar(s, i);
  return i;
}

/** backward-word: to the start of this or the previous word. */
export function backwardWord(s: string, i: number): number {
  while (i > 0 && !isWordChar(s, prevChar(s, i))) i = prevChar(s, i);
  while (i > 0 && isWordChar(s, prevChar(s, i))) i = prevChar(s, i);
  return i;
}

function isBlank(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t';
}

/** unix-word-rubout (Ctrl-W): back over blanks, then over non-blanks. */
export function backwardBlankWord(s: string, i: number): number {
  while (i > 0 && isBlank(s[i - 1])) i--;
  while (i > 0 && !isBlank(s[i - 1])) i = prevChar(s, i);
  return i;
}

export function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  // Do not split a surrogate pair.
  if (i > 0 && i < n) {
    const c = a.charCodeAt(i - 1);
    if (c >= 0xd800 && c <= 0xdbff) i--;
  }
  return i;
}

/** The longest common prefix of strings, whole code points only. */
export function longestCommonPrefix(items: readonly string[]): string {
  if (items.length === 0) return '';
  let p = items[0]!;
  for (const s of items) {
    const n = commonPrefix(p, s);
    if (n < p.length) p = p.slice(0, n);
    if (p === '') break;
  }
  return p;
}
