/**
 * Proving a lesson, in the manner of Learn Git Branching's levels.spec: for each exercise, in a
 * fresh session, build the lesson's start (and the solutions of the exercises before it), show that
 * its checks fail, replay its solution, show that they pass. Also runs the prose's "Run" blocks.
 */
import type { Session } from '../session/types';
import { runChecks, type CheckResult } from './checks';
import type { CompiledLesson } from './lesson';
import type { CompiledProse } from './markdown';
import { LANGS, type Exercise, type Lang } from './schema';
import { NOT_SIMULATED_RE, applySetup, applySolution } from './setup';

export type SessionFactory = () => Session | Promise<Session>;

export interface ExerciseProof {
  readonly id: string;
  readonly title: string;
  /** The checks' result after setup, before the solution (should fail). */
  readonly before: CheckResult | undefined;
  /** The checks' result after the solution (should pass). */
  readonly after: CheckResult | undefined;
  /** Alternative solutions (must pass) and near misses (must fail with their message). */
  readonly variants: VariantProof[];
  readonly problems: string[];
}

export interface VariantProof {
  readonly kind: 'alternative' | 'near-miss';
  readonly label: string;
  readonly result: CheckResult;
  readonly problem: string | undefined;
}

export interface RunBlockProof {
  readonly lang: Lang;
  readonly line: number;
  readonly code: string;
  readonly output: string;
  readonly status: number;
  readonly problem: string | undefined;
}

export interface LessonProof {
  readonly setupProblems: string[];
  readonly exercises: ExerciseProof[];
  readonly runBlocks: RunBlockProof[];
  readonly ok: boolean;
}

function indent(text: string): string {
  return text.replace(/\s+$/, '').split('\n').map((l) => `    | ${l}`).join('\n');
}

const BLOCK_END = '__dockyard_block_end__';

/**
 * Runs code blocks one after another in one bash, as typed into one terminal, and returns each
 * block's output and exit status.
 */
export async function runInOneShell(session: Session, blocks: readonly string[]): Promise<Array<{ output: string; status: number }>> {
  const script = blocks.map((code) => `${code.replace(/\n+$/, '')}\nprintf '\\n${BLOCK_END} %d\\n' "$?"`).join('\n');
  const r = await session.run(script);
  const out: Array<{ output: string; status: number }> = [];
  const re = new RegExp(`\\n?${BLOCK_END} (\\d+)\\n`, 'g');
  let last = 0;
  for (const m of r.output.matchAll(re)) {
    out.push({ output: r.output.slice(last, m.index), status: Number(m[1]) });
    last = (m.index ?? 0) + m[0].length;
  }
  if (out.length < blocks.length) out.push({ output: r.output.slice(last), status: r.status });
  return out;
}

