/** `[[ ... ]]` and the `test` / `[` builtin, with bash's messages. */
import { CLASSES } from '../commands/lib/regex';
import { compareFiles, intCompare, runTest, unaryTest, type TestEnv } from '../commands/test/test';
import type { TestExpr, Word } from '../syntax/ast';
import { ArithError } from './arith';
import { expandPattern, expandString } from './expand';
import { matchPattern } from './pattern';
import type { Shell } from './shell';
import { VarError } from './vars';

/** What `test` and `[[ ]]` see of the shell: its files, fds, options and variables. */
export function shellTestEnv(sh: Shell): TestEnv {
  return {
    fs: sh.fs,
    cwd: sh.cwd,
    user: sh.ctx.user,
    isTTY: (fd) => {
      const e = sh.fds.get(fd);
      return !!(e?.read?.isTTY || e?.write?.isTTY);
    },
    optionOn: (name) => (sh.options as unknown as Record<string, boolean>)[name] === true,
    isSet: (arg) => {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[(.*)\])?$/.exec(arg);
      if (!m) return false;
      const v = sh.getVar(m[1]!);
      if (!v) return false;
      if (m[2] === undefined) return v.v.kind === 'scalar' ? v.v.value !== undefined : v.v.value.size > 0;
      if (v.v.kind === 'assoc') return v.v.value.has(m[2]);
      if (v.v.kind === 'indexed') return v.v.value.has(Number(m[2]));
      return m[2] === '0' && v.v.value !== undefined;
    },
  };
}

// ------------------------------------------------------------------ [[ ]]

class TestError {
  constructor(readonly status: number) {}
}

export async function evalTestExpr(sh: Shell, e: TestExpr): Promise<number> {
  try {
    return (await evalNode(sh, e)) ? 0 : 1;
  } catch (err) {
    if (err instanceof TestError) return err.status;
    throw err;
  }
}

async function str(sh: Shell, w: Word): Promise<string> {
  return expandString(sh, w, {});
}

async function evalNode(sh: Shell, e: TestExpr): Promise<boolean> {
  switch (e.type) {
    case 'TestWord':
      return (await str(sh, e.word)) !== '';
    case 'TestNot':
      return !(await evalNode(sh, e.expr));
    case 'TestAnd':
      return (await evalNode(sh, e.left)) && (await evalNode(sh, e.right));
    case 'TestOr':
      return (await evalNode(sh, e.left)) || (await evalNode(sh, e.right));
    case 'TestParen':
      return evalNode(sh, e.expr);
    case 'TestUnary':
      return unaryTest(shellTestEnv(sh), e.op, await str(sh, e.arg));
    case 'TestBinary': {
      const op = e.op;
      const left = await str(sh, e.left);
      if (op === '==' || op === '=' || op === '!=') {
        const pat = await expandPattern(sh, e.right);
        const m = matchPattern(pat, left, sh.shopts.get('nocasematch') ?? false);
        return op === '!=' ? !m : m;
      }
      if (op === '=~') {
        const src = await regexSource(sh, e.right);
        let re: RegExp;
        try {
          re = new RegExp(src, sh.shopts.get('nocasematch') ? 'i' : '');
        } catch {
          throw new TestError(2);
        }
        const m = re.exec(left);
        if (!m) {
          sh.setArray('BASH_REMATCH', []);
          return false;
        }
        sh.setArray('BASH_REMATCH', [...m].map((x) => x ?? ''));
        return true;
      }
      const right = await str(sh, e.right);
      if (op === '<') return left < right;
      if (op === '>') return left > right;
      if (op === '-nt' || op === '-ot' || op === '-ef') return compareFiles(shellTestEnv(sh), op, left, right);
      try {
        const a = sh.arith(left);
        const b = sh.arith(right);
        return intCompare(op, a, b);
      } catch (err) {
        if (err instanceof ArithError || err instanceof VarError) {
          await sh.error(err.message);
          throw new TestError(1);
        }
        throw err;
      }
    }
  }
}

/** The right side of `=~`: quoted parts match literally; POSIX classes become JS classes. */
async function regexSource(sh: Shell, w: Word): Promise<string> {
  let src = '';
  for (const p of w.parts) {
    if (p.type === 'Literal') src += p.value;
    else if (p.type === 'Param' || p.type === 'CommandSubst' || p.type === 'ArithSubst') {
      src += await expandString(sh, { type: 'Word', parts: [p], text: '' }, {});
    } else {
      const t = await expandString(sh, { type: 'Word', parts: [p], text: '' }, {});
      src += t.replace(/[\\^$.*+?()[\]{}|]/g, (c) => `\\${c}`);
    }
  }
  return src.replace(/\[:([a-z]+):\]/g, (m, name: string) => CLASSES[name] ?? m);
}

// ------------------------------------------------------------------ test / [

/** The `test` and `[` builtins. */
export async function testBuiltin(sh: Shell, argv: string[]): Promise<number> {
  const name = argv[0]!;
  const r = runTest(shellTestEnv(sh), name, argv.slice(1), sh.dialect === 'bash' ? 'bash' : 'dash');
  if (r.error !== undefined) await sh.builtinError(name, r.error);
  return r.status;
}

/** The `set -x` line of a `[[ ]]` command: operands expanded, as bash prints them. */
export async function traceTestExpr(sh: Shell, e: TestExpr): Promise<string> {
  switch (e.type) {
    case 'TestWord':
      return str(sh, e.word);
    case 'TestNot':
      return `! ${await traceTestExpr(sh, e.expr)}`;
    case 'TestAnd':
      return `${await traceTestExpr(sh, e.left)} && ${await traceTestExpr(sh, e.right)}`;
    case 'TestOr':
      return `${await traceTestExpr(sh, e.left)} || ${await traceTestExpr(sh, e.right)}`;
    case 'TestParen':
      return `( ${await traceTestExpr(sh, e.expr)} )`;
    case 'TestUnary':
      return `${e.op} ${await str(sh, e.arg)}`;
    case 'TestBinary':
      return `${await str(sh, e.left)} ${e.op} ${e.op === '==' || e.op === '!=' || e.op === '=' ? await expandPattern(sh, e.right) : await str(sh, e.right)}`;
  }
}
