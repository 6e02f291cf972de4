/** Where lesson paths point: the learner's home folder, and how a lesson names a path in it. */
import { normalizePath } from '../engine/fs/path';

/** The learner's home folder: relative paths in lessons are relative to it. */
export const LEARNER_HOME = '/home/learner';

/** Resolves a lesson path (`hello.txt`, `~/app/x`, `/etc/hosts`) to an absolute one. */
export function lessonPath(p: string): string {
  if (p === '~') return LEARNER_HOME;
  if (p.startsWith('~/')) return normalizePath(`${LEARNER_HOME}/${p.slice(2)}`);
  return p.startsWith('/') ? normalizePath(p) : normalizePath(`${LEARNER_HOME}/${p}`);
}
