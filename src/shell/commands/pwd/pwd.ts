/** pwd as bash's builtin: -L (default: $PWD when it names the current directory) and -P. */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';

export async function pwdBuiltin(ctx: Pick<ProcessContext, 'stdout' | 'stderr' | 'cwd' | 'env' | 'fs'>, args: readonly string[], errPrefix = ''): Promise<number> {
  let physical = false;
  for (const a of args) {
    if (a === '--') break;
    if (/^-[LP]+$/.test(a)) {
      physical = a.endsWith('P');
      continue;
    }
    if (a.startsWith('-') && a !== '-') {
      await ctx.stderr.write(`${errPrefix}pwd: ${a.slice(0, 2)}: invalid option\npwd: usage: pwd [-LP]\n`);
      return 2;
    }
    break;
  }
  let dir = ctx.cwd;
  try {
    if (physical) dir = ctx.fs.realpath(ctx.cwd);
    else {
      const pwd = ctx.env.get('PWD');
      if (pwd && pwd.startsWith('/') && ctx.fs.realpath(pwd) === ctx.fs.realpath(ctx.cwd)) dir = pwd;
    }
  } catch {
    // keep cwd
  }
  await ctx.stdout.write(`${dir}\n`);
  return 0;
}

export const pwdInfo: ProgramInfo = { name: 'pwd', program: (ctx) => pwdBuiltin(ctx, ctx.argv.slice(1)) };
