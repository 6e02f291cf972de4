/**
 * Runs an exercise's checks against a session. Checks run in order on a fork of the learner's
 * world (never on the world itself) and the first failure wins; its message says what is wrong in
 * "expected X, found Y" form, in both languages.
 */
import type { Session } from '../session/types';
import type { Check, FileCheck, HistoryCheck, Lang, Localized, ObjectCheck, ShellCheck } from './schema';

import { lessonPath } from './paths';

export { LEARNER_HOME, lessonPath } from './paths';

export interface CheckResult {
  readonly passed: boolean;
  /** Why the exercise is not done, in both languages; undefined when it passed. */
  readonly messages: Localized | undefined;
  /** Index of the check that failed, or -1. */
  readonly failed: number;
}

/** Runs `checks` on a fork of `session`. Never throws, never changes the session. */
export async function runChecks(session: Session, checks: readonly Check[]): Promise<CheckResult> {
  const fork = session.fork();
  try {
    const history = readHistory(session);
    for (let i = 0; i < checks.length; i++) {
      const check = checks[i] as Check;
      let messages: Localized | undefined;
      try {
        messages = await runOne(fork, check, history);
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        messages = { en: `the check could not run: ${why}`, zh: `检查无法运行：${why}` };
      }
      if (messages) return { passed: false, messages, failed: i };
    }
    return { passed: true, messages: undefined, failed: -1 };
  } finally {
    fork.dispose();
  }
}

/** The message of a result in one language ("" when it passed). */
export function resultMessage(r: CheckResult, lang: Lang): string {
  return r.messages ? r.messages[lang] : '';
}

async function runOne(s: Session, c: Check, history: () => readonly string[]): Promise<Localized | undefined> {
  if ('file' in c) return fileCheck(s, c);
  if ('shell' in c) return shellCheck(s, c);
  if ('object' in c) return objectCheck(s, c);
  return historyCheck(c, history());
}

/** Fills `{name}` placeholders; a value may differ by language (e.g. "nothing" / "没有"). */
/** What `{found}` says when the field is not there at all. */
const NOTHING: Localized = { en: 'nothing', zh: '没有' };

function fill(m: Localized, vars: Record<string, string | Localized>): Localized {
  const f = (t: string, lang: keyof Localized) =>
    t.replace(/\{(\w+)\}/g, (all, k: string) => {
      const v = vars[k];
      return v === undefined ? all : typeof v === 'string' ? v : v[lang];
    });
  return { en: f(m.en, 'en'), zh: f(m.zh, 'zh') };
}

/** How a found text is quoted in a message: trailing space trimmed, one line, at most 60 chars. */
export function quoteFound(text: string): string {
  const t = text.replace(/\r\n/g, '\n').replace(/\s+$/, '');
  const lines = t.split('\n');
  let first = lines[0] ?? '';
  let cut = lines.length > 1;
  if ([...first].length > 60) {
    first = [...first].slice(0, 60).join('');
    cut = true;
  }
  return cut ? `${first}…` : first;
}

