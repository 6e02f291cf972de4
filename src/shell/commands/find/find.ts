/**
 * find (GNU findutils 4.9): paths, then an expression of tests and actions with -a/-o/!/( )
 * precedence. Tests: -name -iname -path -ipath -wholename -regex -type -maxdepth -mindepth -newer
 * -size -mtime -mmin -empty -user -group -uid -gid -perm -readable -writable -executable -true
 * -false; actions: -print -print0 -printf -ls -delete -exec/-execdir ... ; and + -ok -prune -quit.
 * Directory entries are visited in name order (a real disk's order is arbitrary).
 */
import { isSysError } from '../../../engine/core/errors';
import type { Stat } from '../../../engine/fs/types';
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { expandEscapes } from '../echo/echo';
import { globToRegex } from '../lib/glob';
import { abs, errText, Out } from '../lib/io';
import { localeQuote } from '../lib/quote';
import { trySpawn, waitChild } from '../lib/spawn';
import { UserDb } from '../lib/users';
import { modeString } from '../ls/ls';
import { applyMode } from '../lib/mode';
import { strftime } from '../lib/format';

class FindError extends Error {}

interface Item {
  /** The path as printed. */
  readonly path: string;
  readonly abs: string;
  readonly st: Stat;
  readonly depth: number;
  readonly start: string;
}

type Node =
  | { op: 'and' | 'or'; l: Node; r: Node }
  | { op: 'not'; e: Node }
  | { op: 'test'; fn: (it: Item) => boolean | Promise<boolean>; action?: boolean };

interface Batch {
  argv: string[];
  files: string[];
  dir?: string;
}

