/**
 * Differential checking against the real shells installed on the machine: runs `bash -n -c` (or
 * `dash -n -c`) on an input and renders both its diagnostics and ours as `line N: message` lines.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parse, type Dialect } from '../parser';

export const SHELL_PATHS: Record<Exclude<Dialect, 'ash'>, string> = { bash: '/bin/bash', dash: '/bin/dash' };

export function hasShell(d: Exclude<Dialect, 'ash'>): boolean {
  return existsSync(SHELL_PATHS[d]);
}

/** The real shell's diagnostics for `src`, one `line N: message` per line, prefixes removed. */
export function realDiagnostics(d: Exclude<Dialect, 'ash'>, src: string): string[] {
  const r = spawnSync(SHELL_PATHS[d], ['-n', '-c', src], { encoding: 'utf8' });
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  const prefix = d === 'bash' ? /^(?:\/bin\/)?bash: (?:-c: )?line (\d+): / : /^(?:\/bin\/)?dash: (\d+): /;
  return lines.map((l) => {
    const m = prefix.exec(l);
    return m ? `line ${m[1]}: ${l.slice(m[0].length)}` : l;
  });
}

/** Our diagnostics for `src`, rendered like `realDiagnostics`. */
export function ourDiagnostics(d: Exclude<Dialect, 'ash'>, src: string): string[] {
  const r = parse(src, { dialect: d });
  if (r.ok) return (r.warnings ?? []).map((w) => `line ${w.line}: ${w.message}`);
  if (r.incomplete) return ['<incomplete>'];
  const out = [`line ${r.error.line}: ${r.error.message}`];
  if (r.error.detail !== undefined) out.push(`line ${r.error.line}: ${r.error.detail}`);
  return out;
}
