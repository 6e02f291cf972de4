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

function readLines(fs: FileSystem, path: string): string[] {
  try {
    return fs.readText(path).split('\n').filter((l) => l && !l.startsWith('#'));
  } catch {
    return [];
  }
}

export function passwd(fs: FileSystem): PasswdEntry[] {
  return readLines(fs, '/etc/passwd').map((l) => {
    const f = l.split(':');
    return { name: f[0] ?? '', uid: Number(f[2]), gid: Number(f[3]), gecos: f[4] ?? '', home: f[5] ?? '/', shell: f[6] ?? '' };
  });
}

export function groups(fs: FileSystem): GroupEntry[] {
  return readLines(fs, '/etc/group').map((l) => {
    const f = l.split(':');
    return { name: f[0] ?? '', gid: Number(f[2]), members: (f[3] ?? '').split(',').filter(Boolean) };
  });
}

/** Caches lookups for one command run (ls -l over many files). */
export class UserDb {
  private users: PasswdEntry[] | undefined;
  private grps: GroupEntry[] | undefined;
  constructor(private readonly fs: FileSystem) {}

  private u(): PasswdEntry[] {
    return (this.users ??= passwd(this.fs));
  }
  private g(): GroupEntry[] {
    return (this.grps ??= groups(this.fs));
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
