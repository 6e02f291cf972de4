/**
 * `npm run conformance`: runs every vector file under data/conformance through its implementation
 * (src/cli/lib/conformance families) and prints `<file>: N passed, M failed` per file; exits 1 on any
 * failure. `--verbose` lists each failure; files without a registered family are reported as such.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { FAMILIES, runFamily, type FamilyReport, type VectorFamily } from '../cli/lib/conformance/index';
import { KUBECTL_GROUPS, kubectlPrintersFamily } from '../cli/kubectl/printers/conformance';

/**
 * Families that live with their front end and take over some groups of a file another family reads
 * (output-formats.json's kubectl.* groups run through src/cli/kubectl/printers). The other family's
 * cases and skip entries for those groups are dropped, and the file gets one merged report.
 */
const FRONT_END_FAMILIES: { family: VectorFamily; claims: readonly string[] }[] = [{ family: kubectlPrintersFamily, claims: KUBECTL_GROUPS }];

function familiesFor(file: string): VectorFamily[] {
  const front = FRONT_END_FAMILIES.filter((c) => c.family.file === file);
  const claimed = front.flatMap((c) => c.claims);
  const owns = (name: string) => claimed.some((g) => name === g || name.startsWith(g + ' '));
  const base = FAMILIES.filter((f) => f.file === file).map((f): VectorFamily => (claimed.length === 0 ? f : { file, cases: (d) => f.cases(d).filter((c) => !owns(c.name)), skipped: (d) => (f.skipped?.(d) ?? []).filter((s) => !owns(s.group)) }));
  return [...base, ...front.map((c) => c.family)];
}

function runFamilies(families: VectorFamily[], data: unknown): FamilyReport {
  const rs = families.map((f) => runFamily(f, data));
  return { file: families[0]?.file ?? '', passed: rs.reduce((n, r) => n + r.passed, 0), failed: rs.flatMap((r) => r.failed), skipped: rs.flatMap((r) => r.skipped) };
}

export function runConformance(dir: URL, log: (line: string) => void, verbose = false): { reports: FamilyReport[]; ok: boolean } {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const reports: FamilyReport[] = [];
  let ok = true;
  for (const file of files) {
    const families = familiesFor(file);
    if (families.length === 0) {
      log(`${file}: no vector family registered (not run)`);
      continue;
    }
    const data: unknown = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
    const r = runFamilies(families, data);
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
