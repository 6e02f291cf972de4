/** Running another program from a program (env, sudo, xargs, timeout, nohup, find -exec). */
import { isSysError, type SysError } from '../../../engine/core/errors';
import type { ExitInfo, Process, ProcessContext, SpawnOptions } from '../../../engine/runtime/kernel';
import { spawnCommand } from '../../../engine/runtime/exec';

export type SpawnResult = { readonly ok: true; readonly proc: Process } | { readonly ok: false; readonly error: SysError };

export function trySpawn(ctx: ProcessContext, argv: readonly string[], opts: Partial<Omit<SpawnOptions, 'argv' | 'program'>> = {}): SpawnResult {
  try {
    return { ok: true, proc: spawnCommand(ctx, argv, opts) };
  } catch (e) {
    if (isSysError(e)) return { ok: false, error: e };
    throw e;
  }
}

/** Waits for a child; returns its status as the shell would report it. */
export async function waitChild(ctx: ProcessContext, proc: Process): Promise<ExitInfo> {
  return ctx.wait(proc.exited);
}
