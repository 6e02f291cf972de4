/**
 * A small stand-in Session for the lessons' tests: the real MemFs (with O(1) forks) and a toy
 * command runner that knows echo (with > and >>), cat, test/[ -f/-d/-e, grep -q, mkdir -p, rm,
 * true and false, joined by newlines, ';' and '&&'. Anything else is "command not found".
 */
import { Emitter } from '../../engine/core/events';
import { resolvePath } from '../../engine/fs/path';
import { MemFs } from '../../engine/fs/memfs';
import type { FileSystem } from '../../engine/fs/types';
import { fileStateKind } from '../../session/state';
import type { RunResult, Session, SessionSnapshot, StateKind, StateKindFactory, TerminalHandle } from '../../session/types';

const HOME = '/home/learner';
const LEARNER = { uid: 1000, gid: 1000, groups: [1000] };

function words(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  return out;
}

export class FakeLessonSession implements Session {
  readonly fs: FileSystem;
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  readonly onOpenInEditor = new Emitter<string>().event;
  /** Every command line run, for tests to look at. */
  readonly ran: string[] = [];
  disposed = false;

  constructor(readonly rootFs: MemFs = FakeLessonSession.newHost()) {
    this.fs = rootFs.withCredentials(LEARNER);
  }

  static newHost(): MemFs {
    const fs = new MemFs({ now: () => 0 });
    fs.mkdir(HOME, { recursive: true });
    fs.chown(HOME, 1000, 1000);
    return fs;
  }

  openTerminal(): TerminalHandle {
    throw new Error('FakeLessonSession has no terminals');
  }

  registerCommand(): void {}

  /** Commands typed at a terminal (tests push to it). */
  typed: string[] = [];
  typedHistory(): readonly string[] {
    return this.typed;
  }

  async run(line: string, opts: { asTyped?: boolean } = {}): Promise<RunResult> {
    this.ran.push(line);
    if (opts.asTyped) this.typed.push(...line.split('\n').filter((l) => l.trim() !== ''));
    let out = '';
    let status = 0;
    for (const stmt of line.split(/\n|;/)) {
      for (const part of stmt.split('&&')) {
        const r = this.exec(part.trim());
        out += r.out;
        status = r.status;
        if (status !== 0) break;
      }
    }
    this.changed.fire();
    return { output: out, stdout: out, stderr: '', status };
  }

  private exec(cmd: string): { out: string; status: number } {
    if (cmd === '') return { out: '', status: 0 };
    const redirect = /^(.*?)\s*(>>?)\s*(\S+)$/.exec(cmd);
    const argv = words(redirect ? (redirect[1] ?? '') : cmd);
    const [name = '', ...args] = argv;
    const p = (a: string) => resolvePath(HOME, a.replace(/^~\//, `${HOME}/`));
    let out = '';
    let status = 0;
    switch (name) {
      case 'echo':
        out = args.join(' ') + '\n';
        break;
      case 'true':
        break;
      case 'false':
        status = 1;
        break;
      case 'cat':
        for (const a of args) {
          if (this.fs.exists(p(a))) out += this.fs.readText(p(a));
          else {
            out += `cat: ${a}: No such file or directory\n`;
            status = 1;
          }
        }
        break;
      case 'test':
      case '[': {
        const [flag, file = ''] = args;
        const exists = this.fs.exists(p(file));
        const type = exists ? this.fs.stat(p(file)).type : undefined;
        status = (flag === '-f' ? type === 'file' : flag === '-d' ? type === 'dir' : exists) ? 0 : 1;
        break;
      }
      case 'grep': {
        const [, pattern = '', file = ''] = args;
        status = this.fs.exists(p(file)) && this.fs.readText(p(file)).includes(pattern) ? 0 : 1;
        break;
      }
      case 'mkdir':
        for (const a of args.filter((x) => x !== '-p')) this.fs.mkdir(p(a), { recursive: true });
        break;
      case 'rm':
        for (const a of args.filter((x) => !x.startsWith('-'))) if (this.fs.exists(p(a))) this.fs.rm(p(a), { recursive: true });
        break;
      default:
        return { out: `bash: ${name}: command not found\n`, status: 127 };
    }
    if (redirect) {
      const file = p(redirect[3] ?? '');
      this.fs.writeFile(file, out, { append: redirect[2] === '>>' });
      out = '';
    }
    return { out, status };
  }

  private kinds = new Map<string, StateKindFactory>([['file', fileStateKind]]);
  registerStateKind(kind: string, factory: StateKindFactory): void {
    this.kinds.set(kind, factory);
  }
  state(kind: string): StateKind | undefined {
    return this.kinds.get(kind)?.(this);
  }

  fork(): FakeLessonSession {
    const f = new FakeLessonSession(this.rootFs.fork());
    f.typed = [...this.typed];
    f.kinds = new Map(this.kinds);
    return f;
  }

  snapshot(): SessionSnapshot {
    return { version: 0, engine: this.rootFs.snapshot() };
  }

  dispose(): void {
    this.disposed = true;
    this.changed.dispose();
  }
}
