import { describe, expect, it } from 'vitest';
import { MemFs } from '../fs/memfs';
import { lookupBuildUser, lookupUser } from './users';

const clock = { now: () => 0 };
function fsWith(passwd?: string, group?: string): MemFs {
  const fs = new MemFs(clock);
  fs.mkdir('/etc');
  if (passwd !== undefined) fs.writeFile('/etc/passwd', passwd);
  if (group !== undefined) fs.writeFile('/etc/group', group);
  return fs;
}

describe('lookupUser (moby/sys/user GetExecUser)', () => {
  const fs = fsWith('root:x:0:0:root:/root:/bin/bash\nnginx:x:101:101::/nonexistent:/bin/false\napp:x:1000:1000::/home/app:/bin/sh\n', 'root:x:0:\nnginx:x:101:\napp:x:1000:\ndevs:x:1002:app,bob\n');
  it('finds names and numbers, with supplementary groups of a named user', () => {
    expect(lookupUser('', fs)).toEqual({ ok: true, value: { uid: 0, gid: 0, groups: [0] } });
    expect(lookupUser('app', fs)).toEqual({ ok: true, value: { uid: 1000, gid: 1000, groups: [1000, 1002] } });
    expect(lookupUser('101', fs)).toEqual({ ok: true, value: { uid: 101, gid: 101, groups: [101] } });
    expect(lookupUser('4242', fs)).toEqual({ ok: true, value: { uid: 4242, gid: 0, groups: [0] } });
    expect(lookupUser('app:nginx', fs)).toEqual({ ok: true, value: { uid: 1000, gid: 101, groups: [101] } });
    expect(lookupUser('1:77', fs)).toEqual({ ok: true, value: { uid: 1, gid: 77, groups: [77] } });
  });
  it("words its errors as moby's integration tests expect them", () => {
    expect(lookupUser('no-such-user', fs)).toEqual({ ok: false, error: 'unable to find user no-such-user: no matching entries in passwd file' });
    expect(lookupUser('no-such-user:1', fs)).toEqual({ ok: false, error: 'unable to find user no-such-user: no matching entries in passwd file' });
    expect(lookupUser('1:no-such-group', fs)).toEqual({ ok: false, error: 'unable to find group no-such-group: no matching entries in group file' });
    expect(lookupUser('root;0', fs)).toEqual({ ok: false, error: 'unable to find user root;0: no matching entries in passwd file' });
  });
  it('without /etc/passwd only numbers work; BuildKit takes uid:gid without looking', () => {
    const bare = fsWith();
    expect(lookupUser('', bare).ok).toBe(true);
    expect(lookupUser('0:0', bare).ok).toBe(true);
    expect(lookupUser('root', bare)).toEqual({ ok: false, error: 'unable to find user root: no matching entries in passwd file' });
    expect(lookupBuildUser('', bare)).toEqual({ ok: true, value: { uid: 0, gid: 0, groups: [0] } });
    expect(lookupBuildUser('5:6', bare)).toEqual({ ok: true, value: { uid: 5, gid: 6, groups: [6] } });
  });
});
