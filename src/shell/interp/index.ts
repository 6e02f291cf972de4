/**
 * The shells: `bash` (GNU bash 5.2), `dash` (Debian's /bin/sh) and `ash` (busybox), as programs
 * the kernel runs. See shell.ts for the interpreter and main.ts for how each is started.
 */
import type { ProgramInfo } from '../../engine/runtime/programs';
import { ashProgram, bashProgram, dashProgram } from './main';

export const shellPrograms: ProgramInfo[] = [
  { name: 'bash', program: bashProgram },
  { name: 'dash', program: dashProgram },
  { name: 'ash', program: ashProgram },
];

export { Shell } from './shell';
export type { Dialect, ParseFn, ShellConfig, ShellMode } from './shell';
export { expandPrompt, decodePromptEscapes, expandHistory, ShellCompletion } from './repl';
