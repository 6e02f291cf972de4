/**
 * ls, as GNU coreutils 9.1 prints it under C.UTF-8: columns laid out exactly as ls.c's
 * calculate_columns does (tabs of 8 between columns), long format with GNU's column widths and
 * dates, shell-escape quoting on a terminal, LS_COLORS colours.
 */
import { isSysError, SysError } from '../../../engine/core/errors';
import { resolvePath } from '../../../engine/fs/path';
import type { Stat } from '../../../engine/fs/types';
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { completeFlags, parse, type ArgSpec } from '../args';
import { compareC, humanSize, MONTHS, width } from '../lib/format';
import { errText, Out, termCols } from '../lib/io';
import { localeQuote, quoteAlways, quoteIfNeeded } from '../lib/quote';
import { UserDb } from '../lib/users';
import { parseLsColors, type LsColors } from './colors';

const SPEC: ArgSpec = {
  name: 'ls',
  usageStatus: 2,
  options: [
    { key: 'all', short: 'a', long: 'all' },
    { key: 'almost', short: 'A', long: 'almost-all' },
    { key: 'long', short: 'l' },
    { key: 'human', short: 'h', long: 'human-readable' },
    { key: 'si', long: 'si' },
    { key: 'one', short: '1' },
    { key: 'cols', short: 'C' },
    { key: 'across', short: 'x' },
    { key: 'commas', short: 'm' },
    { key: 'recursive', short: 'R', long: 'recursive' },
    { key: 'directory', short: 'd', long: 'directory' },
    { key: 'time', short: 't' },
    { key: 'reverse', short: 'r', long: 'reverse' },
    { key: 'size', short: 'S' },
    { key: 'unsorted', short: 'U' },
    { key: 'unsortedAll', short: 'f' },
    { key: 'ext', short: 'X' },
    { key: 'version', short: 'v' },
    { key: 'classify', short: 'F' },
    { key: 'classify', long: 'classify', arg: 'optional' },
    { key: 'slash', short: 'p' },
    { key: 'inode', short: 'i', long: 'inode' },
    { key: 'blocks', short: 's', long: 'size' },
    { key: 'numeric', short: 'n', long: 'numeric-uid-gid' },
    { key: 'noOwner', short: 'g' },
    { key: 'noGroup', short: 'o' },
    { key: 'noGroupCol', short: 'G', long: 'no-group' },
    { key: 'deref', short: 'L', long: 'dereference' },
    { key: 'literal', short: 'N', long: 'literal' },
    { key: 'quoteName', short: 'Q', long: 'quote-name' },
    { key: 'width', short: 'w', long: 'width', arg: 'required' },
    { key: 'color', long: ['color', 'colour'], arg: 'optional' },
    { key: 'groupDirs', long: 'group-directories-first' },
    { key: 'fullTime', long: 'full-time' },
    { key: 'help', long: 'help' },
    { key: 'versionInfo', long: 'version' },
  ],
};

interface Entry {
  /** Name as listed (a base name, or the operand as given). */
  readonly name: string;
  readonly path: string;
  readonly st: Stat;
  /** For symlinks: the target text and the target's stat when it resolves. */
  readonly target?: string;
  readonly targetSt?: Stat;
}

interface Options {
  all: boolean;
  almost: boolean;
  format: 'long' | 'one' | 'columns' | 'across' | 'commas';
  human: false | 'iec' | 'si';
  recursive: boolean;
  directory: boolean;
  sort: 'name' | 'time' | 'size' | 'none' | 'ext' | 'version';
  reverse: boolean;
  indicator: 'none' | 'slash' | 'classify';
  inode: boolean;
  blocks: boolean;
  numeric: boolean;
  owner: boolean;
  group: boolean;
  deref: boolean;
  quoting: 'shell' | 'literal' | 'c';
  color: LsColors | undefined;
  lineWidth: number;
  groupDirs: boolean;
  fullTime: boolean;
}

const HALF_YEAR_MS = (31556952 / 2) * 1000;

export const lsSpec = SPEC;

