/**
 * YAML output as go-yaml v3's encoder writes it with SetIndent(2) (what `docker compose config`
 * prints): block style, sequences indented under their key, strings that would read back as
 * another type double-quoted, strings plain YAML cannot hold single-quoted, `{}` for empty maps.
 */

const OLD_BOOL = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
const CORE_NON_STRING =
  /^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$/;
const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

function plainAllowed(s: string): boolean {
  if (s === '' || s !== s.trim()) return false;
  if (/^[?:,[\]{}#&*!|>'"%@`]/.test(s)) return false;
  if (/^- /.test(s) || s === '-') return false;
  if (/: |:$| #|\t/.test(s)) return false;
  if (/[\x00-\x08\x0b-\x1f\x7f]/.test(s)) return false;
  return true;
}

export function yamlScalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return String(v);
  const s = String(v);
  if (s === '' || CORE_NON_STRING.test(s) || OLD_BOOL.test(s) || BASE60.test(s)) return JSON.stringify(s);
  if (plainAllowed(s)) return s;
  if (/[\x00-\x08\x0b-\x1f\x7f]/.test(s)) return JSON.stringify(s);
  return `'${s.replace(/'/g, "''")}'`;
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function emit(v: unknown, indent: number, out: string[]): void {
  const pad = ' '.repeat(indent);
  if (isMap(v)) {
    for (const [k, x] of Object.entries(v)) {
      const key = yamlScalar(k);
      if (isMap(x) && Object.keys(x).length > 0) {
        out.push(`${pad}${key}:`);
        emit(x, indent + 2, out);
      } else if (Array.isArray(x) && x.length > 0) {
        out.push(`${pad}${key}:`);
        emit(x, indent + 2, out);
      } else if (isMap(x)) out.push(`${pad}${key}: {}`);
      else if (Array.isArray(x)) out.push(`${pad}${key}: []`);
      else if (typeof x === 'string' && x.includes('\n')) out.push(`${pad}${key}: ${literal(x, indent + 2)}`);
      else out.push(`${pad}${key}: ${yamlScalar(x)}`);
    }
    return;
  }
  if (Array.isArray(v)) {
    for (const x of v) {
      if (isMap(x) && Object.keys(x).length > 0) {
        const inner: string[] = [];
        emit(x, indent + 2, inner);
        out.push(`${pad}- ${inner[0]!.slice(indent + 2)}`, ...inner.slice(1));
      } else if (Array.isArray(x) && x.length > 0) {
        const inner: string[] = [];
        emit(x, indent + 2, inner);
        out.push(`${pad}- ${inner[0]!.slice(indent + 2)}`, ...inner.slice(1));
      } else out.push(`${pad}- ${isMap(x) ? '{}' : Array.isArray(x) ? '[]' : yamlScalar(x)}`);
    }
  }
}

function literal(s: string, indent: number): string {
  const pad = ' '.repeat(indent);
  const chomp = s.endsWith('\n') ? (s.endsWith('\n\n') ? '+' : '') : '-';
  const body = s.replace(/\n$/, '').split('\n');
  return `|${chomp}\n${body.map((l) => (l === '' ? '' : pad + l)).join('\n')}`;
}

/** A document's YAML text, ending with a newline. */
export function yamlStringify(v: unknown): string {
  const out: string[] = [];
  emit(v, 0, out);
  return out.map((l) => `${l}\n`).join('');
}
