/** User and group names from the file system's /etc/passwd and /etc/group. */
import type { FileSystem } from '../../../engine/fs/types';

export interface PasswdEntry {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  readonly gecos: string;
  readonly home: string;
  readonly shell: string;
}

export interface GroupEntry {
  readonly name: string;
  readonly gid: number;
  readonly members: readonly string[];
}

function readText(fs: FileSystem, path: string): string {
  try {
    return fs.readText(path);
  } catch {
    return '';
  }
}

function lines(text: string): string[] {
  return text.split('\n').filter((l) => l && !l.startsWith('#'));
}

function parsePasswd(text: string): readonly PasswdEntry[] {
  return lines(text).map((l) => {
    const f = l.split(':');
    return { name: f[0] ?? '', uid: Number(f[2]), gid: Number(f[3]), gecos: f[4] ?? '', home: f[5] ?? '/', shell: f[6] ?? '' };
  });
}

function parseGroup(text: string): readonly GroupEntry[] {
  return lines(text).map((l) => {
    const f = l.split(':');
    return { name: f[0] ?? '', gid: Number(f[2]), members: (f[3] ?? '').split(',').filter(Boolean) };
  });
}

/**
 * The last text parsed and what it gave (`ls -l`, `ps`, the prompt... read the same /etc/passwd
 * again and again; the file system hands back the same string while the file is unchanged, so the
 * comparison is cheap). A cache of a pure function: no state shared between instances.
 */
function memo<T>(parse: (text: string) => T): (text: string) => T {
  let last: { text: string; value: T } | undefined;
  return (text) => {
    if (last?.text !== text) last = { text, value: parse(text) };
    return last.value;
  };
}

const passwdOf = memo(parsePasswd);
const groupOf = memo(parseGroup);

export function passwd(fs: FileSystem): PasswdEntry[] {
  return [...passwdOf(readText(fs, '/etc/passwd'))];
}

export function groups(fs: FileSystem): GroupEntry[] {
  return [...groupOf(readText(fs, '/etc/group'))];
}

/** Caches lookups for one command run (ls -l over many files). */
export class UserDb {
  private users: readonly PasswdEntry[] | undefined;
  private grps: readonly GroupEntry[] | undefined;
  constructor(private readonly fs: FileSystem) {}

  private u(): readonly PasswdEntry[] {
    return (this.users ??= passwdOf(readText(this.fs, '/etc/passwd')));
  }
  private g(): readonly GroupEntry[] {
    return (this.grps ??= groupOf(readText(this.fs, '/etc/group')));
  }

  userName(uid: number): string | undefined {
    return this.u().find((e) => e.uid === uid)?.name;
  }
  groupName(gid: number): string | undefined {
    return this.g().find((e) => e.gid === gid)?.name;
  }
  userByName(name: string): PasswdEntry | undefined {
    return this.u().find((e) => e.name === name);
  }
  user(uid: number): PasswdEntry | undefined {
    return this.u().find((e) => e.uid === uid);
  }
  groupByName(name: string): GroupEntry | undefined {
    return this.g().find((e) => e.name === name);
  }
  /** Groups listing `name` as a member. */
  groupsOf(name: string): GroupEntry[] {
    return this.g().filter((e) => e.members.includes(name));
  }
}
