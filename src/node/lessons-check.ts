/**
 * `npm run lessons:check [--root DIR] [LESSON...]`: validates every lesson (schema, both languages
 * placing the same exercises, links and images) and proves each exercise headlessly: after setup
 * its checks fail, after its solution they pass. Runs the prose's "Run" blocks and fails on
 * "command not found" or "not simulated". Prints a report; exits 1 on any problem.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkCourse, compileLesson, type CompiledLesson } from '../lessons/lesson';
import { proveLesson, type SessionFactory } from '../lessons/prove';
import { formatIssue } from '../lessons/schema';
import { lessonFolders, readLessonSource } from './lessons-fs';

export interface LessonsCheckOptions {
  /** The lessons root folder. */
  readonly root: string;
  /** How the root is named in the report. */
  readonly displayRoot?: string;
  readonly newSession: SessionFactory;
  /** Only these folders or ids (all when empty). */
  readonly only?: readonly string[];
}

export interface LessonsCheckResult {
  readonly ok: boolean;
  readonly report: string;
  readonly lessons: number;
  readonly exercises: number;
  readonly problems: number;
}

function indent(s: string, by = '      '): string {
  return s.split('\n').map((l) => by + l).join('\n');
}

export async function checkLessons(opts: LessonsCheckOptions): Promise<LessonsCheckResult> {
  const out: string[] = [];
  let problems = 0;
  let exercises = 0;
  const displayRoot = opts.displayRoot ?? 'lessons';
  const folders = lessonFolders(opts.root);
  const compiled: CompiledLesson[] = [];
  if (folders.length === 0) {
    out.push(`no lessons found under ${displayRoot}/`);
    problems++;
  }
  for (const folder of folders) {
    const src = readLessonSource(opts.root, folder, displayRoot);
    const { lesson, issues, prose } = compileLesson(src);
    if (opts.only?.length && !opts.only.some((o) => o === folder || o === lesson?.id)) continue;
    out.push(`${displayRoot}/${folder}`);
    if (issues.length > 0 || !lesson) {
      problems += Math.max(1, issues.length);
      for (const i of issues) out.push(`  ✗ ${formatIssue(i)}`);
      continue;
    }
    compiled.push(lesson);
    out.push(`  ✓ lesson.yaml, en.md and zh.md are valid (${lesson.exercises.length} exercise${lesson.exercises.length === 1 ? '' : 's'})`);
    const proof = await proveLesson(lesson, prose, opts.newSession);
    for (const p of proof.setupProblems) {
      problems++;
      out.push(`  ✗ ${p}`);
    }
    for (const ex of proof.exercises) {
      exercises++;
      const mark = ex.problems.length === 0 ? '✓' : '✗';
      out.push(`  ${mark} exercise ${ex.id} “${ex.title}”`);
      if (ex.before) {
        if (ex.before.passed) out.push('      before the solution: passes (it must fail)');
        else {
          out.push(`      before the solution: fails at check ${ex.before.failed + 1}:`);
          out.push(`        en: ${ex.before.messages?.en ?? ''}`);
          out.push(`        zh: ${ex.before.messages?.zh ?? ''}`);
        }
      }
      if (ex.after) out.push(`      after the solution: ${ex.after.passed ? 'passes' : 'fails (it must pass)'}`);
      for (const v of ex.variants) {
        if (v.kind === 'alternative') out.push(`      ${v.label}: ${v.result.passed ? 'passes' : 'fails (it must pass)'}`);
        else out.push(`      ${v.label}: ${v.result.passed ? 'passes (it must fail)' : `fails: ${v.result.messages?.en ?? ''}`}`);
      }
      for (const p of ex.problems) {
        problems++;
        out.push(indent(`✗ ${p}`));
      }
    }
    const run = proof.runBlocks;
    const bad = run.filter((b) => b.problem);
    if (run.length > 0) {
      out.push(`  ${bad.length === 0 ? '✓' : '✗'} ${run.length} Run block${run.length === 1 ? '' : 's'} of the prose ran${bad.length === 0 ? ', all simulated' : ''}`);
    }
    for (const b of bad) {
      problems++;
      out.push(`      ✗ ${displayRoot}/${folder}/${b.lang}.md:${b.line}: ${b.code.trim().split('\n')[0] ?? ''}`);
      out.push(indent(b.problem ?? '', '        '));
    }
  }
  for (const p of checkCourse(compiled)) {
    problems++;
    out.push(`✗ ${p}`);
  }
  const count = compiled.length;
  out.push('');
  out.push(
    `${count} lesson${count === 1 ? '' : 's'}, ${exercises} exercise${exercises === 1 ? '' : 's'} ` +
      (problems === 0 ? 'proven: all good' : `checked, ${problems} problem${problems === 1 ? '' : 's'}`),
  );
  return { ok: problems === 0, report: out.join('\n') + '\n', lessons: count, exercises, problems };
}

/** A fresh headless session of the real simulator. */
async function realSessionFactory(): Promise<SessionFactory> {
  const { createNodeSession } = await import('./host');
  let seed = 1;
  return () => createNodeSession({ seed: seed++ });
}

async function main(argv: readonly string[]): Promise<number> {
  let root = resolve('lessons');
  const only: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--root') root = resolve(argv[++i] ?? '.');
    else if (a === '-h' || a === '--help') {
      process.stdout.write('usage: npm run lessons:check [-- [--root DIR] [LESSON...]]\n');
      return 0;
    } else only.push(a);
  }
  const r = await checkLessons({ root, newSession: await realSessionFactory(), only });
  process.stdout.write(r.report);
  return r.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`lessons:check: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(2);
    },
  );
}
