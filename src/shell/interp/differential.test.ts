/**
 * Differential tests: each corpus script runs in the real /bin/bash (clean environment, C.UTF-8)
 * and in ours; stdout, stderr and the exit status must be identical. Skipped without /bin/bash.
 * A case that needs a program our host does not have yet is skipped (reported by name).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpus, dashCorpus, type CorpusCase } from '../testing/corpus';
import { createTestHost } from '../testing/harness';

const hasBash = existsSync('/bin/bash');
const hasDash = existsSync('/usr/bin/dash') || existsSync('/bin/dash');
const PATH = '/usr/local/bin:/usr/bin:/bin';
const EXTERNALS = ['wc', 'tr', 'sed', 'grep', 'sort', 'head', 'seq', 'chmod', 'date', 'sleep', 'ls', 'cat', 'mkdir', 'touch', 'rmdir', 'yes', 'cut', 'tail'];

function realBash(c: CorpusCase, shell: 'bash' | 'dash' = 'bash'): { stdout: string; stderr: string; status: number } {
  const dir = mkdtempSync(join(tmpdir(), 'dockyard-diff-'));
  try {
    const env = { HOME: dir, PATH, LC_ALL: 'C.UTF-8' };
    if (c.setup) spawnSync('/bin/bash', ['-c', c.setup], { cwd: dir, env });
    const r = spawnSync(shell, ['-c', c.script, ...(c.args ?? [])], { cwd: dir, env, input: c.stdin ?? '', encoding: 'utf8', argv0: shell === 'dash' ? 'sh' : 'bash' });
    const norm = (s: string) => s.split(dir).join('~H~');
    return { stdout: norm(r.stdout), stderr: norm(r.stderr), status: r.status ?? 128 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const W = '/home/learner/w';

async function ours(c: CorpusCase, argv = ['bash', '-c']) {
  const host = createTestHost();
  host.fs.mkdir(W);
  const env = { HOME: W, PATH, LC_ALL: 'C.UTF-8' };
  if (c.setup) await host.run(c.setup, { cwd: W, env, exactEnv: true });
  const r = await host.run(c.script, { cwd: W, env, exactEnv: true, stdin: c.stdin, args: c.args ? [...c.args] : undefined, argv });
  const norm = (s: string) => s.split(W).join('~H~');
  return { stdout: norm(r.stdout), stderr: norm(r.stderr), status: r.status };
}

const probe = createTestHost();

function missingPrograms(c: CorpusCase): string[] {
  const host = probe;
  const text = `${c.setup ?? ''}\n${c.script}`;
  return EXTERNALS.filter((n) => new RegExp(`(^|[\\s;|&(\`$])${n}(\\s|$|;|\\))`).test(text) && !host.kernel.programs.get(n));
}

const runnable = corpus.map((c, i) => ({ i, c, missing: missingPrograms(c) }));

describe.skipIf(!hasBash)('differential: ours vs /bin/bash', () => {
  it.each(runnable.filter((r) => r.missing.length === 0).map((r) => [r.i, r.c.script.replace(/\n/g, '⏎').slice(0, 70), r.c] as const))('%i %s', async (_i, _name, c) => {
    const want = realBash(c);
    const got = await ours(c);
    expect(got).toEqual(want);
  });
});

describe.skipIf(!hasBash)('differential corpus', () => {
  it('has enough cases, and says which wait for programs not simulated yet', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(150);
    const waiting = runnable.filter((r) => r.missing.length > 0);
    if (waiting.length) console.info(`${waiting.length} corpus cases wait for: ${[...new Set(waiting.flatMap((r) => r.missing))].sort().join(', ')}`);
  });
});

describe.skipIf(!hasDash)('differential: ours vs dash as /bin/sh', () => {
  it.each(dashCorpus.filter((c) => missingPrograms(c).length === 0).map((c, i) => [i, c.script.replace(/\n/g, '⏎').slice(0, 70), c] as const))('%i %s', async (_i, _name, c) => {
    const want = realBash(c, 'dash');
    const got = await ours(c, ['sh', '-c']);
    expect(got).toEqual(want);
  });
});