export async function proveLesson(
  lesson: CompiledLesson,
  prose: Partial<Record<Lang, CompiledProse>>,
  newSession: SessionFactory,
): Promise<LessonProof> {
  const setupProblems: string[] = [];
  const exercises: ExerciseProof[] = [];
  const start = async (): Promise<{ session: Session; problems: string[] }> => {
    const session = await newSession();
    const failed = await applySetup(session, { files: lesson.files, modes: lesson.modes, commands: lesson.setup.commands });
    return {
      session,
      problems: failed.map((f) => `setup command failed with status ${f.result.status}: ${f.command}\n${indent(f.result.output)}`),
    };
  };

  for (let k = 0; k < lesson.exerciseSpecs.length; k++) {
    const ex = lesson.exerciseSpecs[k]!;
    const problems: string[] = [];
    const { session, problems: sp } = await start();
    if (k === 0) setupProblems.push(...sp);
    let before: CheckResult | undefined;
    let after: CheckResult | undefined;
    try {
      for (let j = 0; j < k; j++) {
        const prev = lesson.exerciseSpecs[j]!;
        await applySolution(session, prev.solution);
      }
      before = await runChecks(session, ex.checks);
      if (before.passed) problems.push('its checks already pass before the solution: they do not test what the exercise asks');
      const sol = await applySolution(session, ex.solution);
      const out = sol.result?.output ?? '';
      if (NOT_SIMULATED_RE.test(out)) problems.push(`the solution's commands hit something not simulated:\n${indent(out)}`);
      after = await runChecks(session, ex.checks);
      if (!after.passed) {
        problems.push(
          `its checks fail after the solution (check ${after.failed + 1}): ${after.messages?.en ?? ''}` +
            (sol.result ? `\n  solution output (status ${sol.result.status}):\n${indent(sol.result.output || '(none)')}` : ''),
        );
      }
    } catch (e) {
      problems.push(`proving it threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    } finally {
      session.dispose();
    }
    const variants: VariantProof[] = [];
    const tries: Array<{ kind: 'alternative' | 'near-miss'; n: number; solution: Exercise['solution']; expect?: string; why?: string }> = [
      ...(ex.alternatives ?? []).map((solution, n) => ({ kind: 'alternative' as const, n, solution })),
      ...(ex.nearMisses ?? []).map((m, n) => ({ kind: 'near-miss' as const, n, solution: { commands: m.commands, files: m.files }, expect: m.expect, why: m.why })),
    ];
    for (const t of tries) {
      const { session: s } = await start();
      try {
        for (let j = 0; j < k; j++) await applySolution(s, lesson.exerciseSpecs[j]!.solution);
        const sol = await applySolution(s, t.solution);
        const r = await runChecks(s, ex.checks);
        const label = `${t.kind} ${t.n + 1}${t.why ? ` (${t.why})` : ''}`;
        let problem: string | undefined;
        if (t.kind === 'alternative' && !r.passed) {
          problem = `${label} does not pass (check ${r.failed + 1}): ${r.messages?.en ?? ''}` + (sol.result ? `\n  its output:\n${indent(sol.result.output || '(none)')}` : '');
        } else if (t.kind === 'near-miss' && r.passed) {
          problem = `${label} passes: the checks are too lenient`;
        } else if (t.kind === 'near-miss' && t.expect !== undefined && !(r.messages?.en ?? '').includes(t.expect)) {
          problem = `${label} fails with “${r.messages?.en ?? ''}”, not with a message containing “${t.expect}”`;
        }
        if (problem) problems.push(problem);
        variants.push({ kind: t.kind, label, result: r, problem });
      } finally {
        s.dispose();
      }
    }
    exercises.push({ id: ex.id, title: ex.title.en, before, after, variants, problems });
  }
  if (lesson.exerciseSpecs.length === 0) {
    const { session, problems } = await start();
    setupProblems.push(...problems);
    session.dispose();
  }

  // The "Run" blocks of each language, in order, in one shell per language: as in the page, where
  // they are typed into one terminal, `cd` and variables carry from one block to the next.
  const runBlocks: RunBlockProof[] = [];
  for (const lang of LANGS) {
    const blocks = prose[lang]?.codeBlocks.filter((b) => b.run) ?? [];
    if (blocks.length === 0) continue;
    const { session } = await start();
    try {
      const outputs = await runInOneShell(session, blocks.map((b) => b.code));
      blocks.forEach((b, i) => {
        const r = outputs[i] ?? { output: '(the shell ended before this block)', status: -1 };
        const hit = NOT_SIMULATED_RE.exec(r.output);
        runBlocks.push({
          lang,
          line: b.line,
          code: b.code,
          output: r.output,
          status: r.status,
          problem: hit ? `"${hit[0]}" in its output:\n${indent(r.output)}` : r.status === -1 ? r.output : undefined,
        });
      });
    } finally {
      session.dispose();
    }
  }

  const ok = setupProblems.length === 0 && exercises.every((e) => e.problems.length === 0) && runBlocks.every((b) => !b.problem);
  return { setupProblems, exercises, runBlocks, ok };
}
