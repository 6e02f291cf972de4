/** stat [-c FORMAT | --printf FORMAT] [-t] [-L] FILE..., GNU's default layout. */
import type { Stat } from '../../../engine/fs/types';
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { completeFlags, parse, usageError, type ArgSpec } from '../args';
import { strftime } from '../lib/format';
import { abs, errText } from '../lib/io';
import { quoteAlways } from '../lib/quote';
import { UserDb } from '../lib/users';
import { modeString } from '../ls/ls';
import { expandEscapes } from '../echo/echo';

const SPEC: ArgSpec = {
  name: 'stat',
  options: [
    { key: 'c', short: 'c', long: 'format', arg: 'required' },
    { key: 'printf', long: 'printf', arg: 'required' },
    { key: 'L', short: 'L', long: 'dereference' },
    { key: 't', short: 't', long: 'terse' },
    { key: 'f', short: 'f', long: 'file-system' },
  ],
};

function kind(st: Stat): string {
  switch (st.type) {
    case 'dir': return 'directory';
    case 'symlink': return 'symbolic link';
    case 'chardev': return 'character special file';
    default: return st.size === 0 ? 'regular empty file' : 'regular file';
  }
}

function ts(ms: number): string {
  return strftime('%Y-%m-%d %H:%M:%S.%N %z', ms);
}

async function stat(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  if (a.operands.length === 0) return usageError(ctx, SPEC, 'missing operand');
  const db = new UserDb(ctx.fs);
  let status = 0;
  for (const name of a.operands) {
    let st: Stat;
    const p = abs(ctx, name);
    try {
      st = a.has('L') ? ctx.fs.stat(p) : ctx.fs.lstat(p);
    } catch (e) {
      await ctx.stderr.write(`stat: cannot statx ${quoteAlways(name)}: ${errText(e)}\n`);
      status = 1;
      continue;
    }
    const blocks = st.type === 'symlink' ? 0 : Math.ceil(st.size / 4096) * 8;
    const user = db.userName(st.uid) ?? 'UNKNOWN';
    const group = db.groupName(st.gid) ?? 'UNKNOWN';
    const target = st.type === 'symlink' ? ctx.fs.readlink(p) : undefined;
    const rawMode = st.mode | (st.type === 'dir' ? 0o40000 : st.type === 'symlink' ? 0o120000 : st.type === 'chardev' ? 0o20000 : 0o100000);
    const fields: Record<string, () => string> = {
      n: () => name,
      N: () => (target !== undefined ? `${quoteAlways(name)} -> ${quoteAlways(target)}` : quoteAlways(name)),
      s: () => String(st.size),
      b: () => String(blocks),
      B: () => '512',
      o: () => '4096',
      a: () => st.mode.toString(8),
      A: () => modeString(st),
      f: () => rawMode.toString(16),
      F: () => kind(st),
      u: () => String(st.uid),
      U: () => user,
      g: () => String(st.gid),
      G: () => group,
      h: () => String(st.nlink),
      i: () => String(st.ino),
      d: () => '65024',
      D: () => 'fe00',
      t: () => '0',
      T: () => '0',
      x: () => ts(st.mtime),
      X: () => String(Math.floor(st.mtime / 1000)),
      y: () => ts(st.mtime),
      Y: () => String(Math.floor(st.mtime / 1000)),
      z: () => ts(st.mtime),
      Z: () => String(Math.floor(st.mtime / 1000)),
      w: () => '-',
      W: () => '0',
      m: () => '/',
    };
    const custom = a.get('c') ?? a.get('printf');
    if (custom !== undefined) {
      let fmt = custom;
      if (a.has('printf')) fmt = expandEscapes(fmt).text;
      const out = fmt.replace(/%([-#0 +]*\d*(?:\.\d+)?)([a-zA-Z%])/g, (m, flags: string, c: string) => {
        if (c === '%') return '%';
        const f = fields[c];
        if (!f) return `?`;
        const v = f();
        const w = /\d+/.exec(flags)?.[0];
        if (!w) return v;
        return flags.includes('-') ? v.padEnd(Number(w)) : v.padStart(Number(w));
      });
      await ctx.stdout.write(a.has('printf') ? out : `${out}\n`);
      continue;
    }
    if (a.has('t')) {
      await ctx.stdout.write(`${name} ${st.size} ${blocks} ${rawMode.toString(16)} ${st.uid} ${st.gid} fe00 ${st.ino} ${st.nlink} 0 0 ${Math.floor(st.mtime / 1000)} ${Math.floor(st.mtime / 1000)} ${Math.floor(st.mtime / 1000)} 0 4096\n`);
      continue;
    }
    const dev = st.type === 'chardev' ? `Device: 0,5\tInode: ${st.ino}`.padEnd(0) : `Device: 254,0\tInode: ${String(st.ino).padEnd(11)} Links: ${st.nlink}`;
    await ctx.stdout.write(
      `  File: ${fields.N!()}\n` +
        `  Size: ${String(st.size).padEnd(10)}\tBlocks: ${String(blocks).padEnd(10)} IO Block: 4096   ${kind(st)}\n` +
        `${dev}\n` +
        `Access: (${st.mode.toString(8).padStart(4, '0')}/${modeString(st)})  Uid: (${String(st.uid).padStart(5)}/${user.padStart(8)})   Gid: (${String(st.gid).padStart(5)}/${group.padStart(8)})\n` +
        `Access: ${ts(st.mtime)}\nModify: ${ts(st.mtime)}\nChange: ${ts(st.mtime)}\n Birth: -\n`,
    );
  }
  return status;
}

export const statInfo: ProgramInfo = { name: 'stat', program: stat, complete: completeFlags(SPEC) };
