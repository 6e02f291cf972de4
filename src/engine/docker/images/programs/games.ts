/**
 * hello-world's /hello (programs.md §1), Debian's cowsay 3.03 (§4: Text::Wrap filling at 40
 * columns, the balloon borders, the cows) and fortune.
 */
import { LineReader } from '../../../runtime/streams';
import type { ProcessContext } from '../../../runtime/kernel';
import type { ProgramInfo } from '../../../runtime/programs';
import { COWS } from './cows';
import { err, out, readText } from './lib';

export const HELLO_TEXT = `
Hello from Docker!
This message shows that your installation appears to be working correctly.

To generate this message, Docker took the following steps:
 1. The Docker client contacted the Docker daemon.
 2. The Docker daemon pulled the "hello-world" image from the Docker Hub.
    (amd64)
 3. The Docker daemon created a new container from that image which runs the
    executable that produces the output you are currently reading.
 4. The Docker daemon streamed that output to the Docker client, which sent it
    to your terminal.

To try something more ambitious, you can run an Ubuntu container with:
 $ docker run -it ubuntu bash

Share images, automate workflows, and more with a free Docker ID:
 https://hub.docker.com/

For more examples and ideas, visit:
 https://docs.docker.com/get-started/

`;

export const helloInfo: ProgramInfo = {
  name: 'hello@docker',
  program: async (ctx) => {
    await out(ctx, HELLO_TEXT);
    return 0;
  },
};

// ---------------------------------------------------------------------------------------------
// cowsay

/** Display width: East Asian wide characters count 2, ANSI colour sequences 0. */
export function mbswidth(s: string): number {
  let w = 0;
  for (const ch of s.replace(/\x1b\[\d+(?:;\d+)*m/g, '')) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1faff) || (c >= 0x20000 && c <= 0x3fffd) ? 2 : 1;
  }
  return w;
}

/** Perl Text::Wrap::wrap('', '', text) with `columns` (lines hold at most columns - 1 characters). */
function wrap(text: string, columns: number): string {
  const ll = columns - 1;
  let r = '';
  let pos = 0;
  let nl = '';
  let remainder = '';
  const re = new RegExp(`((?:(?=[^\\n])[\\s\\S]){0,${ll}})(\\s|\\n+|$)`, 'y');
  const huge = new RegExp(`((?:(?=[^\\n])[\\s\\S]){${ll}})`, 'y');
  const done = /(?:\s)*$/y;
  for (;;) {
    done.lastIndex = pos;
    const d = done.exec(text);
    if (d && d.index + d[0].length === text.length) break;
    re.lastIndex = pos;
    const m = re.exec(text);
    if (m && m[0].length > 0) {
      r += nl + m[1];
      remainder = m[2] ?? '';
      pos = re.lastIndex;
    } else {
      huge.lastIndex = pos;
      const h = huge.exec(text);
      if (!h) break;
      r += nl + h[1];
      remainder = '\n';
      pos = huge.lastIndex;
    }
    nl = '\n';
  }
  return r + remainder;
}

/** Text::Wrap::fill('', '', @lines): paragraphs (split on a newline followed by space) are wrapped and joined by an empty line. */
export function fill(lines: readonly string[], columns: number): string {
  const text = lines.join('\n');
  const paras = text.split(/\n\s+/);
  return paras.map((p) => wrap(p.replace(/\s+/g, ' '), columns)).join('\n\n');
}

