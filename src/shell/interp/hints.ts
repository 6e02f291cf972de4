/**
 * Dockyard's own hints after a command line typed at an interactive shell failed. The shell's and
 * the program's messages stay exactly as the real tools print them; at most ONE extra line follows,
 * prefixed `dockyard:`, in the learner's language:
 *
 * - full-width punctuation typed with a Chinese input method (`ubuntu：latest`, `ls －l`, `cd ～`)
 *   outside quotes, named with its code point and the ASCII character to type instead;
 * - commands that install Docker, kubectl, minikube or VirtualBox on a real machine (the book's
 *   `curl -fsSL https://get.docker.com -o get-docker.sh`, `brew install minikube` ...): they fail
 *   here as they would offline, and the line says that the tools are already installed here.
 *
 * Everything here is pure except `reportHint`, the hook the REPL calls with the text of a line
 * whose status is not 0.
 */
import type { Shell } from './shell';

export type HintLanguage = 'en' | 'zh';

/** The variables that choose the language of messages, in gettext's order of precedence. */
const LOCALE_VARS = ['LANGUAGE', 'LC_ALL', 'LC_MESSAGES', 'LANG'] as const;

/**
 * The language of the hints: the page's interface language when the page says it (kernel service
 * `uiLanguage`), else the locale variables (`LANGUAGE=zh_CN:en`, `LANG=zh_CN.UTF-8`), else English.
 */
export function hintLanguage(getenv: (name: string) => string | undefined, uiLanguage?: () => string): HintLanguage {
  const ui = uiLanguage?.();
  if (ui) return /^zh\b/i.test(ui) ? 'zh' : 'en';
  for (const name of LOCALE_VARS) {
    const v = getenv(name);
    if (!v) continue;
    return /^zh([_.:@-]|$)/i.test(v) ? 'zh' : 'en';
  }
  return 'en';
}

// ------------------------------------------------------------------ full-width punctuation

interface Punct {
  /** The ASCII text to type instead. */
  readonly ascii: string;
  readonly en: string;
  readonly zh: string;
}

/** Names of the full-width forms U+FF01..U+FF5E (their ASCII counterpart is the code point - 0xFEE0). */
const FULL_WIDTH_NAMES: Record<string, readonly [en: string, zh: string]> = {
  '!': ['exclamation mark', '感叹号'],
  '"': ['double quote', '双引号'],
  '#': ['number sign', '井号'],
  $: ['dollar sign', '美元符号'],
  '%': ['percent sign', '百分号'],
  '&': ['ampersand', '“&”符号'],
  "'": ['apostrophe', '单引号'],
  '(': ['left parenthesis', '左括号'],
  ')': ['right parenthesis', '右括号'],
  '*': ['asterisk', '星号'],
  '+': ['plus sign', '加号'],
  ',': ['comma', '逗号'],
  '-': ['hyphen-minus', '减号'],
  '.': ['full stop', '句点'],
  '/': ['slash', '斜杠'],
  ':': ['colon', '冒号'],
  ';': ['semicolon', '分号'],
  '<': ['less-than sign', '小于号'],
  '=': ['equals sign', '等号'],
  '>': ['greater-than sign', '大于号'],
  '?': ['question mark', '问号'],
  '@': ['at sign', '“@”符号'],
  '[': ['left square bracket', '左方括号'],
  '\\': ['backslash', '反斜杠'],
  ']': ['right square bracket', '右方括号'],
  '^': ['caret', '脱字符'],
  _: ['underscore', '下划线'],
  '`': ['backtick', '反引号'],
  '{': ['left curly bracket', '左花括号'],
  '|': ['vertical bar', '竖线'],
  '}': ['right curly bracket', '右花括号'],
  '~': ['tilde', '波浪号'],
};

