/** hostname: prints /etc/hostname (setting it needs root and is refused like a container would). */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';

export function hostName(ctx: Pick<ProcessContext, 'fs'>): string {
  try {
    return ctx.fs.readText('/etc/hostname').trim() || 'localhost';
  } catch {
    return 'localhost';
  }
}

async function hostname(ctx: ProcessContext): Promise<number> {
  const args = ctx.argv.slice(1);
  const name = hostName(ctx);
  for (const a of args) {
    if (a === '-s' || a === '--short') {
      await ctx.stdout.write(`${name.split('.')[0]}\n`);
      return 0;
    }
    if (a === '-f' || a === '--fqdn' || a === '--long' || a === '-A' || a === '--all-fqdns') {
      await ctx.stdout.write(`${name}${a === '-A' || a === '--all-fqdns' ? ' ' : ''}\n`);
      return 0;
    }
    if (a === '-i' || a === '--ip-address') {
      await ctx.stdout.write('127.0.1.1\n');
      return 0;
    }
    if (a === '-I' || a === '--all-ip-addresses') {
      await ctx.stdout.write('172.17.0.1 \n');
      return 0;
    }
    if (a === '-d' || a === '--domain') {
      await ctx.stdout.write('\n');
      return 0;
    }
    if (a.startsWith('-')) {
      await ctx.stderr.write(`hostname: invalid option -- '${a.slice(1, 2)}'\nUsage: hostname [-b] {hostname|-F file}         set host name (from file)\n       hostname [-a|-A|-d|-f|-i|-I|-s|-y]       display formatted name\n       hostname                                 display host name\n`);
      return 1;
    }
    await ctx.stderr.write(ctx.user.uid === 0 ? 'hostname: you must be root to change the host name\n' : 'hostname: you must be root to change the host name\n');
    return 1;
  }
  await ctx.stdout.write(`${name}\n`);
  return 0;
}

export const hostnameInfo: ProgramInfo = { name: 'hostname', program: hostname };
