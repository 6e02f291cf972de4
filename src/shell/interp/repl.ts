/**
 * The interactive shell: rc files, prompts (PS1/PS2 with bash's escapes), history and history
 * expansion, completion, job notifications, ^C and ^D.
 */
import { resolvePath } from '../../engine/fs/path';
import { versions } from '../../engine/core/versions';
import { Readline, ShellHistory } from '../readline/readline';
import type { Completion, CompletionProvider } from '../readline/types';
import type { Script, Word } from '../syntax/ast';
import { BUILTINS, KEYWORDS } from './builtins';
import { ExitShell, FatalShellError, Interrupted } from './errors';
import { expandString } from './expand';
import { reportHint } from './hints';
import type { Shell } from './shell';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const p2 = (n: number) => String(n).padStart(2, '0');

/** Decodes PS1's backslash escapes (before parameter expansion, as bash does). */
export function decodePromptEscapes(sh: Shell, ps: string): string {
  let out = '';
  // Only the time escapes need a Date.
  let date: Date | undefined;
  const clock = sh.ctx.kernel.clock;
  const time = (): Date => (date ??= new Date(clock.now()));
  for (let i = 0; i < ps.length; i++) {
    // Plain text up to the next escape is copied in one piece (not a string per character).
    const bs = ps.indexOf('\\', i);
    if (bs < 0 || bs + 1 >= ps.length) {
      out += i === 0 ? ps : ps.slice(i);
      break;
    }
    if (bs > i) out += ps.slice(i, bs);
    i = bs;
    const n = ps[++i]!;
    switch (n) {
      case 'u':
        out += sh.getScalar('USER') ?? userName(sh);
        break;
      case 'h':
        out += hostName(sh).split('.')[0];
        break;
      case 'H':
        out += hostName(sh);
        break;
      case 'w':
        out += tildePath(sh, sh.getScalar('PWD') ?? sh.cwd);
        break;
      case 'W': {
        const pwd = sh.getScalar('PWD') ?? sh.cwd;
        const home = sh.getScalar('HOME');
        out += pwd === home ? '~' : pwd === '/' ? '/' : pwd.slice(pwd.lastIndexOf('/') + 1);
        break;
      }
      case '$':
        out += sh.ctx.user.uid === 0 ? '#' : '$';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case '[':
        out += '\x01';
        break;
      case ']':
        out += '\x02';
        break;
      case 'e':
        out += '\x1b';
        break;
      case 'a':
        out += '\x07';
        break;
      case 't':
        out += `${p2(time().getUTCHours())}:${p2(time().getUTCMinutes())}:${p2(time().getUTCSeconds())}`;
        break;
      case 'T':
        out += `${p2(time().getUTCHours() % 12 || 12)}:${p2(time().getUTCMinutes())}:${p2(time().getUTCSeconds())}`;
        break;
      case '@':
        out += `${p2(time().getUTCHours() % 12 || 12)}:${p2(time().getUTCMinutes())} ${time().getUTCHours() < 12 ? 'AM' : 'PM'}`;
        break;
      case 'A':
        out += `${p2(time().getUTCHours())}:${p2(time().getUTCMinutes())}`;
        break;
      case 'd':
        out += `${DAYS[time().getUTCDay()]} ${MONTHS[time().getUTCMonth()]} ${p2(time().getUTCDate())}`;
        break;
      case 's':
        out += sh.name.slice(sh.name.lastIndexOf('/') + 1);
        break;
      case 'v':
        out += versions.bashShort.split('.').slice(0, 2).join('.');
        break;
      case 'V':
        out += versions.bashShort;
        break;
      case 'j':
        out += String(sh.jobs.list().length);
        break;
      case '!':
        out += String((sh.history?.entries.length ?? 0) + 1);
        break;
      case '#':
        out += String(sh.commandNumber);
        break;
      case 'l':
        out += (sh.ctx.tty?.name ?? 'tty').split('/').pop();
        break;
      case '\\':
        out += '\\';
        break;
      case 'D': {
        const close = ps.indexOf('}', i);
        if (ps[i + 1] === '{' && close > 0) {
          out += `${p2(time().getUTCHours())}:${p2(time().getUTCMinutes())}:${p2(time().getUTCSeconds())}`;
          i = close;
        } else out += '\\D';
        break;
      }
      default:
        if (/[0-7]/.test(n)) {
          let digits = n;
          while (digits.length < 3 && /[0-7]/.test(ps[i + 1] ?? '')) digits += ps[++i];
          out += String.fromCharCode(parseInt(digits, 8));
        } else out += `\\${n}`;
    }
  }
  return out;
}