/** Perl's split("\n", s): trailing empty fields are dropped. */
function perlSplitLines(s: string): string[] {
  const parts = s.split('\n');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function expandTabs(s: string): string {
  let o = '';
  for (const ch of s) o += ch === '\t' ? ' '.repeat(8 - (o.length % 8)) : ch;
  return o;
}

export interface CowOptions {
  think: boolean;
  eyes: string;
  tongue: string;
  cow: string;
}

/** The balloon and the cow, as cowsay prints them. */
export function cowsay(message: readonly string[], opts: CowOptions): string {
  const max = message.reduce((m, l) => Math.max(m, mbswidth(l)), 0);
  const pad = (s: string) => s + ' '.repeat(Math.max(0, max - mbswidth(s)));
  const lines: string[] = [` ${'_'.repeat(max + 2)}`];
  let thoughts: string;
  if (opts.think) {
    thoughts = 'o';
    for (const l of message.length ? message : ['']) lines.push(`( ${pad(l)} )`);
  } else if (message.length < 2) {
    thoughts = '\\';
    lines.push(`< ${pad(message[0] ?? '')} >`);
  } else {
    thoughts = '\\';
    message.forEach((l, i) => {
      const [a, b] = i === 0 ? ['/', '\\'] : i === message.length - 1 ? ['\\', '/'] : ['|', '|'];
      lines.push(`${a} ${pad(l)} ${b}`);
    });
  }
  lines.push(` ${'-'.repeat(max + 2)}`);
  const cow = opts.cow
    .replace(/\x01/g, thoughts)
    .replace(/\x02/g, opts.eyes[0] ?? '')
    .replace(/\x03/g, opts.eyes[1] ?? '')
    .replace(/\x04/g, opts.tongue[0] ?? '')
    .replace(/\x05/g, opts.tongue[1] ?? '');
  return lines.join('\n') + '\n' + cow;
}

const COWPATH = '/usr/share/cowsay/cows';

function usage(progname: string): string {
  return `cow{say,think} version 3.03, (c) 1999 Tony Monroe\nUsage: ${progname} [-bdgpstwy] [-h] [-e eyes] [-f cowfile] \n          [-l] [-n] [-T tongue] [-W wrapcolumn] [message]\n`;
}

/** Perl's Text::Wrap::wrap of the cow names for `-l` (76 columns default). */
function listCows(names: string[]): string {
  return wrap(names.sort().join(' '), 76);
}

async function cowsayMain(ctx: ProcessContext): Promise<number> {
  const progname = (ctx.argv[0] ?? 'cowsay').split('/').pop()!;
  const think = /think/i.test(ctx.argv[0] ?? '');
  const o: Record<string, string | boolean> = { e: 'oo', f: 'default.cow', T: '  ', W: '40' };
  const args = [...ctx.argv.slice(1)];
  // Getopt::Std getopts('bde:f:ghlLnNpstT:wW:y'): options until the first non-option or `--`.
  while (args.length && args[0]!.startsWith('-') && args[0] !== '-') {
    const a = args.shift()!;
    if (a === '--') break;
    for (let i = 1; i < a.length; i++) {
      const c = a[i]!;
      if ('efTW'.includes(c)) {
        const v = a.slice(i + 1) || args.shift();
        if (v === undefined) break;
        o[c] = v;
        break;
      }
      if ('bdghlLnNpstwy'.includes(c)) o[c] = true;
      else {
        await err(ctx, `Unknown option: ${c}\n`);
      }
    }
  }
  if (o.h) {
    await err(ctx, usage(progname));
    // die() exits with errno, which Getopt's module loading leaves at ENOENT
    return 2;
  }
  if (o.l) {
    let names: string[];
    try {
      names = ctx.fs.readdir(COWPATH).map((e) => e.name).filter((n) => n.endsWith('.cow')).map((n) => n.slice(0, -4));
    } catch {
      await out(ctx, `Cow files in ${COWPATH}:\n`);
      await err(ctx, `${ctx.argv[0]}: Cannot open ${COWPATH}\n`);
      return 2;
    }
    await out(ctx, `Cow files in ${COWPATH}:\n${listCows(names)}\n`);
    return 0;
  }
  let eyes = String(o.e).slice(0, 2);
  let tongue = String(o.T).slice(0, 2);
  let message: string[];
  if (!args[0] || args[0] === '0') {
    const lines: string[] = [];
    const r = new LineReader(ctx.stdin);
    for (let l = await r.next(); l; l = await r.next()) lines.push(l.line);
    message = lines;
  } else {
    if (o.n) {
      await err(ctx, usage(progname));
      return 2;
    }
    message = [args.join(' ')];
  }
  const columns = Number(o.W) || 40;
  message = o.n ? message.map(expandTabs) : perlSplitLines(fill(message, columns));
  if (o.b) eyes = '==';
  if (o.d) [eyes, tongue] = ['xx', 'U '];
  if (o.g) eyes = '$$';
  if (o.p) eyes = '@@';
  if (o.s) [eyes, tongue] = ['**', 'U '];
  if (o.t) eyes = '--';
  if (o.w) eyes = 'OO';
  if (o.y) eyes = '..';
  const f = String(o.f);
  let cowText: string | undefined;
  if (f.includes('/')) cowText = readText(ctx, f) !== undefined ? COWS[(f.split('/').pop() ?? '').replace(/\.cow$/, '')] : undefined;
  else {
    const name = f.replace(/\.cow$/, '');
    if (ctx.fs.exists(`${COWPATH}/${name}.cow`) || ctx.fs.exists(`${COWPATH}/${f}`)) cowText = COWS[name];
  }
  if (cowText === undefined) {
    await err(ctx, `${progname}: Could not find ${f} cowfile!\n`);
    return 2;
  }
  await out(ctx, cowsay(message, { think, eyes, tongue, cow: cowText }));
  return 0;
}

export const cowsayInfo: ProgramInfo = { name: 'cowsay@debian', program: cowsayMain };

/** The files the cowsay package installs besides the program (the cows). */
export function cowFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, t] of Object.entries(COWS)) {
    const body = t.replace(/\\/g, '\\\\').replace(/@/g, '\\@').replace(/\x01/g, '$thoughts').replace(/\x02\x03/g, '$eyes').replace(/\x04\x05/g, '$tongue');
    files[`${COWPATH}/${name}.cow`] = `$the_cow = <<EOC;\n${body}EOC\n`;
  }
  return files;
}

// ---------------------------------------------------------------------------------------------
// fortune

export const fortuneInfo: ProgramInfo = {
  name: 'fortune@debian',
  program: async (ctx) => {
    const text = readText(ctx, '/usr/share/games/fortunes/fortunes');
    if (text === undefined) {
      await err(ctx, 'No fortunes found\n');
      return 1;
    }
    const items = text.split(/^%\n/m).filter((s) => s.trim() !== '');
    const pick = items[ctx.kernel.ids.int('fortune', items.length)] ?? '';
    await out(ctx, pick.endsWith('\n') ? pick : pick + '\n');
    return 0;
  },
};
