/** Shared types of the command framework. */

/** What a completer is told: the words typed after the program name, and the one being completed. */
export interface CompleteRequest {
  /** Positional arguments of the command found so far (flags removed). */
  readonly args: readonly string[];
  /** The word being completed (a prefix, possibly ""). */
  readonly toComplete: string;
  /** The command path found, e.g. ["docker", "container", "ls"]. */
  readonly path: readonly string[];
  /** Values of flags typed so far on the line, by long name (last one wins). */
  readonly flags: ReadonlyMap<string, string>;
}

/**
 * Completes a positional argument or a flag's value. It returns candidates (filtered by the
 * prefix afterwards) or undefined to let the shell complete file names.
 */
export type Completer = (req: CompleteRequest) => readonly string[] | undefined;

/** Positional argument rules, checked before `run`; the style words the error as the real tool does. */
export type ArgsRule =
  | { readonly kind: 'any' }
  | { readonly kind: 'none' }
  | { readonly kind: 'exact'; readonly n: number }
  | { readonly kind: 'min'; readonly n: number }
  | { readonly kind: 'max'; readonly n: number }
  | { readonly kind: 'range'; readonly min: number; readonly max: number }
  | { readonly kind: 'custom'; readonly check: (args: readonly string[]) => string | undefined };

export const anyArgs: ArgsRule = { kind: 'any' };
export const noArgs: ArgsRule = { kind: 'none' };
export const exact = (n: number): ArgsRule => ({ kind: 'exact', n });
export const min = (n: number): ArgsRule => ({ kind: 'min', n });
export const max = (n: number): ArgsRule => ({ kind: 'max', n });
export const range = (lo: number, hi: number): ArgsRule => ({ kind: 'range', min: lo, max: hi });
/** A rule of one's own: returns the error text, or undefined when the arguments are fine. */
export const customArgs = (check: (args: readonly string[]) => string | undefined): ArgsRule => ({ kind: 'custom', check });

/** kubectl's command groups on the root's help ("Basic Commands (Beginner):" and its commands, in order). */
export interface CommandGroup {
  readonly message: string;
  readonly commands: readonly string[];
}

/** The terminal the help is drawn for. */
export interface RenderEnv {
  /** Width of the terminal on stdin (docker sizes flag listings by it); undefined when not a terminal. */
  readonly stdinCols?: number;
  /** Width of the terminal on stdout (kubectl wraps help by it); undefined when not a terminal. */
  readonly stdoutCols?: number;
  /** Whether the stream the help goes to is a terminal (docker's bold "For more help" line). */
  readonly outIsTTY?: boolean;
}