function userName(sh: Shell): string {
  try {
    for (const line of sh.fs.readText('/etc/passwd').split('\n')) {
      const f = line.split(':');
      if (Number(f[2]) === sh.ctx.user.uid) return f[0]!;
    }
  } catch {
    // none
  }
  return sh.ctx.user.uid === 0 ? 'root' : 'user';
}

export function hostName(sh: Shell): string {
  const h = sh.getScalar('HOSTNAME');
  if (h) return h;
  try {
    return sh.fs.readText('/etc/hostname').trim() || 'localhost';
  } catch {
    return 'localhost';
  }
}

function tildePath(sh: Shell, p: string): string {
  const home = sh.getScalar('HOME');
  if (home && home !== '/' && (p === home || p.startsWith(`${home}/`))) return `~${p.slice(home.length)}`;
  return p;
}

/**
 * The decoded prompt parsed as a double-quoted word (null when it does not parse as one). The
 * same few prompts come back at every command (PS1 changes only with the directory), so their
 * words are kept, per parse function, rather than parsed again each time: the AST is never
 * mutated by expansion.
 */
const promptWords = new WeakMap<object, Map<string, Word | null>>();
const PROMPT_CACHE_SIZE = 32;

function promptWord(sh: Shell, decoded: string): Word | null {
  let cache = promptWords.get(sh.config.parse);
  if (!cache) promptWords.set(sh.config.parse, (cache = new Map()));
  const hit = cache.get(decoded);
  if (hit !== undefined) return hit;
  const r = sh.config.parse(`"${decoded.replace(/(["\\])/g, '\\$1').replace(/\\\\([$`])/g, '$1')}"`, { dialect: 'bash' });
  const w = r.ok ? r.script.body[0]?.command.first.commands[0] : undefined;
  const word = w?.type === 'SimpleCommand' && w.words[0] ? w.words[0] : null;
  if (cache.size >= PROMPT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(decoded, word);
  return word;
}

