/**
 * gnulib's quoting styles as coreutils uses them under a UTF-8 locale:
 * - `quoteIfNeeded` (quotef / ls on a terminal): shell-escape quoting, only when needed;
 * - `quoteAlways` (quoteaf: "cannot remove 'x'"): shell-escape quoting, always;
 * - `localeQuote` (quote: "invalid number of lines: ‘x’"): curly quotes.
 */

const SPECIAL = /[\t\n\v\f\r !"$&'()*;<=>?[\\^`|\x00-\x1f\x7f]/;
const CONTROL = /[\x00-\x1f\x7f]/;

const CONTROL_NAMES: Record<string, string> = { '\x07': 'a', '\b': 'b', '\f': 'f', '\n': 'n', '\r': 'r', '\t': 't', '\v': 'v' };

function controlEscape(c: string): string {
  const n = CONTROL_NAMES[c];
  return n ? `\\${n}` : `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`;
}

function singleQuoted(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function shellQuote(s: string, always: boolean): string {
  if (s === '') return "''";
  const needs = SPECIAL.test(s) || s.startsWith('#') || s.startsWith('~');
  if (!needs && !always) return s;
  if (CONTROL.test(s)) {
    let out = '';
    let run = '';
    for (const c of s) {
      if (CONTROL.test(c)) {
        if (run) out += singleQuoted(run);
        else if (out === '') out += '';
        run = '';
        out += `$'${controlEscape(c)}'`;
      } else run += c;
    }
    if (run) out += singleQuoted(run);
    return out;
  }
  if (s.includes("'")) {
    if (!/["$`\\!]/.test(s)) return `"${s}"`;
    return singleQuoted(s);
  }
  return `'${s}'`;
}

/** Quotes a file name only when the shell would need it (`cat: 'a b': No such file...`). */
export function quoteIfNeeded(s: string): string {
  return shellQuote(s, false);
}

/** Always quotes a file name (`rm: cannot remove 'x': ...`). */
export function quoteAlways(s: string): string {
  return shellQuote(s, true);
}

/** Quotes an argument in the locale's quotation marks (`‘x’`). */
export function localeQuote(s: string): string {
  return `‘${s}’`;
}
