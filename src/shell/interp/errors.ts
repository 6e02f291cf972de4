/** Control-flow signals of the interpreter, thrown and caught inside it. */

export class BreakLoop {
  constructor(public n: number) {}
}

export class ContinueLoop {
  constructor(public n: number) {}
}

export class ReturnFromFunction {
  constructor(readonly status: number) {}
}

/** `exit`, `set -e`, a fatal error in a non-interactive shell: the shell ends with `status`. */
export class ExitShell {
  constructor(readonly status: number) {}
}

/**
 * An error that abandons the current command line (an expansion error, `${x:?}`, `set -u`): a
 * non-interactive shell exits with `status`; an interactive one prompts again. The message was
 * already printed.
 */
export class FatalShellError {
  constructor(readonly status: number) {}
}

/** ^C in an interactive shell: the command line is abandoned and `$?` becomes 130. */
export class Interrupted {}
