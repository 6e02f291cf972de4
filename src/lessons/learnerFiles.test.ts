import { describe, expect, it } from 'vitest';
import { createSession, type SessionOptions } from '../session/session';
import { coreutils } from '../shell/commands';
import { collectLearnerFiles, restoreLearnerFiles } from './learnerFiles';

const host: SessionOptions['host'] = { yieldToHost: () => new Promise((r) => setImmediate(r)), shouldYield: () => true };
const createNodeSession = () => createSession({ host, time: { kind: 'virtual' }, programs: coreutils });

describe('collectLearnerFiles', () => {
  it('keeps regular text files under the home directory, with non-default modes', async () => {
    const s = createNodeSession();
    const r = await s.run(
      [
        'mkdir -p ~/app/src && cd ~',
        'echo "FROM alpine" > app/Dockerfile',
        'printf "#!/bin/sh\\necho hi\\n" > run.sh && chmod +x run.sh',
        'echo secret > app/src/.env',
        'ln -s app/Dockerfile link',
        "printf '\\377\\376\\000' > blob.bin",
        "printf '%2000s' '' > big.txt",
        'echo ls > .bash_history',
      ].join('\n'),
    );
    expect(r.status).toBe(0);
    const kept = collectLearnerFiles(s.fs, { maxBytes: 1000 });
    expect(kept.files['app/Dockerfile']).toBe('FROM alpine\n');
    expect(kept.files['run.sh']).toBe('#!/bin/sh\necho hi\n');
    expect(kept.files['app/src/.env']).toBe('secret\n');
    expect(kept.modes).toEqual({ 'run.sh': 0o755 });
    // Not kept: a symbolic link, a binary file, a file over the limit, the history (kept apart).
    for (const p of ['link', 'blob.bin', 'big.txt', '.bash_history']) expect(kept.files, p).not.toHaveProperty(p);
    expect(collectLearnerFiles(s.fs).files['big.txt']).toHaveLength(2000);
    s.dispose();
  });

  it('writes the files back into a fresh world', async () => {
    const a = createNodeSession();
    await a.run('mkdir -p ~/k8s/base && echo "kind: Pod" > ~/k8s/base/pod.yaml && echo "x" > ~/s.sh && chmod 700 ~/s.sh');
    const kept = collectLearnerFiles(a.fs);
    const b = createNodeSession();
    expect(restoreLearnerFiles(b.fs, { ...kept.files, '../../etc/passwd': 'nope', '/abs': 'nope' }, kept.modes)).toEqual(['../../etc/passwd', '/abs']);
    expect(collectLearnerFiles(b.fs)).toEqual(kept);
    const ls = await b.run('ls -l ~/s.sh | cut -c1-10; cat ~/k8s/base/pod.yaml; grep -c root /etc/passwd');
    expect(ls.stdout).toBe('-rwx------\nkind: Pod\n1\n');
    a.dispose();
    b.dispose();
  });
});
