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
  // The marker is ASCII, one byte a character: compare bytes, then decode only the name (what
  // follows the marker in the first 256 bytes, up to a newline). Run for every command started.
  for (let i = 1; i < MARKER.length; i++) if (contents[i] !== MARKER.charCodeAt(i)) return undefined;
  const text = utf8Decoder.decode(contents.subarray(MARKER.length, Math.max(MARKER.length, Math.min(contents.length, 256))));
  const end = text.indexOf('\n');
  return end < 0 ? text : text.slice(0, end);
}

/** Stateless use (no `stream` option), so one instance serves every call. */
const utf8Decoder = new TextDecoder();

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
