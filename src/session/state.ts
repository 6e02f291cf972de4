/**
 * The state kinds every session has. Lesson checks read objects through `session.state(kind)`; the
 * Docker and Kubernetes engines register their own kinds (containers, images, pods ...).
 */
import { isSysError } from '../engine/core/errors';
import { normalizePath } from '../engine/fs/path';
import { UserDb } from '../shell/commands/lib/users';
import type { Session, StateKind } from './types';

const HOME = '/home/learner';
/** Larger files are described without their content. */
const MAX_CONTENT = 1 << 20;

function resolve(name: string): string {
  if (name === '~') return HOME;
  if (name.startsWith('~/')) return normalizePath(`${HOME}/${name.slice(2)}`);
  return name.startsWith('/') ? normalizePath(name) : normalizePath(`${HOME}/${name}`);
}

/**
 * `file`: a path (relative to /home/learner, `~/...` or absolute) of the host, as
 * `{ type: "file"|"dir"|"symlink"|..., content, mode: "0644", owner, group, size, target, entries }`.
 * `content` is the text of a regular file (up to 1 MiB); `entries` the names in a folder; `target`
 * where a symbolic link points (the object is the link itself, not what it points to).
 */
export function fileStateKind(session: Session): StateKind {
  const fs = session.fs;
  const users = new UserDb(fs);
  const describe = (abs: string): unknown => {
    let st;
    try {
      st = fs.lstat(abs);
    } catch (e) {
      if (isSysError(e)) return undefined;
      throw e;
    }
    const out: Record<string, unknown> = {
      type: st.type,
      mode: `0${(st.mode & 0o7777).toString(8).padStart(3, '0')}`,
      owner: users.userName(st.uid) ?? String(st.uid),
      group: users.groupName(st.gid) ?? String(st.gid),
      size: st.size,
    };
    if (st.type === 'file' && st.size <= MAX_CONTENT) out.content = fs.readText(abs);
    if (st.type === 'dir') out.entries = fs.readdir(abs).map((e) => e.name);
    if (st.type === 'symlink') out.target = fs.readlink(abs);
    return out;
  };
  return {
    label: { en: 'file', zh: '文件' },
    get: (name) => describe(resolve(name)),
    list: () => {
      try {
        return fs.readdir(HOME).map((e) => ({ name: e.name, value: describe(`${HOME}/${e.name}`) }));
      } catch {
        return [];
      }
    },
  };
}
