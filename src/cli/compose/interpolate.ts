/**
 * Variable interpolation in Compose files as compose-go v2.7 does it (template/template.go,
 * interpolation/interpolation.go): `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?err}`, `${VAR?err}`, `${VAR:+alt}`, `${VAR+alt}`, `$$` for a literal `$`, nested
 * templates in defaults, and compose-go's error texts.
 */

export type Lookup = (name: string) => string | undefined;

/** A failure: `invalid` (a malformed template) or `required` (`${X:?msg}` with X missing). */
export type TemplateError = { readonly kind: 'invalid'; readonly template: string } | { readonly kind: 'required'; readonly variable: string; readonly reason: string };

export interface Substituted {
  readonly value: string;
  readonly error?: TemplateError;
  /** Variables that were used unset (compose warns: `The "X" variable is not set. Defaulting to a blank string.`). */
  readonly unset: readonly string[];
}

const NAME = /^[_a-zA-Z][_a-zA-Z0-9]*/;

/** MissingRequiredError / InvalidTemplateError's Error(). */
export function templateErrorText(e: TemplateError): string {
  if (e.kind === 'invalid') return `Invalid template: ${JSON.stringify(e.template)}`;
  return e.reason !== '' ? `required variable ${e.variable} is missing a value: ${e.reason}` : `required variable ${e.variable} is missing a value`;
}

/** The operator that comes first in a braced substitution (getSubstitutionFunctionForTemplate). */
function firstOperator(body: string): string | undefined {
  let best: string | undefined;
  let bestIdx = Infinity;
  for (const op of [':?', '?', ':-', '-', ':+', '+']) {
    const i = body.indexOf(op);
    if (i >= 0 && i < bestIdx) {
      best = op;
      bestIdx = i;
    }
  }
  return best;
}

/** Index of the `}` closing the `${` at `start` (getFirstBraceClosingIndex), or -1. */
function closingBrace(s: string, start: number): number {
  let open = 0;
  for (let i = start; i < s.length; i++) {
    if (s[i] === '}') {
      open--;
      if (open === 0) return i;
    }
    if (s[i] === '{') {
      open++;
      i++;
    }
  }
  return -1;
}

/** Substitutes variables in one string. */
export function substitute(template: string, lookup: Lookup): Substituted {
  let out = '';
  const unset: string[] = [];
  let error: TemplateError | undefined;
  let i = 0;
  const fail = (e: TemplateError) => {
    if (!error) error = e;
  };
  while (i < template.length) {
    const c = template[i]!;
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = template[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      const end = closingBrace(template, i + 1);
      const body = end >= 0 ? template.slice(i + 2, end) : undefined;
      const m = body !== undefined ? NAME.exec(body) : null;
      if (body === undefined || !m || (body.length > m[0].length && !/^:?[-+?]/.test(body.slice(m[0].length)))) {
        fail({ kind: 'invalid', template });
        // The regexp matched `${` alone: nothing is substituted for it.
        i += 2;
        continue;
      }
      const name = m[0];
      if (body.length === name.length) {
        const v = lookup(name);
        if (v === undefined) unset.push(name);
        out += v ?? '';
      } else {
        const op = firstOperator(body)!;
        const arg = body.slice(body.indexOf(op) + op.length);
        const sub = substitute(arg, lookup);
        if (sub.error) fail(sub.error);
        unset.push(...sub.unset);
        const v = lookup(name);
        switch (op) {
          case ':-':
            out += v === undefined || v === '' ? sub.value : v;
            break;
          case '-':
            out += v === undefined ? sub.value : v;
            break;
          case ':+':
            out += v !== undefined && v !== '' ? sub.value : (v ?? '');
            break;
          case '+':
            out += v !== undefined ? sub.value : '';
            break;
          case ':?':
          case '?':
            if (v === undefined || (op === ':?' && v === '')) fail({ kind: 'required', variable: name, reason: sub.value });
            else out += v;
            break;
        }
      }
      i = end + 1;
      continue;
    }
    const m = NAME.exec(template.slice(i + 1));
    if (m) {
      const v = lookup(m[0]);
      if (v === undefined) unset.push(m[0]);
      out += v ?? '';
      i += 1 + m[0].length;
      continue;
    }
    // A lone `$` followed by something else: compose-go's regexp does not match it, it stays.
    out += '$';
    i++;
  }
  return error ? { value: out, error, unset } : { value: out, unset };
}