/** PS1 → the string readline prints (escapes decoded, then expanded like a double-quoted word). */
export async function expandPrompt(sh: Shell, ps: string): Promise<string> {
  const decoded = decodePromptEscapes(sh, ps);
  if (!/[$`]/.test(decoded) || sh.dialect !== 'bash') return decoded;
  const word = promptWord(sh, decoded);
  if (!word) return decoded;
  const savedStatus = sh.status;
  try {
    return await expandString(sh, word, {});
  } catch {
    return decoded;
  } finally {
    sh.status = savedStatus;
  }
}

// ------------------------------------------------------------------ history expansion

export type HistExpansion = { ok: true; line: string; changed: boolean } | { ok: false; error: string };

/** bash's `!!`, `!n`, `!-n`, `!prefix`, `!?str?`, `!$`, `!^`, `!*`, `^old^new`. */
export function expandHistory(line: string, entries: readonly string[]): HistExpansion {
  if (!line.includes('!') && !line.startsWith('^')) return { ok: true, line, changed: false };
  const last = entries[entries.length - 1];
  if (line.startsWith('^')) {
    const m = /^\^([^^]*)\^([^^]*)\^?(.*)$/.exec(line);
    if (m) {
      if (last === undefined || !last.includes(m[1]!)) return { ok: false, error: ':s^' + m[1] + '^' + m[2] + ': substitution failed' };
      return { ok: true, line: last.replace(m[1]!, m[2]!) + m[3], changed: true };
    }
  }
  let out = '';
  let changed = false;
  let inSingle = false;
  let inDouble = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length) {
      out += c + line[++i];
      continue;
    }
    if (c === "'" && !inDouble) inSingle = !inSingle;
    if (c === '"' && !inSingle) inDouble = !inDouble;
    // The history comment character: a `#` starting a word ends expansion for the rest of the line.
    if (c === '#' && !inSingle && !inDouble && (i === 0 || /\s/.test(line[i - 1]!))) {
      out += line.slice(i);
      break;
    }
    if (c !== '!' || inSingle) {
      out += c;
      continue;
    }
    const rest = line.slice(i + 1);
    if (rest === '' || /^[\s=(]/.test(rest) || (inDouble && rest.startsWith('"'))) {
      out += c;
      continue;
    }
    let m: RegExpExecArray | null;
    let event: string | undefined;
    let consumed: number;
    let spec: string;
    if (rest.startsWith('!')) {
      event = last;
      consumed = 1;
      spec = '!!';
    } else if ((m = /^-?\d+/.exec(rest))) {
      const n = Number(m[0]);
      event = n < 0 ? entries[entries.length + n] : entries[n - 1];
      consumed = m[0].length;
      spec = `!${m[0]}`;
    } else if ((m = /^\?([^?\n]*)\??/.exec(rest))) {
      const s = m[1]!;
      event = [...entries].reverse().find((e) => e.includes(s));
      consumed = m[0].length;
      spec = `!${m[0]}`;
    } else if (rest[0] === '$' || rest[0] === '^' || rest[0] === '*') {
      event = last;
      consumed = 0;
      spec = '!';
    } else if ((m = /^[^\s;&|()<>"'`]+/.exec(rest))) {
      const s = m[0]!;
      // a word designator after the prefix (`!ls:1`) is not supported: take up to ':'
      const prefix = s.split(':')[0]!;
      event = [...entries].reverse().find((e) => e.startsWith(prefix));
      consumed = prefix.length;
      spec = `!${prefix}`;
    } else {
      out += c;
      continue;
    }
    if (event === undefined) return { ok: false, error: `${spec}: event not found` };
    let text = event;
    const after = rest.slice(consumed);
    const wd = /^:?([$^*])/.exec(after) ?? (consumed === 0 ? /^([$^*])/.exec(rest) : null);
    if (wd) {
      const words = event.trim().split(/\s+/);
      if (wd[1] === '$') text = words[words.length - 1] ?? '';
      else if (wd[1] === '^') text = words[1] ?? '';
      else text = words.slice(1).join(' ');
      consumed += wd[0].length;
    }
    out += text;
    changed = true;
    i += consumed;
  }
  return { ok: true, line: out, changed };
}

// ------------------------------------------------------------------ completion

function quoteForCompletion(name: string): string {
  return name.replace(/([ \t\n"'\\$`!&;|()<>*?[\]{}#~])/g, '\\$1');
}

function unquoteWord(w: string): string {
  return w.replace(/\\(.)/g, '$1').replace(/^['"]|['"]$/g, '');
}

export class ShellCompletion implements CompletionProvider {
  constructor(private readonly sh: Shell) {}

  complete(line: string, cursor: number): Completion {
    const before = line.slice(0, cursor);
    let start = before.length;
    while (start > 0) {
      const ch = before[start - 1]!;
      if (/[\s;|&(<>]/.test(ch) && before[start - 2] !== '\\') break;
      start--;
    }
    const word = before.slice(start);
    // Words of the current simple command before the one being completed.
    const segStart = Math.max(before.lastIndexOf(';', start - 1), before.lastIndexOf('|', start - 1), before.lastIndexOf('&', start - 1), before.lastIndexOf('(', start - 1)) + 1;
    const prior = before
      .slice(segStart, start)
      .trim()
      .split(/\s+/)
      .filter((w) => w !== '' && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
    if (prior.length === 0 && !word.includes('/')) {
      return { start, candidates: this.commandNames(word) };
    }
    if (prior.length > 0) {
      const fromProgram = this.programCompletion(prior, word);
      if (fromProgram) return { start, candidates: fromProgram, appendSpace: !(fromProgram.length === 1 && fromProgram[0]!.endsWith('/')) };
    }
    const files = this.fileNames(word, prior.length === 0);
    return { start, candidates: files, appendSpace: !(files.length === 1 && files[0]!.endsWith('/')) };
  }

  private commandNames(prefix: string): string[] {
    const sh = this.sh;
    const set = new Set<string>();
    const add = (n: string) => {
      if (n.startsWith(prefix)) set.add(n);
    };
    for (const a of sh.aliases.keys()) add(a);
    for (const f of sh.functions.keys()) add(f);
    for (const b of BUILTINS.keys()) add(b);
    for (const k of KEYWORDS) add(k);
    for (const dir of (sh.getScalar('PATH') ?? '').split(':')) {
      if (!dir) continue;
      try {
        for (const e of sh.fs.readdir(resolvePath(sh.cwd, dir))) {
          if (!e.name.startsWith(prefix)) continue;
          try {
            const st = sh.fs.stat(resolvePath(sh.cwd, `${dir}/${e.name}`));
            if (st.type === 'file' && (st.mode & 0o111) !== 0) set.add(e.name);
          } catch {
            // dangling
          }
        }
      } catch {
        // no such dir
      }
    }
    return [...set].sort();
  }

  private programCompletion(prior: string[], word: string): string[] | undefined {
    const sh = this.sh;
    let words = [...prior];
    // Follow aliases: `alias k=kubectl`, `k get <Tab>` completes as kubectl.
    for (let depth = 0; depth < 5; depth++) {
      const a = sh.aliases.get(words[0]!);
      if (a === undefined) break;
      const aw = a.trim().split(/\s+/);
      words = [...aw, ...words.slice(1)];
    }
    let name = words[0]!;
    while (name === 'sudo' || name === 'command' || name === 'time' || name === 'exec') {
      words = words.slice(1);
      if (!words.length) return undefined;
      name = words[0]!;
    }
    if (sh.functions.has(name) || BUILTINS.has(name)) return undefined;
    const r = sh.resolve(name);
    const progName = r.kind === 'program' ? r.argv0 : name;
    const info = sh.ctx.kernel.programs.get(progName);
    if (!info?.complete) return undefined;
    const args = [...words.slice(1).map(unquoteWord), unquoteWord(word)];
    const res = info.complete(args, { cwd: sh.cwd });
    if (!res) return undefined;
    return res.filter((c) => c.startsWith(unquoteWord(word)));
  }

  private fileNames(word: string, commandPosition: boolean): string[] {
    const sh = this.sh;
    const raw = unquoteWord(word);
    const slash = raw.lastIndexOf('/');
    const dirPart = slash >= 0 ? raw.slice(0, slash + 1) : '';
    const base = slash >= 0 ? raw.slice(slash + 1) : raw;
    let lookup = dirPart;
    if (lookup.startsWith('~')) {
      const home = sh.getScalar('HOME') ?? '/';
      const m = /^~([^/]*)/.exec(lookup)!;
      lookup = (m[1] ? `/home/${m[1]}` : home) + lookup.slice(m[0].length);
    }
    const dir = resolvePath(sh.cwd, lookup || '.');
    const out: string[] = [];
    if (!dirPart && raw.startsWith('~') && !raw.includes('/')) {
      return [`${raw === '~' ? '~' : raw}/`];
    }
    let entries;
    try {
      entries = sh.fs.readdir(dir);
    } catch {
      return [];
    }
    for (const e of entries) {
      if (!e.name.startsWith(base)) continue;
      if (e.name.startsWith('.') && !base.startsWith('.')) continue;
      let isDir = e.type === 'dir';
      if (e.type === 'symlink') {
        try {
          isDir = sh.fs.stat(resolvePath(dir, e.name)).type === 'dir';
        } catch {
          isDir = false;
        }
      }
      if (commandPosition && !isDir) {
        try {
          const st = sh.fs.stat(resolvePath(dir, e.name));
          if ((st.mode & 0o111) === 0) continue;
        } catch {
          continue;
        }
      }
      out.push(`${quoteForCompletion(dirPart).replace(/^\\~/, '~')}${quoteForCompletion(e.name)}${isDir ? '/' : ''}`);
    }
    return out.sort();
  }
}

// ------------------------------------------------------------------ the loop

const CONTINUES = /(\b(do|then|else|in)|[{|(]|&&|\|\|)\s*$/;

function joinHistoryLines(lines: string[]): string {
  let out = lines[0] ?? '';
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1]!;
    const l = lines[i]!;
    if (CONTINUES.test(prev) || prev.endsWith('\\')) out += ` ${l.trim()}`;
    else if (/<<-?\s*['"]?\w+/.test(lines.slice(0, i).join('\n'))) out += `\n${l}`;
    else out += `; ${l.trim()}`;
  }
  return out.replace(/\\ /g, ' ');
}

export async function loadHistory(sh: Shell, history: ShellHistory): Promise<void> {
  const file = sh.getScalar('HISTFILE');
  if (!file) return;
  try {
    history.fromText(sh.fs.readText(resolvePath(sh.cwd, file)));
  } catch {
    // no history yet
  }
}

function appendHistoryFile(sh: Shell, line: string): void {
  const file = sh.getScalar('HISTFILE');
  if (!file) return;
  try {
    sh.fs.writeFile(resolvePath(sh.cwd, file), `${line}\n`, { append: true, mode: 0o600 });
  } catch {
    // read-only home: history is kept in memory only
  }
}

/** Runs rc files, then reads, expands and runs command lines until `exit` or ^D. */
export async function runInteractive(sh: Shell, rcFiles: string[]): Promise<number> {
  const tty = sh.ctx.tty!;
  const history = new ShellHistory({ maxSize: 1000 });
  sh.history = {
    get entries() {
      return history.entries as string[];
    },
    add: (l) => {
      history.add(l);
    },
    clear: () => history.clear(),
  };
  sh.installInteractiveSignals();
  for (const rc of rcFiles) {
    try {
      if (!sh.fs.exists(rc)) continue;
    } catch {
      continue;
    }
    try {
      await sh.runSourceFile(rc);
    } catch (e) {
      if (e instanceof ExitShell) return sh.finish(e.status);
      if (!(e instanceof FatalShellError || e instanceof Interrupted)) throw e;
    }
  }
  if (sh.dialect === 'bash') await loadHistory(sh, history);
  const rl = new Readline({ tty, history, completion: new ShellCompletion(sh), cancel: sh.ctx.process.cancel });
  let lineno = 0;
  for (;;) {
    try {
      await sh.reportJobs();
    } catch {
      // ignore
    }
    const lines: string[] = [];
    let prompt = await expandPrompt(sh, sh.getScalar('PS1') ?? '');
    let script: Script | undefined;
    let eof = false;
    let inHereDoc = false;
    for (;;) {
      tty.foregroundPgid = sh.ctx.process.pgid;
      sh.sigint = false;
      const r = await rl.read(prompt);
      if (r.type === 'interrupt') {
        sh.status = 130;
        lines.length = 0;
        script = undefined;
        break;
      }
      if (r.type === 'eof') {
        if (lines.length) {
          await sh.err(`${sh.scriptName}: syntax error: unexpected end of file\n`);
          sh.status = 2;
          lines.length = 0;
          break;
        }
        if (sh.options.ignoreeof) {
          await sh.err(`Use "exit" to leave the shell.\n`);
          break;
        }
        eof = true;
        break;
      }
      let text = r.line;
      // bash does no history expansion on the lines of a here-document's body.
      if (sh.options.histexpand && !inHereDoc) {
        const h = expandHistory(text, history.entries);
        if (!h.ok) {
          await sh.err(`${sh.scriptName}: ${h.error}\n`);
          lines.length = 0;
          break;
        }
        if (h.changed) {
          text = h.line;
          await sh.out(`${text}\n`);
        }
      }
      lines.push(text);
      const src = lines.join('\n');
      const parsed = sh.config.parse(src, { dialect: sh.dialect, aliases: sh.aliasLookup(), interactive: true });
      if (parsed.ok) {
        script = parsed.script;
        break;
      }
      if (parsed.incomplete) {
        inHereDoc = parsed.inHereDoc === true;
        prompt = await expandPrompt(sh, sh.getScalar('PS2') ?? '> ');
        continue;
      }
      const entry = joinHistoryLines(lines);
      if (history.add(entry)) appendHistoryFile(sh, entry);
      await sh.syntaxError(parsed.error.message, lineno + parsed.error.line, parsed.error.sourceLine ?? '');
      sh.status = 2;
      await reportHint(sh, src);
      lines.length = 0;
      break;
    }
    if (eof) {
      if (sh.dialect === 'bash') await sh.err('exit\n');
      return sh.finish(sh.status);
    }
    if (!script) continue;
    const entry = joinHistoryLines(lines);
    history.control = sh.getScalar('HISTCONTROL') ?? '';
    const size = Number(sh.getScalar('HISTSIZE') ?? '500');
    if (Number.isInteger(size)) history.maxSize = size;
    if (sh.dialect === 'bash' && history.add(entry)) appendHistoryFile(sh, entry);
    sh.lineOffset = lineno;
    lineno += lines.length;
    sh.commandNumber++;
    // Lesson checks look at what was typed, as the shell understood it (aliases expanded).
    for (const st of script.body) sh.ctx.kernel.services.commandTyped?.(st.text);
    try {
      await sh.runStatements(script.body);
      await reportHint(sh, lines.join('\n'));
    } catch (e) {
      if (e instanceof ExitShell) {
        const running = sh.jobs.list().filter((j) => j.state === 'Stopped');
        if (running.length && !sh.warnedStopped) {
          sh.warnedStopped = true;
          await sh.err('There are stopped jobs.\n');
          continue;
        }
        return sh.finish(e.status);
      }
      if (e instanceof Interrupted) {
        // The terminal echoed `^C` without a newline; bash ends that line before the next prompt.
        await sh.out('\n');
        sh.status = 130;
        continue;
      }
      if (e instanceof FatalShellError) {
        // An interactive bash abandons the line with status 1 (a script would exit with e.status).
        sh.status = sh.dialect === 'bash' ? 1 : e.status;
        await reportHint(sh, lines.join('\n'));
        continue;
      }
      throw e;
    }
  }
}
