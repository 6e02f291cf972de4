/**
 * The line editor every shell uses (the host's bash, a container's bash, dash, busybox ash), and
 * any program that reads a line interactively. It puts the terminal in raw mode while editing and
 * back to cooked mode before returning, as GNU readline does.
 */
import type { CancelToken } from '../../engine/core/cancel';
import type { Pty } from '../../engine/runtime/pty';

export interface Completion {
  /** Index in the line where the word being completed starts. */
  readonly start: number;
  /** Full replacements for line.slice(start, cursor); directories end with "/". */
  readonly candidates: readonly string[];
  /** Append a space after a single unambiguous candidate (false for "dir/"). Default true. */
  readonly appendSpace?: boolean;
}

/** The foreground program answers completion: the shell knows commands, paths and CLI flags. */
export interface CompletionProvider {
  complete(line: string, cursor: number): Promise<Completion> | Completion;
}

export type ReadResult =
  | { readonly type: 'line'; readonly line: string }
  /** ^D on an empty line. */
  | { readonly type: 'eof' }
  /** ^C: the line is abandoned ("^C" was shown); bash sets $? to 130 and prompts again. */
  | { readonly type: 'interrupt' };

export interface ReadlineOptions {
  readonly tty: Pty;
  /** Shared history (the shell's), newest last. */
  readonly history: History;
  readonly completion?: CompletionProvider;
  /** The reading process's token: a signal ends the read. */
  readonly cancel?: CancelToken;
}

export interface History {
  readonly entries: readonly string[];
  add(line: string): void;
}