async function find(ctx: ProcessContext): Promise<number> {
  const args = ctx.argv.slice(1);
  const out = new Out(ctx.stdout);
  let status = 0;
  const warn = async (msg: string): Promise<void> => {
    await out.flush();
    await ctx.stderr.write(`find: ${msg}\n`);
  };
  // leading options -H -L -P
  let i = 0;
  let follow = false;
  while (i < args.length && /^-[HLP]$/.test(args[i]!)) follow = args[i++] === '-L';
  const paths: string[] = [];
  while (i < args.length && !args[i]!.startsWith('-') && args[i] !== '(' && args[i] !== '!') paths.push(args[i++]!);
  if (paths.length === 0) paths.push('.');
  const toks = args.slice(i);

  let maxDepth = Infinity;
  let minDepth = 0;
  let depthFirst = false;
  let hasAction = false;
  let quit = false;
  const batches: Batch[] = [];
  const db = new UserDb(ctx.fs);
  const now = ctx.kernel.clock.now();
  const pruned = new Set<string>();

  let p = 0;
  const need = (name: string): string => {
    const v = toks[p++];
    if (v === undefined) throw new FindError(`missing argument to \`${name}'`);
    return v;
  };
  const numArg = (name: string, v: string): { cmp: '+' | '-' | '='; n: number } => {
    const m = /^([+-]?)(\d+)$/.exec(v);
    if (!m) throw new FindError(`invalid argument \`${v}' to \`${name}'`);
    return { cmp: (m[1] || '=') as '+' | '-' | '=', n: Number(m[2]) };
  };
  const cmpNum = (c: { cmp: string; n: number }, v: number): boolean => (c.cmp === '+' ? v > c.n : c.cmp === '-' ? v < c.n : v === c.n);

  const primary = (): Node => {
    const t = toks[p++];
    if (t === undefined) throw new FindError('expected an expression');
    const test = (fn: (it: Item) => boolean | Promise<boolean>, action = false): Node => ({ op: 'test', fn, action });
    switch (t) {
      case '(': {
        const e = orExpr();
        if (toks[p] !== ')') throw new FindError("invalid expression; I was expecting to find a ')' somewhere but did not see one.");
        p++;
        return e;
      }
      case '!': case '-not':
        return { op: 'not', e: primary() };
      case '-name': case '-iname': {
        const re = globToRegex(need(t), { ignoreCase: t === '-iname' });
        return test((it) => re.test(baseName(it.path)));
      }
      case '-path': case '-ipath': case '-wholename': case '-iwholename': {
        const re = globToRegex(need(t), { ignoreCase: t.startsWith('-i') });
        return test((it) => re.test(it.path));
      }
      case '-regex': case '-iregex': {
        const re = new RegExp(`^(?:${need(t)})$`, t === '-iregex' ? 'i' : '');
        return test((it) => re.test(it.path));
      }
      case '-type': {
        const v = need(t);
        const types = v.split(',');
        for (const ty of types) if (!/^[fdlcbps]$/.test(ty)) throw new FindError(`Unknown argument to -type: ${ty}`);
        return test((it) => types.some((ty) => ({ f: 'file', d: 'dir', l: 'symlink', c: 'chardev' } as Record<string, string>)[ty] === it.st.type));
      }
      case '-maxdepth': case '-mindepth': {
        const v = need(t);
        if (!/^\d+$/.test(v)) throw new FindError(`Expected a positive decimal integer argument to ${t}, but got ${localeQuote(v)}`);
        if (t === '-maxdepth') maxDepth = Number(v);
        else minDepth = Number(v);
        return test(() => true);
      }
      case '-depth':
        depthFirst = true;
        return test(() => true);
      case '-newer': {
        const f = need(t);
        let ref: number;
        try {
          ref = ctx.fs.stat(abs(ctx, f)).mtime;
        } catch (e) {
          throw new FindError(`${localeQuote(f)}: ${errText(e)}`);
        }
        return test((it) => it.st.mtime > ref);
      }
      case '-size': {
        const v = need(t);
        const m = /^([+-]?)(\d+)([bcwkMG]?)$/.exec(v);
        if (!m) throw new FindError(`invalid -size type \`${v.replace(/^[+-]?\d*/, '')}'`);
        const unit = { b: 512, c: 1, w: 2, k: 1024, M: 1048576, G: 1073741824 }[m[3] || 'b'] ?? 512;
        const c = { cmp: (m[1] || '=') as '+' | '-' | '=', n: Number(m[2]) };
        return test((it) => cmpNum(c, Math.ceil(it.st.size / unit)));
      }
      case '-mtime': case '-mmin': case '-ctime': case '-cmin': case '-atime': case '-amin': {
        const c = numArg(t, need(t));
        const per = t.endsWith('min') ? 60000 : 86400000;
        return test((it) => cmpNum(c, Math.floor((now - it.st.mtime) / per)));
      }
      case '-empty':
        return test((it) => (it.st.type === 'dir' ? ctx.fs.readdir(it.abs).length === 0 : it.st.type === 'file' && it.st.size === 0));
      case '-user': {
        const v = need(t);
        const u = /^\d+$/.test(v) ? Number(v) : db.userByName(v)?.uid;
        if (u === undefined) throw new FindError(`${localeQuote(v)} is not the name of a known user`);
        return test((it) => it.st.uid === u);
      }
      case '-group': {
        const v = need(t);
        const g = /^\d+$/.test(v) ? Number(v) : db.groupByName(v)?.gid;
        if (g === undefined) throw new FindError(`${localeQuote(v)} is not the name of an existing group`);
        return test((it) => it.st.gid === g);
      }
      case '-uid': case '-gid': {
        const c = numArg(t, need(t));
        return test((it) => cmpNum(c, t === '-uid' ? it.st.uid : it.st.gid));
      }
      case '-perm': {
        const v = need(t);
        const kind = v[0] === '-' ? '-' : v[0] === '/' ? '/' : '=';
        const mode = applyMode(kind === '=' ? v : v.slice(1), 0, false, 0);
        if (mode === undefined) throw new FindError(`invalid mode ${localeQuote(v)}`);
        return test((it) => (kind === '=' ? (it.st.mode & 0o7777) === mode : kind === '-' ? (it.st.mode & mode) === mode : mode === 0 || (it.st.mode & mode) !== 0));
      }
      case '-readable': case '-writable': case '-executable': {
        const bit = t === '-readable' ? 4 : t === '-writable' ? 2 : 1;
        return test((it) => {
          const u = ctx.user;
          if (u.uid === 0) return bit !== 1 || (it.st.mode & 0o111) !== 0;
          if (it.st.uid === u.uid) return ((it.st.mode >> 6) & bit) !== 0;
          if (u.groups.includes(it.st.gid)) return ((it.st.mode >> 3) & bit) !== 0;
          return (it.st.mode & bit) !== 0;
        });
      }
      case '-true':
        return test(() => true);
      case '-false':
        return test(() => false);
      case '-print': case '-print0':
        hasAction = true;
        return test((it) => {
          out.write(it.path + (t === '-print0' ? '\0' : '\n'));
          return true;
        }, true);
      case '-printf': {
        hasAction = true;
        const fmt = need(t);
        return test((it) => {
          out.write(printfFind(fmt, it, db));
          return true;
        }, true);
      }
      case '-ls':
        hasAction = true;
        return test((it) => {
          const blocks = Math.ceil(it.st.size / 4096) * 4;
          out.write(`${String(it.st.ino).padStart(9)} ${String(blocks).padStart(6)} ${modeString(it.st)} ${String(it.st.nlink).padStart(3)} ${(db.userName(it.st.uid) ?? String(it.st.uid)).padEnd(8)} ${(db.groupName(it.st.gid) ?? String(it.st.gid)).padEnd(8)} ${String(it.st.size).padStart(8)} ${strftime('%b %e %H:%M', it.st.mtime)} ${it.path}\n`);
          return true;
        }, true);
      case '-delete':
        hasAction = true;
        depthFirst = true;
        return test(async (it) => {
          try {
            if (it.st.type === 'dir') ctx.fs.rmdir(it.abs);
            else ctx.fs.unlink(it.abs);
            return true;
          } catch (e) {
            await warn(`cannot delete ${localeQuote(it.path)}: ${errText(e)}`);
            status = 1;
            return false;
          }
        }, true);
      case '-prune':
        return test((it) => {
          if (it.st.type === 'dir') pruned.add(it.abs);
          return true;
        });
      case '-quit':
        return test(() => {
          quit = true;
          return true;
        });
      case '-exec': case '-execdir': case '-ok': case '-okdir': {
        hasAction = true;
        const cmd: string[] = [];
        let plus = false;
        for (;;) {
          const v = toks[p++];
          if (v === undefined) throw new FindError(`missing argument to \`${t}'`);
          if (v === ';') break;
          if (v === '+' && cmd[cmd.length - 1] === '{}') {
            plus = true;
            cmd.pop();
            break;
          }
          cmd.push(v);
        }
        if (cmd.length === 0) throw new FindError(`missing argument to \`${t}'`);
        const inDir = t.endsWith('dir');
        if (plus) {
          const batch: Batch = { argv: cmd, files: [] };
          batches.push(batch);
          return test((it) => {
            batch.files.push(inDir ? `./${baseName(it.path)}` : it.path);
            return true;
          }, true);
        }
        return test(async (it) => {
          const name = inDir ? `./${baseName(it.path)}` : it.path;
          const argv = cmd.map((x) => x.split('{}').join(name));
          const r = trySpawn(ctx, argv, inDir ? { cwd: parentOf(it.abs) } : {});
          if (!r.ok) {
            await warn(`‘${argv[0]}’: ${errText(r.error)}`);
            status = 1;
            return false;
          }
          await out.flush();
          return (await waitChild(ctx, r.proc)).status === 0;
        }, true);
      }
      default:
        if (t === ')') throw new FindError("you have too many ')'");
        if (t.startsWith('-')) throw new FindError(`unknown predicate \`${t}'`);
        throw new FindError(`paths must precede expression: \`${t}'`);
    }
  };
  const andExpr = (): Node => {
    let l = primary();
    for (;;) {
      const t = toks[p];
      if (t === '-a' || t === '-and') {
        p++;
        l = { op: 'and', l, r: primary() };
      } else if (t !== undefined && t !== '-o' && t !== '-or' && t !== ')' && t !== ',') {
        l = { op: 'and', l, r: primary() };
      } else return l;
    }
  };
  const orExpr = (): Node => {
    let l = andExpr();
    while (toks[p] === '-o' || toks[p] === '-or') {
      p++;
      l = { op: 'or', l, r: andExpr() };
    }
    return l;
  };

  let expr: Node | undefined;
  try {
    if (toks.length) {
      expr = orExpr();
      if (p < toks.length) {
        if (toks[p] === ')') throw new FindError("you have too many ')'");
        throw new FindError(`paths must precede expression: \`${toks[p]}'`);
      }
    }
  } catch (e) {
    if (e instanceof FindError) {
      await warn(e.message);
      return 1;
    }
    throw e;
  }
  if (!hasAction) {
    const printNode: Node = { op: 'test', fn: (it) => (out.write(`${it.path}\n`), true), action: true };
    expr = expr ? { op: 'and', l: expr, r: printNode } : printNode;
  }
  const evaluate = async (n: Node, it: Item): Promise<boolean> => {
    switch (n.op) {
      case 'and': return (await evaluate(n.l, it)) && evaluate(n.r, it);
      case 'or': return (await evaluate(n.l, it)) || evaluate(n.r, it);
      case 'not': return !(await evaluate(n.e, it));
      case 'test': return n.fn(it);
    }
  };

  const walk = async (path: string, absPath: string, depth: number, start: string, top: boolean): Promise<void> => {
    if (quit) return;
    await ctx.checkpoint();
    let st: Stat;
    try {
      st = follow || top ? ctx.fs.stat(absPath) : ctx.fs.lstat(absPath);
      if (top && !follow) {
        const l = ctx.fs.lstat(absPath);
        if (l.type === 'symlink') st = l;
      }
    } catch (e) {
      await warn(`${localeQuote(path)}: ${errText(e)}`);
      status = 1;
      return;
    }
    const it: Item = { path, abs: absPath, st, depth, start };
    if (!depthFirst && depth >= minDepth && depth <= maxDepth) await evaluate(expr!, it);
    if (st.type === 'dir' && depth < maxDepth && !pruned.has(absPath)) {
      let names: string[] = [];
      try {
        names = ctx.fs.readdir(absPath).map((d) => d.name);
      } catch (e) {
        if (isSysError(e)) {
          await warn(`${localeQuote(path)}: ${errText(e)}`);
          status = 1;
        }
      }
      for (const n of names) {
        if (quit) break;
        await walk(path.endsWith('/') ? `${path}${n}` : `${path}/${n}`, absPath === '/' ? `/${n}` : `${absPath}/${n}`, depth + 1, start, false);
      }
    }
    if (depthFirst && depth >= minDepth && depth <= maxDepth) await evaluate(expr!, it);
  };

  for (const start of paths) {
    if (quit) break;
    await walk(start, abs(ctx, start), 0, start, true);
  }
  for (const b of batches) {
    if (b.files.length === 0) continue;
    await out.flush();
    const r = trySpawn(ctx, [...b.argv, ...b.files]);
    if (!r.ok) {
      await warn(`‘${b.argv[0]}’: ${errText(r.error)}`);
      status = 1;
      continue;
    }
    if ((await waitChild(ctx, r.proc)).status !== 0) status = 1;
  }
  await out.flush();
  return status;
}

