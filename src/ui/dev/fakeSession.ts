/**
 * A stand-in Session for building the page before the real one is wired: each terminal echoes
 * what is typed and knows a handful of commands (echo, cat, ls, pwd, code, exit). Not a shell.
 */
import { Emitter } from '../../engine/core/events';
import { resolvePath } from '../../engine/fs/path';
import type { RunResult, Session, SessionSnapshot, TerminalHandle } from '../../session/types';
import { FakeFs } from './fakeFs';

const HOME = '/home/learner';
const PROMPT = '$ ';

export function createFakeSession(): Session {
  const fs = new FakeFs();
  fs.mkdir(HOME, { recursive: true });
  fs.writeFile(`${HOME}/.bashrc`, '# ~/.bashrc\n');
  fs.writeFile(`${HOME}/README.md`, '# Welcome\n\nThis is a development session.\n');
  const changed = new Emitter<void>();
  const openInEditor = new Emitter<string>();
  let nextId = 1;

  function exec(line: string): { out: string; exit?: number } {
    const m = /^\s*(\S+)\s*(.*?)\s*$/.exec(line);
    if (!m) return { out: '' };
    const [, cmd = '', rest = ''] = m;
    const redirect = /^(.*?)\s*>\s*(\S+)$/.exec(rest);
    const args = (redirect ? redirect[1] ?? '' : rest).split(/\s+/).filter(Boolean);
    let out = '';
    switch (cmd) {
      case 'echo':
        out = args.join(' ') + '\n';
        break;
      case 'pwd':
        out = HOME + '\n';
        break;
      case 'ls':
        out = fs.readdir(HOME).filter((e) => !e.name.startsWith('.')).map((e) => e.name).join('  ') + '\n';
        if (out === '\n') out = '';
        break;
      case 'cat':
        for (const a of args) {
          try {
            out += fs.readText(resolvePath(HOME, a));
          } catch {
            out += `cat: ${a}: No such file or directory\n`;
          }
        }
        break;
      case 'code':
      case 'vim':
        for (const a of args) openInEditor.fire(resolvePath(HOME, a));
        break;
      case 'exit':
        return { out: '', exit: Number(args[0] ?? 0) };
      default:
        out = `${cmd}: command not found\n`;
    }
    if (redirect?.[2]) {
      fs.writeFile(resolvePath(HOME, redirect[2]), out);
      out = '';
    }
    changed.fire();
    return { out };
  }

  function openTerminal(): TerminalHandle {
    const output = new Emitter<string>();
    const exited = new Emitter<number>();
    let line = '';
    let done = false;
    const history: string[] = [];
    let hi = 0;
    const write = (s: string) => queueMicrotask(() => output.fire(s));
    write(PROMPT);
    return {
      id: nextId++,
      onOutput: output.event,
      onExit: exited.event,
      resize() {},
      input(data: string) {
        if (done) return;
        if (data === '\x1b[A' || data === '\x1b[B') {
          hi = Math.max(0, Math.min(history.length, hi + (data === '\x1b[A' ? -1 : 1)));
          const next = history[hi] ?? '';
          write('\b \b'.repeat(line.length) + next);
          line = next;
          return;
        }
        let echo = '';
        for (const ch of data.replace(/\x1b\[200~|\x1b\[201~/g, '')) {
          if (ch === '\r') {
            echo += '\r\n';
            if (line.trim()) history.push(line);
            hi = history.length;
            const r = exec(line);
            line = '';
            echo += r.out.replace(/\n/g, '\r\n');
            if (r.exit !== undefined) {
              done = true;
              write(echo + 'exit\r\n');
              queueMicrotask(() => exited.fire(r.exit ?? 0));
              return;
            }
            echo += PROMPT;
          } else if (ch === '\x7f') {
            if (line) {
              line = line.slice(0, -1);
              echo += '\b \b';
            }
          } else if (ch === '\x03') {
            line = '';
            echo += '^C\r\n' + PROMPT;
          } else if (ch >= ' ') {
            line += ch;
            echo += ch;
          }
        }
        if (echo) write(echo);
      },
      dispose() {
        done = true;
        output.dispose();
        exited.dispose();
      },
    };
  }

  const session: Session = {
    fs,
    openTerminal,
    typedHistory: () => [],
    async run(line: string): Promise<RunResult> {
      const r = exec(line);
      return { output: r.out, stdout: r.out, stderr: '', status: 0 };
    },
    registerCommand() {},
    registerStateKind() {},
    state: () => undefined,
    onDidChange: changed.event,
    onOpenInEditor: openInEditor.event,
    fork: () => createFakeSession(),
    snapshot: (): SessionSnapshot => ({ version: 0, engine: null }),
    dispose() {
      changed.dispose();
      openInEditor.dispose();
    },
  };
  return session;
}