async function ls(ctx: ProcessContext): Promise<number> {
  const a = await parse(ctx, SPEC);
  if (typeof a === 'number') return a;
  if (a.has('versionInfo')) {
    await ctx.stdout.write('ls (GNU coreutils) 9.1\n');
    return 0;
  }
  const tty = ctx.stdout.isTTY;
  const colorOpt = [...a.opts].reverse().find((x) => x.key === 'color');
  let color = false;
  if (colorOpt) {
    const colorArg = colorOpt.value ?? 'always';
    const v = matchArg(colorArg, {
      always: 'always', yes: 'always', force: 'always', never: 'never', no: 'never', none: 'never', auto: 'auto', tty: 'auto', 'if-tty': 'auto',
    });
    if (v === undefined) {
      await ctx.stderr.write(
        `ls: invalid argument ${localeQuote(colorArg)} for ${localeQuote('--color')}\nValid arguments are:\n  - ‘always’, ‘yes’, ‘force’\n  - ‘never’, ‘no’, ‘none’\n  - ‘auto’, ‘tty’, ‘if-tty’\nTry 'ls --help' for more information.\n`,
      );
      return 1;
    }
    color = v === 'always' || (v === 'auto' && tty);
  }
  let lineWidth = termCols(ctx);
  const w = a.get('width');
  if (w !== undefined) {
    if (!/^\d+$/.test(w)) {
      await ctx.stderr.write(`ls: invalid line width: ${localeQuote(w)}\n`);
      return 2;
    }
    lineWidth = Number(w);
  }
  const fmtKey = a.lastOf('long', 'one', 'cols', 'across', 'commas', 'noOwner', 'noGroup', 'fullTime');
  let format: Options['format'] = tty ? 'columns' : 'one';
  if (fmtKey === 'long' || fmtKey === 'noOwner' || fmtKey === 'noGroup' || fmtKey === 'fullTime') format = 'long';
  else if (fmtKey === 'one') format = 'one';
  else if (fmtKey === 'cols') format = 'columns';
  else if (fmtKey === 'across') format = 'across';
  else if (fmtKey === 'commas') format = 'commas';
  const sortKey = a.lastOf('time', 'size', 'unsorted', 'unsortedAll', 'ext', 'version');
  const sort: Options['sort'] =
    sortKey === 'time' ? 'time' : sortKey === 'size' ? 'size' : sortKey === 'unsorted' || sortKey === 'unsortedAll' ? 'none' : sortKey === 'ext' ? 'ext' : sortKey === 'version' ? 'version' : 'name';
  const classify = a.get('classify');
  const o: Options = {
    all: a.has('all') || a.has('unsortedAll'),
    almost: a.has('almost'),
    format,
    human: a.has('si') ? 'si' : a.has('human') ? 'iec' : false,
    recursive: a.has('recursive'),
    directory: a.has('directory'),
    sort,
    reverse: a.has('reverse'),
    indicator: a.has('classify') && (classify === '' || classify === 'always' || (classify === 'auto' && tty)) ? 'classify' : a.has('slash') ? 'slash' : 'none',
    inode: a.has('inode'),
    blocks: a.has('blocks'),
    numeric: a.has('numeric'),
    owner: !a.has('noOwner'),
    group: !a.has('noGroup') && !a.has('noGroupCol'),
    deref: a.has('deref'),
    quoting: a.has('quoteName') ? 'c' : a.has('literal') || !tty ? 'literal' : 'shell',
    color: color ? parseLsColors(ctx.env.get('LS_COLORS')) : undefined,
    lineWidth,
    groupDirs: a.has('groupDirs'),
    fullTime: a.has('fullTime'),
  };
  return new Lister(ctx, o).run(a.operands);
}

function matchArg(v: string, table: Record<string, string>): string | undefined {
  if (table[v]) return table[v];
  const c = Object.keys(table).filter((k) => k.startsWith(v));
  const vals = new Set(c.map((k) => table[k]));
  return v !== '' && vals.size === 1 ? [...vals][0] : undefined;
}

class Lister {
  private readonly out: Out;
  private status = 0;
  private usedColor = false;
  private readonly users: UserDb;
  private firstBlock = true;
  private readonly now: number;

  constructor(
    private readonly ctx: ProcessContext,
    private readonly o: Options,
  ) {
    this.out = new Out(ctx.stdout);
    this.users = new UserDb(ctx.fs);
    this.now = ctx.kernel.clock.now();
  }

