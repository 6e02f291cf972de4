import { describe, expect, it } from 'vitest';
import { formatBytes, PlainPrinter, sourceExcerpt, TtyPrinter, type ProgressEvent } from './progress';

/** The hello-docker build of cli-reference §2.2, as events (times in ms). */
function events(): ProgressEvent[] {
  const v = (id: string, name: string, started: number, completed?: number, cached?: boolean): ProgressEvent => ({ kind: 'vertex', vertex: { id, name, started, completed, cached } });
  return [
    v('1', '[internal] load build definition from Dockerfile', 0),
    { kind: 'status', vertex: '1', id: 'transferring dockerfile:', current: 245, started: 0, completed: 10 },
    v('1', '[internal] load build definition from Dockerfile', 0, 10),
    v('2', '[internal] load metadata for docker.io/library/ubuntu:latest', 10, 1110),
    v('3', '[internal] load .dockerignore', 1110),
    { kind: 'status', vertex: '3', id: 'transferring context:', current: 2, started: 1110, completed: 1120 },
    v('3', '[internal] load .dockerignore', 1110, 1120),
    v('4', '[1/2] FROM docker.io/library/ubuntu:latest@sha256:80dd3c3b9c6cecb9f1667e9290b3bc61b78c2678c02cbdae5f0fea92cc6734ab', 1120, 3120),
    v('5', '[2/2] RUN apt-get update && apt-get install -y cowsay fortune', 3120),
    { kind: 'log', vertex: '5', data: 'Get:1 http://archive.ubuntu.com/ubuntu noble InRelease [256 kB]\nGet:2 http://', timestamp: 3465 },
    { kind: 'log', vertex: '5', data: 'security.ubuntu.com/ubuntu noble-security InRelease [126 kB]\n', timestamp: 3500 },
    v('5', '[2/2] RUN apt-get update && apt-get install -y cowsay fortune', 3120, 13420),
    v('6', 'exporting to image', 13420),
    { kind: 'status', vertex: '6', id: 'exporting layers', started: 13420 },
    { kind: 'status', vertex: '6', id: 'exporting layers', started: 13420, completed: 14020 },
    { kind: 'status', vertex: '6', id: 'writing image sha256:9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0', started: 14020, completed: 14020 },
    { kind: 'status', vertex: '6', id: 'naming to docker.io/library/hello-docker:latest', started: 14020, completed: 14020 },
    v('6', 'exporting to image', 13420, 14020),
  ];
}

describe('progress', () => {
  it('prints --progress=plain as printer.go does', () => {
    let out = '';
    const p = new PlainPrinter((s) => (out += s));
    for (const e of events()) p.update(e);
    p.done();
    expect(out).toBe(
      [
        '#1 [internal] load build definition from Dockerfile',
        '#1 transferring dockerfile: 245B done',
        '#1 DONE 0.0s',
        '',
        '#2 [internal] load metadata for docker.io/library/ubuntu:latest',
        '#2 DONE 1.1s',
        '',
        '#3 [internal] load .dockerignore',
        '#3 transferring context: 2B done',
        '#3 DONE 0.0s',
        '',
        '#4 [1/2] FROM docker.io/library/ubuntu:latest@sha256:80dd3c3b9c6cecb9f1667e9290b3bc61b78c2678c02cbdae5f0fea92cc6734ab',
        '#4 DONE 2.0s',
        '',
        '#5 [2/2] RUN apt-get update && apt-get install -y cowsay fortune',
        '#5 0.345 Get:1 http://archive.ubuntu.com/ubuntu noble InRelease [256 kB]',
        '#5 0.345 Get:2 http://security.ubuntu.com/ubuntu noble-security InRelease [126 kB]',
        '#5 DONE 10.3s',
        '',
        '#6 exporting to image',
        '#6 exporting layers',
        '#6 exporting layers 0.6s done',
        '#6 writing image sha256:9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0 done',
        '#6 naming to docker.io/library/hello-docker:latest done',
        '#6 DONE 0.6s',
        '',
      ].join('\n'),
    );
  });

  it('draws the final terminal frame of cli-reference §2.2 (rows right-aligned to the width)', () => {
    let out = '';
    const p = new TtyPrinter((s) => (out += s), () => 14200, () => ({ cols: 82, rows: 30 }));
    for (const e of events()) p.update(e);
    p.done();
     
    const plain = out.replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, '');
    const lines = plain.split('\n');
    expect(lines[0]).toBe(`${'[+] Building 14.2s (6/6) FINISHED'.padEnd(66)} docker:default`);
    expect(lines.slice(1, 6)).toEqual([
      ' => [internal] load build definition from Dockerfile                         0.0s',
      ' => => transferring dockerfile: 245B                                         0.0s',
      ' => [internal] load metadata for docker.io/library/ubuntu:latest             1.1s',
      ' => [internal] load .dockerignore                                            0.0s',
      ' => => transferring context: 2B                                              0.0s',
    ]);
    expect(lines[6]).toBe(' => [1/2] FROM docker.io/library/ubuntu:latest@sha256:80dd3c3b9c6cecb9f1667  2.0s');
    expect(lines[7]).toBe(' => [2/2] RUN apt-get update && apt-get install -y cowsay fortune           10.3s');
    expect(lines[10]).toBe(' => => writing image sha256:9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a392  0.0s');
    // Completed rows are blue; the cursor is hidden while drawing and shown after.
    expect(out).toContain('\x1b[34m => [internal] load .dockerignore');
    expect(out.startsWith('\x1b[1A\x1b[1B\x1b[0G\x1b[?25l[+] Building')).toBe(true);
    expect(out.endsWith('\x1b[?25h')).toBe(true);
  });

  it('shows the tail of a running step under it, and redraws over the previous frame', () => {
    let out = '';
    let now = 3600;
    const p = new TtyPrinter((s) => (out += s), () => now, () => ({ cols: 60, rows: 30 }));
    for (const e of events().slice(0, 10)) p.update(e);
    p.refresh();
    const first = out;
     
    const plain = first.replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, '');
    // The output wraps at the width less 10, as the vt100 under the row does.
    expect(plain).toContain(' => [2/2] RUN apt-get update && apt-get install -y co  0.5s\n => => # Get:1 http://archive.ubuntu.com/ubuntu noble InRel\n => => # ease [256 kB]                                     \n => => # Get:2 http://                                     \n');
    out = '';
    now = 3700;
    p.refresh();
    expect(out.startsWith('\x1b[1A'.repeat(11) + '\x1b[0G')).toBe(true);
  });

  it('formats sizes and the Dockerfile excerpt as BuildKit does', () => {
    expect(formatBytes(2)).toBe('2B');
    expect(formatBytes(4506)).toBe('4.40kB');
    expect(formatBytes(31_240_000)).toBe('29.79MB');
    expect(sourceExcerpt('Dockerfile', 'FROM alpine\nRUNN echo hi\n', 2, 2)).toBe('Dockerfile:2\n--------------------\n   1 |     FROM alpine\n   2 | >>> RUNN echo hi\n   3 |     \n--------------------\n');
  });
});