/** Characters from outside the full-width block that a Chinese input method types for ASCII keys. */
const OTHER_PUNCT: ReadonlyMap<string, Punct> = new Map<string, Punct>([
  ['\u3000', { ascii: ' ', en: 'a full-width (ideographic) space', zh: '全角空格' }],
  ['\u3002', { ascii: '.', en: 'a Chinese full stop', zh: '中文句号' }],
  ['\u201c', { ascii: '"', en: 'a curly (Chinese) opening double quote', zh: '中文左双引号' }],
  ['\u201d', { ascii: '"', en: 'a curly (Chinese) closing double quote', zh: '中文右双引号' }],
  ['\u2018', { ascii: "'", en: 'a curly (Chinese) opening single quote', zh: '中文左单引号' }],
  ['\u2019', { ascii: "'", en: 'a curly (Chinese) closing single quote', zh: '中文右单引号' }],
  ['\u2014\u2014', { ascii: '--', en: 'a Chinese dash', zh: '中文破折号' }],
  ['\u3010', { ascii: '[', en: 'a Chinese left square bracket', zh: '中文左方括号' }],
  ['\u3011', { ascii: ']', en: 'a Chinese right square bracket', zh: '中文右方括号' }],
  ['\u300a', { ascii: '<', en: 'a Chinese left angle bracket', zh: '中文左书名号' }],
  ['\u300b', { ascii: '>', en: 'a Chinese right angle bracket', zh: '中文右书名号' }],
  ['\uffe5', { ascii: '$', en: 'a full-width yuan sign', zh: '全角人民币符号' }],
]);

/** A character (or the two of `——`) and what it stands for, or undefined for an ordinary one. */
function punctAt(line: string, i: number): { text: string; p: Punct } | undefined {
  const c = line[i]!;
  const code = c.charCodeAt(0);
  if (code >= 0xff01 && code <= 0xff5e) {
    const ascii = String.fromCharCode(code - 0xfee0);
    const name = FULL_WIDTH_NAMES[ascii];
    if (name) return { text: c, p: { ascii, en: `a full-width ${name[0]}`, zh: `全角${name[1]}` } };
    if (/[0-9]/.test(ascii)) return { text: c, p: { ascii, en: `a full-width digit ${ascii}`, zh: `全角数字 ${ascii}` } };
    return { text: c, p: { ascii, en: `a full-width letter ${ascii}`, zh: `全角字母 ${ascii}` } };
  }
  if (c === '\u2014' || c === '\u2013') {
    if (c === '\u2014' && line[i + 1] === '\u2014') return { text: '\u2014\u2014', p: OTHER_PUNCT.get('\u2014\u2014')! };
    // A word processor's dash in a copied option (`–rm`, `—help`): a long option when a word follows.
    const ascii = /^[A-Za-z]{2}/.test(line.slice(i + 1)) ? '--' : '-';
    return { text: c, p: c === '\u2014' ? { ascii, en: 'an em dash', zh: '长破折号' } : { ascii, en: 'an en dash', zh: '短破折号' } };
  }
  const p = OTHER_PUNCT.get(c);
  return p ? { text: c, p } : undefined;
}

/** CJK ideographs: punctuation next to them is Chinese text the learner meant, not a slip. */
function isIdeograph(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  return (code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff);
}

export interface FullWidthFind {
  /** The character(s) as typed. */
  readonly text: string;
  /** Index in the line. */
  readonly index: number;
  readonly ascii: string;
  readonly en: string;
  readonly zh: string;
}

/**
 * The first full-width or Chinese punctuation character of a command line that the shell reads as
 * part of a word: outside quotes and comments, and not inside Chinese text (next to an ideograph).
 */
export function findFullWidth(line: string): FullWidthFind | undefined {
  let single = false;
  let double = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (single) {
      if (c === "'") single = false;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (double) {
      if (c === '"') double = false;
      continue;
    }
    if (c === "'") {
      single = true;
      continue;
    }
    if (c === '"') {
      double = true;
      continue;
    }
    if (c === '#' && (i === 0 || /[\s;&|()]/.test(line[i - 1]!))) {
      // A comment runs to the end of its line.
      const nl = line.indexOf('\n', i);
      if (nl < 0) break;
      i = nl;
      continue;
    }
    if (c.charCodeAt(0) < 0x2000) continue;
    const found = punctAt(line, i);
    if (!found) continue;
    if (isIdeograph(line[i - 1]) || isIdeograph(line[i + found.text.length])) {
      i += found.text.length - 1;
      continue;
    }
    return { text: found.text, index: i, ...found.p };
  }
  return undefined;
}