  async run(operands: string[]): Promise<number> {
    const ops = operands.length ? operands : ['.'];
    const files: Entry[] = [];
    const dirs: Entry[] = [];
    const followCmdline = this.o.deref || !(this.o.format === 'long' || this.o.directory || this.o.indicator === 'classify');
    for (const name of ops) {
      const path = resolvePath(this.ctx.cwd, name);
      let e: Entry;
      try {
        e = this.entry(name, path, this.o.deref);
      } catch (err) {
        await this.err(`cannot access ${quoteAlways(name)}: ${errText(err)}`, 2);
        continue;
      }
      let isDir = e.st.type === 'dir';
      if (e.st.type === 'symlink' && followCmdline && e.targetSt?.type === 'dir') isDir = true;
      if (isDir && !this.o.directory) dirs.push(e);
      else files.push(e);
    }
    this.sortEntries(files);
    this.sortEntries(dirs);
    if (files.length) {
      await this.listBlock(files, false);
      this.firstBlock = false;
    }
    const showNames = ops.length > 1 || this.o.recursive;
    for (const d of dirs) await this.listDir(d.name, d.path, showNames);
    await this.out.flush();
    return this.status;
  }

  private async err(msg: string, status: number): Promise<void> {
    await this.out.flush();
    await this.ctx.stderr.write(`ls: ${msg}\n`);
    this.status = Math.max(this.status, status);
  }

  private entry(name: string, path: string, deref: boolean): Entry {
    const fs = this.ctx.fs;
    const lst = deref ? fs.stat(path) : fs.lstat(path);
    if (lst.type !== 'symlink') return { name, path, st: lst };
    let targetSt: Stat | undefined;
    try {
      targetSt = fs.stat(path);
    } catch {
      targetSt = undefined;
    }
    return { name, path, st: lst, target: fs.readlink(path), targetSt };
  }

  private async listDir(name: string, path: string, showName: boolean): Promise<void> {
    await this.ctx.checkpoint();
    let names: string[];
    try {
      names = this.ctx.fs.readdir(path).map((d) => d.name);
      if (this.ctx.fs.stat(path).type !== 'dir') throw new SysError('ENOTDIR', path);
    } catch (e) {
      if (!this.firstBlock) this.out.write('\n');
      this.firstBlock = false;
      await this.err(`cannot open directory ${quoteAlways(name)}: ${errText(e)}`, 2);
      return;
    }
    const entries: Entry[] = [];
    if (this.o.all) {
      entries.push(this.entry('.', path, false));
      entries.push(this.entry('..', resolvePath(path, '..'), false));
    }
    for (const n of names) {
      if (n.startsWith('.') && !this.o.all && !this.o.almost) continue;
      const p = path === '/' ? `/${n}` : `${path}/${n}`;
      try {
        entries.push(this.entry(n, p, this.o.deref));
      } catch (e) {
        if (isSysError(e)) await this.err(`cannot access ${quoteAlways(joinName(name, n))}: ${e.strerror}`, 1);
      }
    }
    this.sortEntries(entries);
    if (!this.firstBlock) this.out.write('\n');
    this.firstBlock = false;
    if (showName) this.out.write(`${this.quoteName(name)}:\n`);
    await this.listBlock(entries, true);
    await this.out.maybeFlush();
    if (this.o.recursive) {
      for (const e of entries) {
        if (e.name === '.' || e.name === '..' || e.st.type !== 'dir') continue;
        await this.listDir(joinName(name, e.name), e.path, true);
      }
    }
  }

  private sortEntries(list: Entry[]): void {
    const o = this.o;
    if (o.sort === 'none') return;
    const byName = (x: Entry, y: Entry): number => compareC(x.name, y.name);
    let cmp: (x: Entry, y: Entry) => number;
    switch (o.sort) {
      case 'time':
        cmp = (x, y) => y.st.mtime - x.st.mtime || byName(x, y);
        break;
      case 'size':
        cmp = (x, y) => y.st.size - x.st.size || byName(x, y);
        break;
      case 'ext':
        cmp = (x, y) => compareC(extOf(x.name), extOf(y.name)) || byName(x, y);
        break;
      case 'version':
        cmp = (x, y) => versionCompare(x.name, y.name);
        break;
      default:
        cmp = byName;
    }
    const final = o.reverse ? (x: Entry, y: Entry) => -cmp(x, y) : cmp;
    list.sort(final);
    if (o.groupDirs) {
      const isDir = (e: Entry): boolean => e.st.type === 'dir' || (e.st.type === 'symlink' && e.targetSt?.type === 'dir');
      const d = list.filter(isDir);
      const f = list.filter((e) => !isDir(e));
      list.splice(0, list.length, ...d, ...f);
    }
  }

