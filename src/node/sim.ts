/**
 * `npm run -s sim`: the headless simulator (DESIGN.md, contract 1).
 *
 * Reads lines from stdin as if typed at the terminal and prints exactly what the terminal would
 * show as the commands' output: no prompt, no echo of the typed line (`--echo` shows both, as a
 * screen does). Time is virtual: before each command typed it advances by 1 s, and a command that
 * waits advances it to when it would end. A line holding only "\x03" is Ctrl-C, pressed 1 s after
 * the line before it (so it interrupts a command still waiting then); a command still running
 * 10 minutes after its line gets the next line typed ahead. At the end of
 * input, running jobs get SIGINT and the simulator exits 0. With a terminal on stdin it is an
 * interactive shell in real time.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { DockyardSession } from '../session/session';
import type { TerminalHandle } from '../session/types';
import type { Pty } from '../engine/runtime/pty';
import type { Process } from '../engine/runtime/kernel';
import { parse } from '../shell/syntax/parser';
import { createNodeSession, nodeRealtime, nodeRealtimeHost } from './host';

type SimTerminal = TerminalHandle & { pty: Pty; process: Process };

/** A line holding only ^C, ^Z, ^\\ or ^D is that key pressed, not a line typed. */
function isControlKey(line: string): boolean {
  return line === '\x03' || line === '\x1a' || line === '\x1c' || line === '\x04';
}
/** Typing takes a person about a second per command. */
const TYPING_MS = 1000;
/** How long a command may compute with no timers before the next line is typed ahead anyway. */
const BUSY_TURNS = 2000;
/**
 * How long (virtual time) a person waits for a command that keeps running and does not read the
 * terminal (`docker logs -f`, `while true; do sleep 1; done`) before typing the next line ahead:
 * the line waits in the terminal's input queue (a Ctrl-C discards it, as the tty driver does),
 * and the end of input is reached instead of waiting forever.
 */
const PATIENCE_MS = 10 * 60_000;

export interface SimOptions {
  seed?: number;
  echo?: boolean;
}

/**
 * Runs a whole transcript's input and returns what the screen showed (with "\n" line ends);
 * `write` also receives it as it is produced. Used by the transcript tests too.
 */
export async function simulate(input: string, opts: SimOptions = {}, write?: (s: string) => void): Promise<string> {
  const session = createNodeSession({ seed: opts.seed ?? 1 });
  let out = '';
  let carry = '';
  const term = session.openTerminal({ screen: opts.echo ? 'plain' : 'none' }) as SimTerminal;
  term.onOutput((s) => {
    // The terminal's "\r\n" line ends become "\n"; a chunk may end between the two.
    let text = carry + s;
    carry = '';
    if (text.endsWith('\r')) {
      carry = '\r';
      text = text.slice(0, -1);
    }
    text = text.replace(/\r\n/g, '\n');
    out += text;
    write?.(text);
  });
  await feed(session, term, input);
  if (carry) {
    out += carry;
    write?.(carry);
  }
  session.dispose();
  return out;
}

async function feed(session: DockyardSession, term: SimTerminal, input: string): Promise<void> {
  const { pty, process: shell } = term;
  const idle = () => shell.state === 'exited' || pty.isWaitingForInput;
  await session.settle(idle, BUSY_TURNS);
  const lines = input.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let pendingCommand = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (shell.state === 'exited') break;
    if (isControlKey(line)) {
      pty.input(line);
      pendingCommand = '';
    } else {
      // Only the first line of a command costs typing time; a here-document's lines follow it.
      if (pendingCommand === '') session.clock.advanceBy(TYPING_MS);
      pendingCommand += line + '\n';
      const r = parse(pendingCommand, { interactive: true });
      if (r.ok || !r.incomplete) pendingCommand = '';
      pty.input(line + '\r');
    }
    // A Ctrl-C (or Ctrl-Z, Ctrl-\\, Ctrl-D) on the next line is pressed a second after this one,
    // whether or not the command has ended by then: `sleep 100` then Ctrl-C is interrupted.
    const next = lines[i + 1];
    if (next !== undefined && isControlKey(next)) await session.settle(idle, BUSY_TURNS, session.clock.now() + TYPING_MS);
    else {
      const givesUp = session.clock.now() + PATIENCE_MS;
      await session.settle(() => idle() || session.clock.now() >= givesUp, BUSY_TURNS);
    }
  }
  // End of input: running jobs get SIGINT.
  for (const p of [...session.kernel.processes.values()]) {
    if (p !== shell && p.tty === pty) session.kernel.kill(p.pid, 'SIGINT');
  }
  // A world with periodic work (a cluster's kubelet probes its pods) never runs out of timers:
  // give the signalled jobs ten virtual seconds to end, then stop.
  await session.settle(() => false, 10, session.clock.now() + 10_000);
}

async function interactive(seed: number): Promise<void> {
  const session = createNodeSession({ seed, host: nodeRealtimeHost(), time: nodeRealtime });
  const term = session.openTerminal({ cols: process.stdout.columns, rows: process.stdout.rows });
  term.onOutput((s) => process.stdout.write(s));
  term.onExit((status) => {
    process.stdin.setRawMode?.(false);
    process.exit(status);
  });
  process.stdout.on('resize', () => term.resize(process.stdout.columns, process.stdout.rows));
  process.stdin.setRawMode?.(true);
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (d: string) => term.input(d));
  // Runs until the shell exits (onExit ends the process).
  return new Promise<void>(() => {});
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { seed: { type: 'string' }, echo: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write('Usage: npm run -s sim [-- --seed N] [-- --echo] < commands.txt\n');
    return;
  }
  const seed = values.seed !== undefined ? Number(values.seed) : 1;
  if (!Number.isInteger(seed)) {
    process.stderr.write(`sim: --seed wants an integer, got '${values.seed}'\n`);
    process.exit(2);
  }
  if (process.stdin.isTTY) return interactive(seed);
  const input = readFileSync(0, 'utf8');
  await simulate(input, { seed, echo: values.echo ?? false }, (s) => process.stdout.write(s));
  process.exitCode = 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (e: unknown) => {
      process.stderr.write(`sim: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
