/** The `docker` command (placeholder until the CLI lands): connects to the daemon. */
import type { ProcessContext } from '../../engine/runtime/kernel';

export async function dockerMain(ctx: ProcessContext): Promise<number> {
  await ctx.stderr.write('dockyard: docker is not simulated yet\n');
  return 1;
}