  private quoteName(name: string): string {
    if (this.o.quoting === 'literal') return name;
    if (this.o.quoting === 'c') return JSON.stringify(name);
    return quoteIfNeeded(name);
  }

  private indicator(st: Stat | undefined, isLinkItself: boolean): string {
    if (this.o.indicator === 'none' || !st) return '';
    if (st.type === 'dir') return '/';
    if (this.o.indicator === 'slash') return '';
    if (isLinkItself || st.type === 'symlink') return '@';
    if (st.type === 'file' && (st.mode & 0o111) !== 0) return '*';
    return '';
  }

  private colorOf(e: { name: string; st: Stat | undefined; broken?: boolean }): string | undefined {
    const c = this.o.color;
    if (!c) return undefined;
    const st = e.st;
    if (!st) return c.types.get('or') ?? c.types.get('ln');
    const t = c.types;
    switch (st.type) {
      case 'dir': {
        const sticky = (st.mode & 0o1000) !== 0;
        const ow = (st.mode & 0o002) !== 0;
        if (sticky && ow && t.get('tw')) return t.get('tw');
        if (ow && t.get('ow')) return t.get('ow');
        if (sticky && t.get('st')) return t.get('st');
        return t.get('di');
      }
      case 'symlink':
        if (e.broken && t.get('or')) return t.get('or');
        return t.get('ln');
      case 'chardev':
        return t.get('cd');
      default:
        break;
    }
    if (st.mode & 0o4000 && t.get('su')) return t.get('su');
    if (st.mode & 0o2000 && t.get('sg')) return t.get('sg');
    if (st.mode & 0o111 && t.get('ex')) return t.get('ex');
    const lower = e.name.toLowerCase();
    for (const [suffix, code] of c.exts) if (lower.endsWith(suffix)) return code;
    return undefined;
  }

  private paint(text: string, code: string | undefined): string {
    if (code === undefined || code === '' || code === '0' || code === '00') return text;
    return `\x1b[${code}m${text}\x1b[0m`;
  }

  /** Writes a line; the first colour printed is preceded by a reset, as GNU ls does. */
  private emit(line: string): void {
    if (this.o.color && !this.usedColor) {
      const i = line.indexOf('\x1b[');
      if (i >= 0) {
        this.usedColor = true;
        line = `${line.slice(0, i)}\x1b[0m${line.slice(i)}`;
      }
    }
    this.out.write(line);
  }

  private blocksOf(st: Stat): number {
    if (st.type === 'symlink' || st.type === 'chardev') return 0;
    return Math.ceil(st.size / 4096) * 4;
  }

  private async listBlock(entries: Entry[], isDir: boolean): Promise<void> {
    const o = this.o;
    const shown = entries.map((e) => this.quoteName(e.name));
    const anyQuoted = o.quoting === 'shell' && o.format !== 'one' && o.format !== 'commas' && shown.some((s, i) => s !== entries[i]!.name);
    const names = shown.map((s, i) => (anyQuoted && s === entries[i]!.name ? ` ${s}` : s));
    const inodeW = o.inode ? Math.max(0, ...entries.map((e) => String(e.st.ino).length)) : 0;
    const blocksText = entries.map((e) => (o.human ? humanSize(this.blocksOf(e.st) * 1024, o.human === 'si') : String(this.blocksOf(e.st))));
    const blocksW = o.blocks ? Math.max(0, ...blocksText.map((b) => b.length)) : 0;
    if (isDir && (o.format === 'long' || o.blocks)) {
      const total = entries.reduce((s, e) => s + this.blocksOf(e.st), 0);
      this.out.write(`total ${o.human ? humanSize(total * 1024, o.human === 'si') : total}\n`);
    }
    if (o.format === 'long') return this.long(entries, names, inodeW, blocksText, blocksW);
    const cells = entries.map((e, i) => {
      const ind = this.indicator(e.st.type === 'symlink' ? e.st : e.st, false);
      const painted = this.paint(names[i]!, this.colorOf({ name: e.name, st: e.st, broken: e.st.type === 'symlink' && !e.targetSt }));
      let prefix = '';
      if (o.inode) prefix += `${String(e.st.ino).padStart(inodeW)} `;
      if (o.blocks) prefix += `${blocksText[i]!.padStart(blocksW)} `;
      return { text: prefix + painted + ind, width: width(prefix) + width(names[i]!) + ind.length };
    });
    if (o.format === 'one') {
      for (const c of cells) this.emit(`${c.text}\n`);
      return;
    }
    if (o.format === 'commas') {
      let pos = 0;
      for (let i = 0; i < cells.length; i++) {
        const c = cells[i]!;
        const sep = i < cells.length - 1 ? ',' : '';
        if (i > 0) {
          if (pos + 1 + c.width + sep.length > o.lineWidth && o.lineWidth > 0) {
            this.out.write('\n');
            pos = 0;
          } else {
            this.out.write(' ');
            pos++;
          }
        }
        this.emit(c.text + sep);
        pos += c.width + sep.length;
      }
      if (cells.length) this.out.write('\n');
      return;
    }
    this.columns(cells, o.format === 'columns');
  }

