/**
 * `npm run conformance`: runs every vector file under data/conformance through its implementation
 * (src/cli/lib/conformance families) and prints `<file>: N passed, M failed` per file; exits 1 on any
 * failure. `--verbose` lists each failure; files without a registered family are reported as such.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { FAMILIES, runFamily, type FamilyReport } from '../cli/lib/conformance/index';

export function runConformance(dir: URL, log: (line: string) => void, verbose = false): { reports: FamilyReport[]; ok: boolean } {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const reports: FamilyReport[] = [];
  let ok = true;
  for (const file of files) {
    const family = FAMILIES.find((f) => f.file === file);
    if (!family) {
      log(`${file}: no vector family registered (not run)`);
      continue;
    }
    const data: unknown = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
    const r = runFamily(family, data);
    reports.push(r);
    const skipped = r.skipped.reduce((n, s) => n + s.count, 0);
    log(`${file}: ${r.passed} passed, ${r.failed.length} failed${skipped ? `, ${skipped} skipped` : ''}`);
    if (r.failed.length) ok = false;
    if (verbose) {
      for (const f of r.failed) log(`  FAIL ${f.name}: ${f.detail}`);
      for (const s of r.skipped) log(`  skipped ${s.group} (${s.count}): ${s.reason}`);
    } else {
      for (const f of r.failed.slice(0, 20)) log(`  FAIL ${f.name}: ${f.detail}`);
    }
  }
  return { reports, ok };
}

const isMain = import.meta.url === new URL(process.argv[1] ?? '', 'file://').href;
if (isMain) {
  const dir = new URL('../../data/conformance/', import.meta.url);
  const { ok } = runConformance(dir, (l) => process.stdout.write(l + '\n'), process.argv.includes('--verbose'));
  process.exitCode = ok ? 0 : 1;
}
