/**
 * What a Dockyard session offers its front-ends (the React UI, `npm run sim`, lesson checks).
 * A session is one instance: its own engine, host file system, kernel and terminals.
 */
import type { Event, IDisposable } from '../engine/core/events';
import type { FileSystem } from '../engine/fs/types';
import type { ProgramInfo } from '../engine/runtime/programs';

export interface TerminalHandle extends IDisposable {
  readonly id: number;
  /** Keys typed at the terminal (as xterm.js's onData gives them). */
  input(data: string): void;
  /** Bytes for the screen, as xterm.js's write() takes them. */
  readonly onOutput: Event<string>;
  resize(cols: number, rows: number): void;
  /** The terminal's shell exited (`exit`, ^D); the UI closes the tab or offers a new shell. */
  readonly onExit: Event<number>;
}

export interface RunResult {
  /** stdout and stderr interleaved, as a screen would show them (with "\n" line ends). */
  readonly output: string;
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number;
}

export interface SessionSnapshot {
  readonly version: number;
  readonly engine: unknown;
}

/**
 * One kind of object a lesson check can look at (files; later containers, images, pods ...): each
 * object as plain JSON, the way `docker inspect` or `kubectl get -o json` shows it.
 */
export interface StateKind {
  /** How a message names the kind: "file" / "文件". */
  readonly label: { readonly en: string; readonly zh: string };
  /** The object called `name`, or undefined when there is none. */
  get(name: string): unknown;
  /** Every object of the kind, by name. */
  list(): Array<{ readonly name: string; readonly value: unknown }>;
}

/** Makes a kind's view of one world (a session or a fork of it). */
export type StateKindFactory = (session: Session) => StateKind;

export interface Session extends IDisposable {
  /** The learner's host. */
  readonly fs: FileSystem;
  openTerminal(): TerminalHandle;
  /**
   * Runs a command line in a fresh non-interactive bash on the host and waits for it. With
   * `asTyped`, its lines also count as typed at a terminal (lesson solutions replayed headless).
   */
  run(line: string, opts?: { asTyped?: boolean }): Promise<RunResult>;
  /** Every command typed at a terminal of this session, oldest first, aliases expanded. */
  typedHistory(): readonly string[];
  /** Adds a program (a CLI) to the host, installed as an executable file on PATH. */
  registerCommand(info: ProgramInfo, path?: string): void;
  /** Fires when the simulated world changed (a command finished, a file changed). */
  readonly onDidChange: Event<void>;
  /** `vim file`, `code file`: the UI opens the file in the editor. */
  readonly onOpenInEditor: Event<string>;
  /** Lets lesson checks look at a kind of object (forks inherit it). */
  registerStateKind(kind: string, factory: StateKindFactory): void;
  /** The objects of a kind in this world, or undefined for a kind nobody registered. */
  state(kind: string): StateKind | undefined;
  /** A copy-on-write copy of this session's world, cheap to make: checks run on forks. */
  fork(): Session;
  /** The world as JSON; `createSession({ snapshot })` brings it back as a new session. */
  snapshot(): SessionSnapshot;
}