  /** ls.c's calculate_columns and print_many_per_line / print_horizontal. */
  private columns(cells: Array<{ text: string; width: number }>, byColumns: boolean): void {
    const n = cells.length;
    if (n === 0) return;
    const lineLength = this.o.lineWidth;
    const MIN = 3;
    const maxIdx = lineLength === 0 ? n : Math.max(1, Math.floor(lineLength / MIN));
    const maxCols = Math.min(maxIdx, n);
    const info = Array.from({ length: maxCols }, (_, i) => ({ valid: true, lineLen: (i + 1) * MIN, arr: new Array<number>(i + 1).fill(MIN) }));
    for (let f = 0; f < n; f++) {
      const len = cells[f]!.width;
      for (let i = 0; i < maxCols; i++) {
        const ci = info[i]!;
        if (!ci.valid) continue;
        const idx = byColumns ? Math.floor(f / Math.floor((n + i) / (i + 1))) : f % (i + 1);
        const real = len + (idx === i ? 0 : 2);
        if (ci.arr[idx]! < real) {
          ci.lineLen += real - ci.arr[idx]!;
          ci.arr[idx] = real;
          ci.valid = lineLength === 0 || ci.lineLen < lineLength;
        }
      }
    }
    let cols = maxCols;
    while (cols > 1 && !info[cols - 1]!.valid) cols--;
    const fmt = info[cols - 1]!.arr;
    // GNU ls pads with tabs, except when it colours
    const tabs = !this.o.color;
    const indent = (from: number, to: number): string => {
      let s = '';
      while (from < to) {
        if (tabs && Math.floor(to / 8) > Math.floor((from + 1) / 8)) {
          s += '\t';
          from += 8 - (from % 8);
        } else {
          s += ' ';
          from++;
        }
      }
      return s;
    };
    if (byColumns) {
      const rows = Math.ceil(n / cols);
      for (let row = 0; row < rows; row++) {
        let col = 0;
        let f = row;
        let pos = 0;
        let line = '';
        for (;;) {
          const c = cells[f]!;
          const maxLen = fmt[col++]!;
          line += c.text;
          f += rows;
          if (f >= n) break;
          line += indent(pos + c.width, pos + maxLen);
          pos += maxLen;
        }
        this.emit(`${line}\n`);
      }
    } else {
      let pos = 0;
      let line = '';
      for (let f = 0; f < n; f++) {
        const c = cells[f]!;
        const col = f % cols;
        if (f > 0) {
          if (col === 0) {
            this.emit(`${line}\n`);
            line = '';
            pos = 0;
          } else {
            const prev = cells[f - 1]!;
            const maxLen = fmt[col - 1]!;
            line += indent(pos + prev.width, pos + maxLen);
            pos += maxLen;
          }
        }
        line += c.text;
      }
      this.emit(`${line}\n`);
    }
  }