function fileCheck(s: Session, c: FileCheck): Localized | undefined {
  const abs = lessonPath(c.file);
  const shown = c.file.replace(/^~\//, '');
  const inHome = !c.file.startsWith('/');
  const custom = (m: Localized, found: string) => fill(c.message ?? m, { path: shown, found });
  const exists = s.fs.exists(abs);
  if (c.exists === false) {
    if (!exists) return undefined;
    return custom(
      inHome
        ? { en: `expected no file ${shown} in your home folder, found one`, zh: `主目录里不应该有 ${shown}，但它还在` }
        : { en: `expected no file ${shown}, found one`, zh: `不应该有 ${shown}，但它还在` },
      '',
    );
  }
  if (!exists) {
    return custom(
      inHome
        ? { en: `expected a file ${shown} in your home folder, found none`, zh: `主目录里应该有文件 ${shown}，但没有找到` }
        : { en: `expected a file ${shown}, found none`, zh: `应该有文件 ${shown}，但没有找到` },
      '',
    );
  }
  const st = s.fs.stat(abs);
  if (st.type === 'dir') {
    return custom({ en: `expected ${shown} to be a file, found a folder`, zh: `${shown} 应该是文件，但它是一个文件夹` }, '');
  }
  if (c.contains === undefined && c.equals === undefined) return undefined;
  const text = s.fs.readText(abs);
  const found = quoteFound(text);
  const foundEn = found === '' ? 'an empty file' : `“${found}”`;
  const foundZh = found === '' ? '文件是空的' : `实际内容是“${found}”`;
  if (c.equals !== undefined && normalizeText(text) !== normalizeText(c.equals)) {
    const want = normalizeText(c.equals).split('\n');
    const got = normalizeText(text).split('\n');
    if (want.length > 1 || got.length > 1) {
      // Name the first line that differs.
      let i = 0;
      while (i < want.length && want[i] === got[i]) i++;
      const w = want[i];
      const g = got[i];
      const n = i + 1;
      return custom(
        w === undefined
          ? { en: `expected ${shown} to end after line ${i}, found more: “${quoteFound(g ?? '')}”`, zh: `${shown} 应该在第 ${i} 行结束，但后面还有“${quoteFound(g ?? '')}”` }
          : g === undefined
            ? { en: `expected line ${n} of ${shown} to be “${quoteFound(w)}”, found the end of the file`, zh: `${shown} 的第 ${n} 行应该是“${quoteFound(w)}”，但文件在这里就结束了` }
            : { en: `expected line ${n} of ${shown} to be “${quoteFound(w)}”, found “${quoteFound(g)}”`, zh: `${shown} 的第 ${n} 行应该是“${quoteFound(w)}”，但实际是“${quoteFound(g)}”` },
        found,
      );
    }
    return custom(
      {
        en: `expected ${shown} to hold exactly “${quoteFound(c.equals)}”, found ${foundEn}`,
        zh: `${shown} 的内容应该正好是“${quoteFound(c.equals)}”，但${foundZh}`,
      },
      found,
    );
  }
  if (c.contains !== undefined && !text.replace(/\r\n/g, '\n').includes(c.contains)) {
    return custom(
      {
        en: `expected ${shown} to contain “${c.contains}”, found ${foundEn}`,
        zh: `${shown} 里应该有“${c.contains}”，但${foundZh}`,
      },
      found,
    );
  }
  return undefined;
}

function normalizeText(t: string): string {
  return t.replace(/\r\n/g, '\n').replace(/\s+$/, '');
}

async function shellCheck(s: Session, c: ShellCheck): Promise<Localized | undefined> {
  const r = await s.run(c.shell);
  const want = c.expectStatus ?? 0;
  if (r.status === want) return undefined;
  return fill(c.message, { output: r.output.replace(/\s+$/, ''), status: String(r.status) });
}

function historyCheck(c: HistoryCheck, typed: readonly string[]): Localized | undefined {
  const re = new RegExp(c.history);
  if (typed.some((line) => re.test(line))) return undefined;
  const m = c.message ?? {
    en: 'expected a command matching /{pattern}/ among the commands you typed, found none',
    zh: '你输入过的命令里应该有一条符合 /{pattern}/，但没有找到',
  };
  return fill(m, { pattern: c.history });
}

/** The commands the learner typed at a terminal (aliases expanded), read once per check run. */
function readHistory(session: Session): () => readonly string[] {
  let cached: readonly string[] | undefined;
  return () => (cached ??= session.typedHistory());
}

type PathKey = string | number;

/** `State.Status`, `spec.containers[0].image`, `metadata.labels["app.kubernetes.io/name"]`. */
export function parseFieldPath(path: string): PathKey[] {
  const keys: PathKey[] = [];
  const re = /([^.[\]"]+)|\[(\d+)\]|\["([^"]+)"\]/g;
  for (const m of path.matchAll(re)) keys.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : (m[3] as string)));
  return keys;
}

function getField(value: unknown, keys: readonly PathKey[]): { found: boolean; value: unknown } {
  let v = value;
  for (const k of keys) {
    if (typeof k === 'number') {
      if (!Array.isArray(v) || k >= v.length) return { found: false, value: undefined };
      v = v[k];
    } else {
      if (typeof v !== 'object' || v === null || Array.isArray(v) || !Object.prototype.hasOwnProperty.call(v, k)) {
        return { found: false, value: undefined };
      }
      v = (v as Record<string, unknown>)[k];
    }
  }
  return { found: v !== undefined, value: v };
}

/** How a value is shown in a message: texts in quotes, the rest as JSON, one line, shortened. */
export function showValue(v: unknown): string {
  if (typeof v === 'string') return `“${quoteFound(v)}”`;
  const json = JSON.stringify(v) ?? String(v);
  return quoteFound(json);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if ((typeof a === 'number' || typeof a === 'string') && (typeof b === 'number' || typeof b === 'string')) {
    return String(a) === String(b);
  }
  return a === b;
}

function textOf(v: unknown): string {
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
}

function sizeOf(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (Array.isArray(v)) return v.length;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}

function objectCheck(s: Session, c: ObjectCheck): Localized | undefined {
  const kind = s.state(c.object);
  if (!kind) throw new Error(`nothing in this world has objects of kind "${c.object}"`);
  const label = kind.label;
  const obj = kind.get(c.name);
  const name = c.name;
  const vars = (expected: string, found: string | Localized) => ({ name, field: c.field ?? '', expected, found });
  const custom = (m: Localized, expected = '', found: string | Localized = '') => fill(c.message ?? m, vars(expected, found));
  const wantAbsent = c.exists === false;
  if (c.field === undefined) {
    if (obj === undefined && !wantAbsent) {
      return custom({ en: `expected a ${label.en} ${name}, found none`, zh: `应该有${label.zh} ${name}，但没有找到` });
    }
    if (obj !== undefined && wantAbsent) {
      return custom({ en: `expected no ${label.en} ${name}, found one`, zh: `不应该有${label.zh} ${name}，但它还在` });
    }
    return undefined;
  }
  if (obj === undefined) {
    if (wantAbsent) return undefined;
    return custom({ en: `expected a ${label.en} ${name}, found none`, zh: `应该有${label.zh} ${name}，但没有找到` });
  }
  const field = c.field;
  const got = getField(obj, parseFieldPath(field));
  const subject = { en: `${field} of ${label.en} ${name}`, zh: `${label.zh} ${name} 的 ${field}` };
  if (wantAbsent) {
    if (!got.found) return undefined;
    return custom(
      { en: `expected ${label.en} ${name} to have no ${field}, found ${showValue(got.value)}`, zh: `${label.zh} ${name} 不应该有 ${field}，但实际是 ${showValue(got.value)}` },
      '',
      showValue(got.value),
    );
  }
  const foundText = got.found ? showValue(got.value) : '';
  const foundEn = got.found ? foundText : 'nothing';
  const foundZh = got.found ? `实际是 ${foundText}` : '没有这一项';
  const fail = (wantEn: string, wantZh: string, expected: string) =>
    custom({ en: `expected ${subject.en} ${wantEn}, found ${foundEn}`, zh: `${subject.zh} ${wantZh}，但${foundZh}` }, expected, got.found ? foundText : NOTHING);
  if (!got.found) {
    const ops = ['equals', 'contains', 'matches', 'oneOf', 'atLeast', 'atMost'] as const;
    if (!ops.some((k) => c[k] !== undefined)) return fail('to be set', '应该有值', '');
  }
  const v = got.value;
  if (c.equals !== undefined && !(got.found && sameValue(v, c.equals))) {
    const e = showValue(c.equals);
    return fail(`to be ${e}`, `应该是 ${e}`, e);
  }
  if (c.contains !== undefined) {
    const ok = got.found && (Array.isArray(v) ? v.some((x) => sameValue(x, c.contains)) : textOf(v).includes(String(c.contains)));
    if (!ok) {
      const e = showValue(c.contains);
      return fail(`to contain ${e}`, `里应该有 ${e}`, e);
    }
  }
  if (c.matches !== undefined && !(got.found && new RegExp(c.matches).test(textOf(v)))) {
    return fail(`to match /${c.matches}/`, `应该符合 /${c.matches}/`, `/${c.matches}/`);
  }
  if (c.oneOf !== undefined && !(got.found && c.oneOf.some((x) => sameValue(v, x)))) {
    const e = c.oneOf.map(showValue).join(', ');
    return fail(`to be one of ${e}`, `应该是 ${c.oneOf.map(showValue).join('、')} 之一`, e);
  }
  const n = got.found ? sizeOf(v) : undefined;
  const items = Array.isArray(v);
  if (c.atLeast !== undefined && !(n !== undefined && n >= c.atLeast)) {
    return items
      ? fail(`to have at least ${c.atLeast} items (it has ${n ?? 0})`, `应该至少有 ${c.atLeast} 项（现在有 ${n ?? 0} 项）`, String(c.atLeast))
      : fail(`to be at least ${c.atLeast}`, `应该至少是 ${c.atLeast}`, String(c.atLeast));
  }
  if (c.atMost !== undefined && !(n !== undefined && n <= c.atMost)) {
    return items
      ? fail(`to have at most ${c.atMost} items (it has ${n ?? 0})`, `最多应该有 ${c.atMost} 项（现在有 ${n ?? 0} 项）`, String(c.atMost))
      : fail(`to be at most ${c.atMost}`, `最多应该是 ${c.atMost}`, String(c.atMost));
  }
  return undefined;
}
