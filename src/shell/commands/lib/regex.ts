/**
 * POSIX basic and extended regular expressions (with GNU's extensions) translated to JavaScript:
 * `\(` `\)` `\{m,n\}` `\|` `\+` `\?` in BRE, bracket expressions with [:classes:], `\<` `\>`
 * `\b` `\w` `\s`, back-references. Errors come back in GNU's words (grep and sed print them).
 */

/** The POSIX character classes as the inside of a JavaScript bracket expression (also for shell patterns). */
export const CLASSES: Readonly<Record<string, string>> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: '0-9A-Za-z',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  print: ' -~',
  graph: '!-~',
  cntrl: '\\x00-\\x1f\\x7f',
  word: '0-9A-Za-z_',
};

export class RegexError extends Error {}

export interface Translated {
  readonly source: string;
  /** Number of capture groups. */
  readonly groups: number;
  /** Set for `grep -E '*a'`-style warnings. */
  readonly warning?: string;
}

/** Translates a bracket expression starting at `i` (just after "["); returns [js, next index]. */
function bracket(p: string, i: number): [string, number] {
  let out = '[';
  let j = i;
  if (p[j] === '^') {
    out += '^';
    j++;
  }
  let first = true;
  for (;;) {
    if (j >= p.length) throw new RegexError(j === i ? 'Invalid regular expression' : 'Unmatched [, [^, [:, [., or [=');
    const c = p[j]!;
    if (c === ']' && !first) {
      j++;
      break;
    }
    first = false;
    if (c === '[' && (p[j + 1] === ':' || p[j + 1] === '.' || p[j + 1] === '=')) {
      const kind = p[j + 1]!;
      const end = p.indexOf(`${kind}]`, j + 2);
      if (end < 0) throw new RegexError('Unmatched [, [^, [:, [., or [=');
      const name = p.slice(j + 2, end);
      if (kind === ':') {
        const cls = CLASSES[name];
        if (cls === undefined) throw new RegexError('Invalid character class name');
        out += cls;
      } else out += name.replace(/[\\\]^-]/g, '\\$&');
      j = end + 2;
      continue;
    }
    if (c === '\\' || c === ']' || c === '[' || (c === '^' && out.length > 1)) out += `\\${c}`;
    else out += c;
    j++;
  }
  if (out === '[' || out === '[^') throw new RegexError('Unmatched [, [^, [:, [., or [=');
  return [out + ']', j];
}

/** Translates a POSIX regex (BRE unless `ere`) to a JavaScript source. Throws RegexError. */
export function translate(p: string, ere: boolean): Translated {
  let out = '';
  let groups = 0;
  const open: number[] = [];
  let warning: string | undefined;
  // whether the previous item can take a repetition operator
  let atStart = true;
  for (let i = 0; i < p.length; ) {
    const c = p[i]!;
    if (/^\[:[a-z]+:\]$/.test(p.slice(i, p.indexOf(']', i) + 1)) && p[i] === '[' && p[i + 1] === ':') {
      throw new RegexError(`character class syntax is [[:space:]], not [:space:]`);
    }
    if (c === '[') {
      const [b, next] = bracket(p, i + 1);
      out += b;
      i = next;
      atStart = false;
      continue;
    }
    if (c === '\\') {
      const n = p[i + 1];
      i += 2;
      if (n === undefined) throw new RegexError('Trailing backslash');
      if (!ere && n === '(') {
        groups++;
        open.push(groups);
        out += '(';
        atStart = true;
        continue;
      }
      if (!ere && n === ')') {
        if (!open.length) throw new RegexError('Unmatched ) or \\)');
        open.pop();
        out += ')';
        atStart = false;
        continue;
      }
      if (!ere && n === '|') {
        out += '|';
        atStart = true;
        continue;
      }
      if (!ere && n === '{') {
        const m = /^(\d*)(,(\d*))?\\\}/.exec(p.slice(i));
        if (!m) {
          if (!/\\\}/.test(p.slice(i))) throw new RegexError('Unmatched \\{');
          throw new RegexError('Invalid content of \\{\\}');
        }
        if (m[3] !== undefined && m[3] !== '' && Number(m[3]) < Number(m[1] || 0)) throw new RegexError('Invalid content of \\{\\}');
        if (atStart) out += '\\{';
        else out += `{${m[1] || '0'}${m[2] ?? ''}}`;
        i += m[0].length;
        continue;
      }
      if (!ere && (n === '+' || n === '?')) {
        out += atStart ? `\\${n}` : n;
        continue;
      }
      if (/[1-9]/.test(n)) {
        if (Number(n) > groups) throw new RegexError('Invalid back reference');
        out += `\\${n}`;
        atStart = false;
        continue;
      }
      if (n === '<') out += '\\b(?=\\w)';
      else if (n === '>') out += '\\b(?<=\\w)';
      else if ('bBwWsS'.includes(n)) out += `\\${n}`;
      else if (n === '`') out += '^';
      else if (n === "'") out += '$';
      else if (n === 'n') out += '\\n';
      else if (n === 't') out += 't';
      else out += /[A-Za-z0-9]/.test(n) ? n : `\\${n}`;
      atStart = false;
      continue;
    }
    i++;
    if (c === '^') {
      if (ere || atStart) out += '^';
      else out += '\\^';
      continue;
    }
    if (c === '$') {
      const rest = p.slice(i);
      if (ere || rest === '' || (!ere && (rest.startsWith('\\)') || rest.startsWith('\\|')))) out += '$';
      else out += '\\$';
      continue;
    }
    if (c === '*') {
      if (atStart) {
        if (ere) {
          warning = '* at start of expression';
          continue;
        }
        out += '\\*';
        atStart = false;
      } else {
        if (/[*+?}]$/.test(out) && !/\\[*+?}]$/.test(out)) continue;
        out += '*';
      }
      continue;
    }
    if (ere) {
      if (c === '(') {
        groups++;
        open.push(groups);
        out += '(';
        atStart = true;
        continue;
      }
      if (c === ')') {
        if (!open.length) {
          out += '\\)';
          atStart = false;
          continue;
        }
        open.pop();
        out += ')';
        atStart = false;
        continue;
      }
      if (c === '|') {
        out += '|';
        atStart = true;
        continue;
      }
      if (c === '+' || c === '?') {
        if (atStart) {
          warning = `${c} at start of expression`;
          continue;
        }
        if (/[*+?}]$/.test(out) && !/\\[*+?}]$/.test(out)) continue;
        out += c;
        continue;
      }
      if (c === '{') {
        const m = /^(\d*)(,(\d*))?\}/.exec(p.slice(i));
        if (!m || atStart) {
          out += '\\{';
          atStart = false;
          continue;
        }
        if (m[3] !== undefined && m[3] !== '' && Number(m[3]) < Number(m[1] || 0)) throw new RegexError('Invalid content of \\{\\}');
        out += `{${m[1] || '0'}${m[2] ?? ''}}`;
        i += m[0].length;
        continue;
      }
    }
    if (c === '.') out += '.';
    else out += c.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
    atStart = false;
  }
  if (open.length) throw new RegexError('Unmatched ( or \\(');
  return { source: out, groups, warning };
}

/** Escapes a fixed string for a JavaScript regex. */
export function escapeRegex(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}
