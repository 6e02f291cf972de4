/**
 * Building a lesson's starting state in a session, and replaying an exercise's solution.
 * The page (jump to a lesson, Reset) and lessons:check use the same code.
 */
import { dirname } from '../engine/fs/path';
import type { FileSystem } from '../engine/fs/types';
import type { RunResult, Session } from '../session/types';
import { LEARNER_HOME, lessonPath } from './paths';
import type { Exercise } from './schema';

export interface StepProblem {
  readonly command: string;
  readonly result: RunResult;
}

/** Output that shows a command is not available in the simulation. */
export const NOT_SIMULATED_RE = /command not found|not simulated/;

/** Writes a file as the learner, creating its folders. */
export function writeLearnerFile(fs: FileSystem, path: string, content: string): void {
  const abs = lessonPath(path);
  const dir = dirname(abs);
  if (!fs.exists(dir)) fs.mkdir(dir, { recursive: true });
  fs.writeFile(abs, content);
}

/** Copies the starting files (with their modes) into /home/learner. */
export function writeStartFiles(session: Session, start: { readonly files: Readonly<Record<string, string>>; readonly modes?: Readonly<Record<string, number>> }): void {
  for (const [path, content] of Object.entries(start.files)) writeLearnerFile(session.fs, `${LEARNER_HOME}/${path}`, content);
  for (const [path, mode] of Object.entries(start.modes ?? {})) session.fs.chmod(`${LEARNER_HOME}/${path}`, mode);
}

/**
 * Copies the starting files into /home/learner and runs the setup commands in order. Returns the
 * commands that failed (non-zero status) with their output; the caller decides what to do.
 */
export async function applySetup(
  session: Session,
  setup: { readonly files: Readonly<Record<string, string>>; readonly modes?: Readonly<Record<string, number>>; readonly commands: readonly string[] },
): Promise<StepProblem[]> {
  writeStartFiles(session, setup);
  const problems: StepProblem[] = [];
  for (const command of setup.commands) {
    const result = await session.run(command);
    if (result.status !== 0) problems.push({ command, result });
  }
  return problems;
}

export interface SolutionResult {
  /** The command lines as one script (cd and variables carry from line to line, as in a terminal). */
  readonly result: RunResult | undefined;
}

/**
 * Replays a solution: writes its files (as the editor saves them), then runs its commands in one
 * shell, as if typed in one terminal (they count as typed, for history checks).
 */
export async function applySolution(session: Session, solution: Exercise['solution']): Promise<SolutionResult> {
  for (const [path, content] of Object.entries(solution.files ?? {})) writeLearnerFile(session.fs, path, content);
  const commands = solution.commands ?? [];
  if (commands.length === 0) return { result: undefined };
  const result = await session.run(commands.join('\n'), { asTyped: true });
  return { result };
}
