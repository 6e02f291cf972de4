import { describe, expect, it } from 'vitest';
import { PidNamespace } from '../../../engine/runtime/kernel';
import { createTestHost, ROOT_USER } from '../../testing/harness';

describe('pid namespaces: $$, ps and kill as a container sees them', () => {
  it('numbers a container’s processes from 1 and lists only them', async () => {
    const host = createTestHost();
    // A host process that must not show inside the container.
    const hostJob = host.run('sleep 1000');
    const r = await host.run('echo $$ $PPID $BASHPID; ps -ef; ps -e; (echo sub $$ $BASHPID)', { ns: { pid: new PidNamespace() }, user: ROOT_USER });
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('1 0 1');
    expect(lines[1]).toMatch(/^UID +PID +PPID/);
    expect(lines[2]).toMatch(/^root +1 +0 .* bash -c echo/);
    expect(lines[3]).toMatch(/^root +2 +1 .* ps -ef$/);
    expect(lines[4]).toBe('    PID TTY          TIME CMD');
    expect(lines[5]).toMatch(/^ +1 \? +00:00:00 bash$/);
    expect(lines[6]).toMatch(/^ +3 \? +00:00:00 ps$/);
    expect(lines[7]).toBe('sub 1 4');
    expect(r.stdout).not.toContain('sleep');
    void hostJob;
  });

  it('kills by namespace pid inside, and the host does not list the container', async () => {
    const host = createTestHost();
    const ns = { pid: new PidNamespace() };
    const inside = await host.run('sleep 100 & echo $!; kill $!; echo kill $?; kill 99; echo $?; kill 1; echo init $?', { ns, user: ROOT_USER });
    expect(inside.stdout).toBe('2\nkill 0\n1\ninit 0\n');
    expect(inside.stderr).toBe('bash: line 1: kill: (99) - No such process\n');
    const outside = await host.run('ps -e');
    expect(outside.stdout).not.toMatch(/^ +[12] /m);
    expect(outside.stdout).toMatch(/ bash\n/);
  });
});