/** What interpolating a whole document found. */
export interface InterpolateResult {
  readonly value: unknown;
  /** The first error, worded as compose-go's newPathError does. */
  readonly error?: string;
  readonly unset: readonly string[];
}

/** Interpolates every string of a YAML tree (map keys are not); list items have the path `[]`. */
export function interpolateTree(tree: unknown, lookup: Lookup, path: readonly string[] = []): InterpolateResult {
  const unset: string[] = [];
  let error: string | undefined;
  const walk = (v: unknown, p: readonly string[]): unknown => {
    if (error !== undefined) return v;
    if (typeof v === 'string') {
      const r = substitute(v, lookup);
      unset.push(...r.unset);
      if (r.error) {
        const where = p.join('.');
        error =
          r.error.kind === 'invalid'
            ? `invalid interpolation format for ${where}.\nYou may need to escape any $ with another $.\n${r.error.template}`
            : `error while interpolating ${where}: ${templateErrorText(r.error)}`;
      }
      return r.value;
    }
    if (Array.isArray(v)) return v.map((x) => walk(x, [...p, '[]']));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = walk(x, [...p, k]);
      return out;
    }
    return v;
  };
  const value = walk(tree, path);
  return error !== undefined ? { value, error, unset } : { value, unset };
}

/**
 * A `.env` file as compose-go's dotenv reads it: `KEY=VALUE`, `export KEY=VALUE`, `#` comments,
 * single quotes (literal), double quotes (escapes and `${VAR}`), inline ` #` comments after a bare
 * value. Values may use variables defined earlier in the file or in `lookup`.
 */
export function parseDotEnv(text: string, lookup: Lookup): { vars: Map<string, string>; error?: string } {
  const vars = new Map<string, string>();
  const lines = text.split(/\r?\n/);
  const resolve: Lookup = (n) => vars.get(n) ?? lookup(n);
  for (let n = 0; n < lines.length; n++) {
    let line = lines[n]!.replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('export ')) line = line.slice(7).replace(/^\s+/, '');
    const m = /^([^=\s:]+)\s*[=:]?\s*/.exec(line);
    if (!m) continue;
    const key = m[1]!;
    let rest = line.slice(m[0].length);
    if (!line.slice(key.length).trimStart().startsWith('=')) {
      // A bare KEY takes its value from the environment.
      const v = lookup(key);
      if (v !== undefined) vars.set(key, v);
      continue;
    }
    let value: string;
    const q = rest[0];
    if (q === '"' || q === "'") {
      let body = '';
      let i = 1;
      let closed = false;
      for (;;) {
        while (i < rest.length && rest[i] !== q) {
          if (q === '"' && rest[i] === '\\' && i + 1 < rest.length) {
            const e = rest[i + 1]!;
            body += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
            i += 2;
            continue;
          }
          body += rest[i];
          i++;
        }
        if (i < rest.length) {
          closed = true;
          break;
        }
        // A quoted value may span lines.
        if (n + 1 >= lines.length) break;
        body += '\n';
        n++;
        rest = rest + '\n' + lines[n]!;
      }
      if (!closed) return { vars, error: `unterminated quoted value ${key}` };
      value = q === '"' ? substitute(body, resolve).value : body;
    } else {
      const hash = rest.search(/\s#/);
      value = (hash >= 0 ? rest.slice(0, hash) : rest).replace(/\s+$/, '');
      value = substitute(value, resolve).value;
    }
    vars.set(key, value);
  }
  return { vars };
}