  private long(entries: Entry[], names: string[], inodeW: number, blocksText: string[], blocksW: number): void {
    const o = this.o;
    const rows = entries.map((e) => {
      const st = e.st;
      const owner = o.numeric ? String(st.uid) : (this.users.userName(st.uid) ?? String(st.uid));
      const group = o.numeric ? String(st.gid) : (this.users.groupName(st.gid) ?? String(st.gid));
      let size: string;
      if (st.type === 'chardev') size = deviceNumbers(e.path);
      else size = o.human ? humanSize(st.size, o.human === 'si') : String(st.size);
      return { mode: modeString(st), links: String(st.nlink), owner, group, size, date: this.date(st.mtime) };
    });
    const wl = Math.max(...rows.map((r) => r.links.length));
    const wo = Math.max(...rows.map((r) => r.owner.length));
    const wg = Math.max(...rows.map((r) => r.group.length));
    const ws = Math.max(...rows.map((r) => r.size.length));
    entries.forEach((e, i) => {
      const r = rows[i]!;
      let line = '';
      if (o.inode) line += `${String(e.st.ino).padStart(inodeW)} `;
      if (o.blocks) line += `${blocksText[i]!.padStart(blocksW)} `;
      line += `${r.mode} ${r.links.padStart(wl)} `;
      if (o.owner) line += `${r.owner.padEnd(wo)} `;
      if (o.group) line += `${r.group.padEnd(wg)} `;
      line += `${r.size.padStart(ws)} ${r.date} `;
      const broken = e.st.type === 'symlink' && !e.targetSt;
      line += this.paint(names[i]!, this.colorOf({ name: e.name, st: e.st, broken }));
      if (e.target !== undefined) {
        // GNU ls looks at what a link points to only when LS_COLORS colours orphans
        const c = this.o.color;
        const checkTargets = c !== undefined && (nonEmpty(c.types.get('or')) || nonEmpty(c.types.get('mi')));
        const targetColor = !checkTargets ? undefined : e.targetSt ? this.colorOf({ name: e.target, st: e.targetSt }) : (c.types.get('or') ?? c.types.get('ln'));
        line += ` -> ${this.paint(this.quoteName(e.target), targetColor)}${e.targetSt && this.o.indicator === 'classify' ? this.indicator(e.targetSt, false) : ''}`;
      } else {
        line += this.indicator(e.st, false);
      }
      this.emit(`${line}\n`);
    });
  }

  private date(mtime: number): string {
    const d = new Date(mtime);
    if (this.o.fullTime) {
      const p = (n: number, w = 2): string => String(n).padStart(w, '0');
      return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p((mtime % 1000) * 1000000, 9)} +0000`;
    }
    const mon = MONTHS[d.getUTCMonth()]!;
    const day = String(d.getUTCDate()).padStart(2, ' ');
    const recent = mtime > this.now - HALF_YEAR_MS && mtime <= this.now;
    if (recent) return `${mon} ${day} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
    return `${mon} ${day}  ${d.getUTCFullYear()}`;
  }
}

function nonEmpty(code: string | undefined): boolean {
  return code !== undefined && code !== '' && code !== '0' && code !== '00';
}

function joinName(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

function extOf(name: string): string {
  const i = name.lastIndexOf('.');
  return i > 0 ? name.slice(i) : '';
}

/** GNU filevercmp, simplified: digit runs compare numerically. */
export function versionCompare(a: string, b: string): number {
  const re = /(\d+|\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (/^\d/.test(x) && /^\d/.test(y)) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
    } else if (x !== y) return compareC(x, y);
  }
  return pa.length - pb.length;
}

/** The 10-character mode string: type, rwx triplets with setuid/setgid/sticky. */
export function modeString(st: Pick<Stat, 'type' | 'mode'>): string {
  const t = st.type === 'dir' ? 'd' : st.type === 'symlink' ? 'l' : st.type === 'chardev' ? 'c' : '-';
  const m = st.mode;
  const trip = (shift: number, special: number, ch: string): string => {
    const r = m & (4 << shift) ? 'r' : '-';
    const w = m & (2 << shift) ? 'w' : '-';
    const x = m & (1 << shift);
    const s = m & special;
    const xc = s ? (x ? ch : ch.toUpperCase()) : x ? 'x' : '-';
    return r + w + xc;
  };
  return t + trip(6, 0o4000, 's') + trip(3, 0o2000, 's') + trip(0, 0o1000, 't');
}

const DEVICES: Record<string, string> = {
  '/dev/null': '1, 3',
  '/dev/zero': '1, 5',
  '/dev/full': '1, 7',
  '/dev/random': '1, 8',
  '/dev/urandom': '1, 9',
  '/dev/tty': '5, 0',
  '/dev/console': '5, 1',
  '/dev/ptmx': '5, 2',
};

function deviceNumbers(path: string): string {
  const pts = /^\/dev\/pts\/(\d+)$/.exec(path);
  if (pts) return `136, ${pts[1]}`;
  return DEVICES[path] ?? '1, 3';
}

export const lsInfo: ProgramInfo = { name: 'ls', program: ls, complete: completeFlags(SPEC) };