const QUOTES = new Set(['\u201c', '\u201d', '\u2018', '\u2019']);

function codePoints(text: string): string {
  return [...text].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
}

/** The ASCII replacement in quotes that do not clash with it. */
function quoteAscii(s: string): string {
  return s.includes('"') ? `'${s}'` : `"${s}"`;
}

/** The hint line for a character found by `findFullWidth` (with its newline). */
export function fullWidthHintText(f: FullWidthFind, lang: HintLanguage): string {
  // A curly quote shown in curly quotes would be unreadable: quotes are shown bare.
  const bare = QUOTES.has(f.text);
  if (lang === 'zh') return `dockyard: 提示：${bare ? `${f.text} ` : `“${f.text}”`}是${f.zh}，请改用半角 ${quoteAscii(f.ascii)}\n`;
  return `dockyard: hint: ${bare ? f.text : `“${f.text}”`} (${codePoints(f.text)}) is ${f.en}; use ${quoteAscii(f.ascii)}\n`;
}

export function fullWidthHint(line: string, lang: HintLanguage): string | undefined {
  const f = findFullWidth(line);
  return f ? fullWidthHintText(f, lang) : undefined;
}

// ------------------------------------------------------------------ installing the tools

/** What the line would do on a real machine, in both languages. */
interface Action {
  readonly en: string;
  readonly zh: string;
}

interface InstallRule {
  /** Which tool the rule is about: lines naming several tools report the first rule that matches. */
  readonly tool: 'docker' | 'kubectl' | 'minikube' | 'virtualbox';
  readonly kind: 'download' | 'install' | 'run-script' | 'repository';
  readonly test: RegExp;
}

// A command at the start of a line, or after `;`, `&&`, `|`, `(` or `sudo`.
const CMD = String.raw`(?:^|[;&|(\n]\s*|\bsudo\s+(?:-\S+\s+)*)`;
// A package manager's install verb.
const PKG = String.raw`${CMD}(?:apt-get|apt|aptitude|yum|dnf|zypper|pacman|apk|snap|brew|port|choco|winget|scoop)\b[^;&|\n]*\s(?:install|add|-S\w*)\b[^;&|\n]*`;
// Commands that put a downloaded binary in place.
const PLACE = String.raw`${CMD}(?:install|mv|cp|chmod)\s[^;&|\n]*`;

/**
 * The table: patterns over the typed line → what the line would do on the learner's own machine.
 * The first rule that matches names the tool; every rule of that tool that matches says what the
 * line does (download, install, or both).
 */
export const INSTALL_RULES: readonly InstallRule[] = [
  { tool: 'docker', kind: 'run-script', test: new RegExp(String.raw`${CMD}(?:ba|da)?sh\s+(?:-\S+\s+)*(?:\./)?(?:get|install|test)-docker\.sh\b|get\.docker\.com[^;&\n]*\|\s*(?:sudo\s+)?(?:ba)?sh\b`) },
  { tool: 'docker', kind: 'download', test: /\b(?:get|test)\.docker\.com\b/ },
  { tool: 'docker', kind: 'repository', test: /\bdownload\.docker\.com\b/ },
  { tool: 'docker', kind: 'install', test: new RegExp(String.raw`${PKG}\s(?:docker(?:\.io|-ce|-ce-cli|-engine|-desktop|-compose|-compose-plugin|-buildx-plugin)?|containerd(?:\.io)?|Docker\.DockerDesktop)(?=\s|$)`, 'i') },
  { tool: 'virtualbox', kind: 'install', test: new RegExp(String.raw`${PKG}\svirtualbox(?:-\S+)?(?=\s|$)`, 'i') },
  { tool: 'virtualbox', kind: 'download', test: /\bdownload\.virtualbox\.org\b/i },
  { tool: 'minikube', kind: 'download', test: /\bminikube\/releases\b|\b(?:https?|ftp):\/\/\S*minikube/ },
  { tool: 'minikube', kind: 'install', test: new RegExp(String.raw`${PKG}\sminikube(?=\s|$)|${PLACE}\bminikube(?:-linux-\w+|-darwin-\w+)?(?=\s|$)`) },
  { tool: 'kubectl', kind: 'download', test: /\bdl\.k8s\.io\b|\bkubernetes-release\/release\b/ },
  { tool: 'kubectl', kind: 'install', test: new RegExp(String.raw`${PKG}\s(?:kubectl|kubernetes-cli)(?=\s|$)|${PLACE}(?:\S*/)?kubectl(?=\s|$)`) },
];

