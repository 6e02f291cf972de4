/**
 * Dockerfile parser directives (`# syntax=`, `# escape=`, `# check=`), as BuildKit's
 * frontend/dockerfile/parser/directives.go reads them.
 */

export interface Directive {
  /** Lower-cased directive name: syntax, escape or check. */
  name: string;
  value: string;
  /** 1-based line of the directive. */
  line: number;
}

const directiveRegexp = /^([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*([^\n]+?)[\t\n\f\r ]*$/;
const validDirectives = new Set(['syntax', 'escape', 'check']);

/** Go `bytes.TrimLeftFunc(s, unicode.IsSpace)` for the ASCII and Latin-1 spaces a directive line can hold. */
function trimLeftSpace(s: string): string {
  return s.replace(/^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u, '');
}

/**
 * BuildKit's DirectiveParser: directives must come first; the first line that is not one ends the
 * directive block. A repeated directive is an error.
 */
export class DirectiveParser {
  private line: number;
  private readonly comment: string;
  private readonly seen = new Set<string>();
  private done = false;

  constructor(opts: { line?: number; comment?: string } = {}) {
    this.line = opts.line ?? 0;
    this.comment = opts.comment ?? '#';
  }

  /** Reads one line: a directive, undefined, or an error message. */
  parseLine(raw: string): { directive?: Directive; error?: string } {
    this.line++;
    if (this.done) return {};
    if (!raw.startsWith(this.comment)) {
      this.done = true;
      return {};
    }
    const line = trimLeftSpace(raw.slice(this.comment.length));
    const m = directiveRegexp.exec(line);
    if (m === null) {
      this.done = true;
      return {};
    }
    const k = (m[1] ?? '').toLowerCase();
    if (!validDirectives.has(k)) {
      this.done = true;
      return {};
    }
    if (this.seen.has(k)) return { error: `only one ${k} parser directive can be used` };
    this.seen.add(k);
    return { directive: { name: k, value: m[2] ?? '', line: this.line } };
  }

  /** ParseAll: the directives at the top of `data`. */
  parseAll(data: string): { directives: Directive[]; error?: string } {
    const directives: Directive[] = [];
    for (const line of scanLinesGo(data)) {
      if (this.done) break;
      const r = this.parseLine(line);
      if (r.error !== undefined) return { directives, error: r.error };
      if (r.directive !== undefined) directives.push(r.directive);
    }
    return { directives };
  }
}

/** bufio.ScanLines: lines without their `\n` or `\r\n`. */
function scanLinesGo(data: string): string[] {
  if (data === '') return [];
  const lines = data.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

export interface DetectedDirective {
  /** The value's first space-separated word (for syntax: the frontend image reference). */
  ref: string;
  /** The whole value. */
  cmdline: string;
  /** 1-based line; 0 for the JSON form. */
  line: number;
}

function discardBOM(dt: string): string {
  return dt.startsWith('\ufeff') ? dt.slice(1) : dt;
}

function detectFromParser(key: string, dt: string, parser: DirectiveParser): DetectedDirective | undefined {
  const { directives } = parser.parseAll(dt);
  for (const d of directives) {
    if (d.name === key) {
      const sp = d.value.indexOf(' ');
      return { ref: sp < 0 ? d.value : d.value.slice(0, sp), cmdline: d.value, line: d.line };
    }
  }
  return undefined;
}

function parseDirectiveAny(key: string, dt: string, anyFormat: boolean): DetectedDirective | undefined {
  dt = discardBOM(dt);
  let line = 0;
  const nl = dt.indexOf('\n');
  const first = nl < 0 ? dt : dt.slice(0, nl);
  if (first.startsWith('#!')) {
    dt = nl < 0 ? '' : dt.slice(nl + 1);
    line++;
  }
  const found = detectFromParser(key, dt, new DirectiveParser({ line }));
  if (found !== undefined) return found;
  if (!anyFormat) return undefined;
  const slashes = detectFromParser(key, dt, new DirectiveParser({ line, comment: '//' }));
  if (slashes !== undefined) return slashes;
  try {
    const parsed: unknown = JSON.parse(dt);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const v = (parsed as Record<string, unknown>)[key];
      if (typeof v === 'string') return { ref: v, cmdline: v, line };
    }
  } catch {
    // not JSON: no directive
  }
  return undefined;
}

/**
 * DetectSyntax: the `# syntax=` directive, also accepting `// syntax=` and a JSON `{"syntax": "…"}`
 * document, after an optional `#!` line.
 */
export function detectSyntax(dt: string): DetectedDirective | undefined {
  return parseDirectiveAny('syntax', dt, true);
}

/** ParseDirective: a `# key=` directive (only the `#` form). */
export function parseDirective(key: string, dt: string): DetectedDirective | undefined {
  return parseDirectiveAny(key, dt, false);
}
