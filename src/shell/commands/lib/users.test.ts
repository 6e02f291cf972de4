import { describe, it, expect } from 'vitest';
import { Clock } from '../../../engine/core/clock';
import { MemFs } from '../../../engine/fs/memfs';
import { UserDb, passwd, groups } from './users';

function world(users: string, grp: string): MemFs {
  const fs = new MemFs(new Clock({ now: 0 }));
  fs.mkdir('/etc');
  fs.writeFile('/etc/passwd', users);
  fs.writeFile('/etc/group', grp);
  return fs;
}

describe('UserDb', () => {
  it('reads the file each time it changes, and keeps file systems apart', () => {
    const a = world('root:x:0:0:root:/root:/bin/bash\nlearner:x:1000:1000::/home/learner:/bin/bash\n', 'root:x:0:\nlearner:x:1000:\ndocker:x:999:learner\n');
    const b = world('root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/sh\n', 'root:x:0:\n');
    expect(new UserDb(a).userName(1000)).toBe('learner');
    expect(new UserDb(b).userName(1000)).toBe('alice');
    expect(new UserDb(a).userName(1000)).toBe('learner');
    expect(new UserDb(a).groupsOf('learner').map((g) => g.name)).toEqual(['docker']);
    expect(new UserDb(b).groupName(999)).toBeUndefined();
    a.writeFile('/etc/passwd', 'bob:x:1000:1000::/home/bob:/bin/bash\n', { append: true });
    expect(new UserDb(a).userByName('bob')?.home).toBe('/home/bob');
    a.writeFile('/etc/passwd', '# no users\n');
    expect(new UserDb(a).userName(0)).toBeUndefined();
    a.unlink('/etc/group');
    expect(groups(a)).toEqual([]);
  });

  it('hands out arrays the caller may change', () => {
    const fs = world('root:x:0:0:root:/root:/bin/bash\n', 'root:x:0:\n');
    passwd(fs).length = 0;
    expect(passwd(fs).map((u) => u.name)).toEqual(['root']);
  });
});