const TOOL_NAMES: Record<InstallRule['tool'], string> = { docker: 'Docker', kubectl: 'kubectl', minikube: 'minikube', virtualbox: 'VirtualBox' };

function action(tool: InstallRule['tool'], kinds: ReadonlySet<InstallRule['kind']>): Action {
  const name = TOOL_NAMES[tool];
  if (kinds.has('run-script')) return { en: `run Docker's install script, which installs Docker`, zh: '运行 Docker 的安装脚本，安装 Docker' };
  if (kinds.has('repository')) return { en: `add Docker's package repository`, zh: '添加 Docker 的软件源' };
  if (tool === 'docker' && kinds.has('download')) return { en: `download Docker's install script`, zh: '下载 Docker 的安装脚本' };
  if (kinds.has('download') && kinds.has('install')) return { en: `download and install ${name}`, zh: `下载并安装 ${name}` };
  if (kinds.has('download')) return { en: `download ${name}`, zh: `下载 ${name}` };
  return { en: `install ${name}`, zh: `安装 ${name}` };
}

/** The install rule's hint line for a command line (with its newline), or undefined. */
export function installHint(line: string, lang: HintLanguage): string | undefined {
  const first = INSTALL_RULES.find((r) => r.test.test(line));
  if (!first) return undefined;
  const kinds = new Set(INSTALL_RULES.filter((r) => r.tool === first.tool && r.test.test(line)).map((r) => r.kind));
  const a = action(first.tool, kinds);
  if (first.tool === 'virtualbox') {
    return lang === 'zh'
      ? `dockyard: 这里的 minikube 使用 docker 驱动，不需要 VirtualBox（这个沙盒也不能上网）；在你自己的电脑上，这条命令会${a.zh}\n`
      : `dockyard: minikube here runs with the docker driver, so VirtualBox is not needed (and this sandbox has no internet); on your own machine this command would ${a.en}\n`;
  }
  return lang === 'zh'
    ? `dockyard: 这里已经装好了 Docker、kubectl 和 minikube，而且这个沙盒不能上网；在你自己的电脑上，这条命令会${a.zh}\n`
    : `dockyard: Docker, kubectl and minikube are already installed here, and this sandbox has no internet; on your own machine this command would ${a.en}\n`;
}

// ------------------------------------------------------------------ the hook

export interface HintOptions {
  /** Whether the shell runs on the learner's host (where Docker and friends are installed). */
  readonly host: boolean;
}

/**
 * The one hint line for a command line that ended with `status`, or undefined: none after success
 * or ^C, full-width punctuation first (it is why the line failed), then the install table.
 */
export function hintFor(line: string, status: number, lang: HintLanguage, opts: HintOptions): string | undefined {
  if (status === 0 || status === 130) return undefined;
  return fullWidthHint(line, lang) ?? (opts.host ? installHint(line, lang) : undefined);
}

/** Called by the interactive shell after a typed line failed: writes the hint, if any, to stderr. */
export async function reportHint(sh: Shell, text: string): Promise<void> {
  if (sh.status === 0 || sh.status === 130) return;
  const services = sh.ctx.kernel.services;
  const lang = hintLanguage((n) => sh.getScalar(n), services.uiLanguage && (() => services.uiLanguage?.() ?? ''));
  // "Installed here" is said on the host only: a container's shell has no Docker.
  const r = sh.resolve('docker');
  const hint = hintFor(text, sh.status, lang, { host: r.kind === 'program' });
  if (hint) await sh.err(hint);
}