function baseName(p: string): string {
  const t = p.replace(/\/+$/, '');
  return t === '' ? '/' : t.slice(t.lastIndexOf('/') + 1);
}

function parentOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

function printfFind(fmt: string, it: Item, db: UserDb): string {
  const f = expandEscapes(fmt.replace(/\\0/g, '\\x00')).text;
  return f.replace(/%([-\d]*)([%pfhPsmugMdtkyi]|T.)/g, (_m, w: string, c: string) => {
    let v: string;
    switch (c[0]) {
      case '%': return '%';
      case 'p': v = it.path; break;
      case 'f': v = baseName(it.path); break;
      case 'h': { const i = it.path.lastIndexOf('/'); v = i < 0 ? '.' : it.path.slice(0, i) || '/'; break; }
      case 'P': v = it.path.slice(it.start.length).replace(/^\//, ''); break;
      case 's': v = String(it.st.size); break;
      case 'm': v = it.st.mode.toString(8); break;
      case 'M': v = modeString(it.st); break;
      case 'u': v = db.userName(it.st.uid) ?? String(it.st.uid); break;
      case 'g': v = db.groupName(it.st.gid) ?? String(it.st.gid); break;
      case 'd': v = String(it.depth); break;
      case 'k': v = String(Math.ceil(it.st.size / 4096) * 4); break;
      case 'y': v = it.st.type === 'dir' ? 'd' : it.st.type === 'symlink' ? 'l' : it.st.type === 'chardev' ? 'c' : 'f'; break;
      case 'i': v = String(it.st.ino); break;
      case 't': v = strftime('%a %b %e %H:%M:%S.%N0 %Y', it.st.mtime); break;
      case 'T': v = strftime(`%${c[1]}`, it.st.mtime); break;
      default: v = '';
    }
    if (!w) return v;
    const n = Number(w.replace('-', ''));
    return w.startsWith('-') ? v.padEnd(n) : v.padStart(n);
  });
}

export const findInfo: ProgramInfo = { name: 'find', program: find };
