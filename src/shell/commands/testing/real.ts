/**
 * Differential testing against the real tools on this machine: the same tree is made in a temp
 * dir and in a test world, the same command runs in both, and the outputs are compared.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lutimesSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_EPOCH } from '../../../engine/core/clock';
import { makeWorld, run, type RunResult, type World } from './harness';

export type TreeNode = string | { dir: true } | { link: string } | { file: string; mode?: number };

/** A fixed old mtime (older than six months for both the machine and the simulation). */
export const OLD_MTIME = Date.UTC(2024, 2, 7, 14, 30, 0);

export function hasReal(bin: string): boolean {
  return existsSync(`/usr/bin/${bin}`) || existsSync(`/bin/${bin}`);
}

export function realRun(tree: Record<string, TreeNode>, argv: readonly string[], stdin = ''): RunResult {
  const dir = mkdtempSync(join(tmpdir(), 'dockyard-real-'));
  try {
    build(dir, tree);
    const r = spawnSync(argv[0]!, argv.slice(1), { cwd: dir, input: stdin, env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', TZ: 'UTC', HOME: dir, TERM: 'xterm-256color' }, encoding: 'utf8' });
    return { out: r.stdout, err: r.stderr, status: r.status ?? 128 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function build(dir: string, tree: Record<string, TreeNode>): void {
  for (const [p, n] of Object.entries(tree)) {
    const full = join(dir, p);
    mkdirSync(join(full, '..'), { recursive: true });
    if (typeof n === 'string') writeFileSync(full, n);
    else if ('dir' in n) mkdirSync(full, { recursive: true });
    else if ('link' in n) symlinkSync(n.link, full);
    else {
      writeFileSync(full, n.file);
      if (n.mode !== undefined) chmodSync(full, n.mode);
    }
  }
  // mtimes last, deepest first, so directories keep theirs
  for (const p of Object.keys(tree).sort((a, b) => b.length - a.length)) {
    const n = tree[p]!;
    if (typeof n === 'object' && 'link' in n) lutimesSync(join(dir, p), OLD_MTIME / 1000, OLD_MTIME / 1000);
    else utimesSync(join(dir, p), OLD_MTIME / 1000, OLD_MTIME / 1000);
  }
  utimesSync(dir, OLD_MTIME / 1000, OLD_MTIME / 1000);
}

/** Builds the same tree at /case in a fresh world (owned by root). */
export function simWorld(tree: Record<string, TreeNode>): World {
  // Symlinks get the clock's time: make them at OLD_MTIME, then move to the usual epoch.
  const w = makeWorld({}, [], OLD_MTIME);
  w.fs.mkdir('/case', { recursive: true });
  for (const [p, n] of Object.entries(tree)) {
    const full = `/case/${p}`;
    w.fs.mkdir(full.slice(0, full.lastIndexOf('/')), { recursive: true });
    if (typeof n === 'string') w.fs.writeFile(full, n);
    else if ('dir' in n) w.fs.mkdir(full, { recursive: true });
    else if ('link' in n) w.fs.symlink(n.link, full);
    else w.fs.writeFile(full, n.file, { mode: n.mode ?? 0o644 });
  }
  for (const p of Object.keys(tree).sort((a, b) => b.length - a.length)) {
    const n = tree[p]!;
    if (typeof n === 'object' && 'link' in n) continue;
    w.fs.utimes(`/case/${p}`, OLD_MTIME);
  }
  w.fs.utimes('/case', OLD_MTIME);
  w.clock.advanceTo(DEFAULT_EPOCH);
  return w;
}

export async function simRun(tree: Record<string, TreeNode>, argv: readonly string[], stdin = ''): Promise<RunResult> {
  const w = simWorld(tree);
  const r = await run(w, argv, { cwd: '/case', user: 'root', stdin, env: { TZ: 'UTC' } });
  return { out: r.out, err: r.err, status: r.status };
}

/** Runs a bash builtin (echo, printf, test) in real bash: `bash -c '"$0" "$@"' argv...`. */
export function realBuiltin(argv: readonly string[], stdin = ''): RunResult {
  return realRun({}, ['bash', '-c', '"$0" "$@"', ...argv], stdin);
}

function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * Runs commands one after another with 2>&1, printing "rc=N" after each, then `ls -RA` to show
 * the resulting tree; in the real shell and in the simulation. Inputs per command go on stdin.
 */
export function realScript(tree: Record<string, TreeNode>, cmds: ReadonlyArray<readonly string[]>, stdin: readonly string[] = []): string {
  const script = cmds.map((c, i) => `${c.map(shq).join(' ')} 2>&1 <<< ${shq(stdin[i] ?? '')}; echo "rc=$?"`).join('\n') + '\nls -RA';
  return realRun(tree, ['bash', '-c', script]).out.replace(/<<< ''/g, '');
}

export async function simScript(tree: Record<string, TreeNode>, cmds: ReadonlyArray<readonly string[]>, stdin: readonly string[] = []): Promise<string> {
  const w = simWorld(tree);
  let out = '';
  for (const [i, c] of [...cmds, ['ls', '-RA']].entries()) {
    const r = await run(w, c, { cwd: '/case', user: 'root', merge: true, stdin: i < cmds.length ? `${stdin[i] ?? ''}\n` : '' });
    out += r.out + (i < cmds.length ? `rc=${r.status}\n` : '');
  }
  return out;
}
