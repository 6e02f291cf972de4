/**
 * The runtime's registry of programs. A file is a program when its contents carry an executable
 * marker naming a registered program, the way an ELF binary names itself: `ls` on the host is the
 * file /usr/bin/ls whose marker says "ls". Copying the file copies the program.
 */
import type { Program } from './kernel';

const MARKER = '\x7fELF\x02\x01\x01\x00dockyard:';

/** The contents of an executable file that runs the registered program `name`. */
export function executableContents(name: string): string {
  return `${MARKER}${name}\n`;
}

/** The registered program a file's contents name, if the file is such an executable. */
export function programNameOf(contents: Uint8Array): string | undefined {
  if (contents.length < MARKER.length || contents[0] !== 0x7f) return undefined;
  const text = new TextDecoder().decode(contents.subarray(0, Math.min(contents.length, 256)));
  if (!text.startsWith(MARKER)) return undefined;
  const end = text.indexOf('\n', MARKER.length);
  return text.slice(MARKER.length, end < 0 ? undefined : end);
}

export interface ProgramInfo {
  readonly name: string;
  readonly program: Program;
  /** Completion of arguments (flags, subcommands), asked by readline through the shell. */
  complete?(args: readonly string[], ctx: { cwd: string }): string[] | undefined;
}

export class ProgramRegistry {
  private readonly map = new Map<string, ProgramInfo>();

  register(info: ProgramInfo): void {
    this.map.set(info.name, info);
  }

  get(name: string): ProgramInfo | undefined {
    return this.map.get(name);
  }

  names(): string[] {
    return [...this.map.keys()].sort();
  }
}
