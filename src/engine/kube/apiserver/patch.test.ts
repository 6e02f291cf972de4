import { describe, expect, it } from 'vitest';
import { jsonPatch, mergePatch, strategicMergePatch } from './patch';

describe('mergePatch (RFC 7386)', () => {
  it('merges maps, replaces lists, deletes on null', () => {
    expect(mergePatch({ a: 1, b: { c: 2, d: 3 }, l: [1, 2] }, { b: { c: null, e: 4 }, l: [3] })).toEqual({ a: 1, b: { d: 3, e: 4 }, l: [3] });
  });
});

describe('jsonPatch (RFC 6902)', () => {
  it('adds, replaces, removes, tests, moves', () => {
    const r = jsonPatch({ a: [1, 2], b: { c: 1 } }, [
      { op: 'add', path: '/a/-', value: 3 },
      { op: 'replace', path: '/b/c', value: 2 },
      { op: 'test', path: '/b/c', value: 2 },
      { op: 'move', from: '/b/c', path: '/d' },
      { op: 'remove', path: '/a/0' },
    ]);
    expect(r).toEqual({ ok: true, value: { a: [2, 3], b: {}, d: 2 } });
  });
  it('fails on a missing path', () => {
    expect(jsonPatch({}, [{ op: 'remove', path: '/x' }])).toEqual({ ok: false, kind: 'unprocessable', error: 'remove operation does not apply: doc is missing path: "/x": missing value' });
    expect(jsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }]).ok).toBe(false);
  });
});

describe('strategicMergePatch', () => {
  const pod = {
    metadata: { finalizers: ['a'] },
    spec: {
      containers: [
        { name: 'web', image: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }], env: [{ name: 'A', value: '1' }] },
        { name: 'side', image: 'busybox' },
      ],
      tolerations: [{ key: 'x' }],
    },
  };

  it('merges lists by their merge keys and replaces atomic lists', () => {
    const r = strategicMergePatch(pod, { metadata: { finalizers: ['b'] }, spec: { containers: [{ name: 'web', image: 'nginx:2', env: [{ name: 'B', value: '2' }] }], tolerations: [{ key: 'y' }] } }, 'Pod');
    expect(r).toEqual({
      ok: true,
      value: {
        metadata: { finalizers: ['a', 'b'] },
        spec: {
          containers: [
            { name: 'web', image: 'nginx:2', ports: [{ containerPort: 80, protocol: 'TCP' }], env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] },
            { name: 'side', image: 'busybox' },
          ],
          tolerations: [{ key: 'y' }],
        },
      },
    });
  });

  it('honours $patch: delete and replace, $setElementOrder and $deleteFromPrimitiveList', () => {
    const r = strategicMergePatch(
      pod,
      {
        metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] },
        spec: { '$setElementOrder/containers': [{ name: 'side' }, { name: 'web' }], containers: [{ name: 'web', $patch: 'delete' }] },
      },
      'Pod',
    );
    expect(r.ok && (r.value as { spec: { containers: { name: string }[] } }).spec.containers.map((c) => c.name)).toEqual(['side']);
    expect(r.ok && (r.value as { metadata: { finalizers: string[] } }).metadata.finalizers).toEqual([]);
    const rep = strategicMergePatch(pod, { spec: { $patch: 'replace', containers: [] } }, 'Pod');
    expect(rep.ok && (rep.value as { spec: unknown }).spec).toEqual({ containers: [] });
  });

  it('merges Service ports by port and reports a missing merge key', () => {
    const svc = { spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443 }] } };
    const r = strategicMergePatch(svc, { spec: { ports: [{ port: 80, nodePort: 30080 }] } }, 'Service');
    expect(r.ok && (r.value as { spec: { ports: unknown[] } }).spec.ports).toEqual([{ port: 80, targetPort: 8080, nodePort: 30080 }, { port: 443 }]);
    expect(strategicMergePatch(pod, { spec: { containers: [{ image: 'x' }] } }, 'Pod')).toEqual({ ok: false, kind: 'bad-request', error: 'map: {"image":"x"} does not contain declared merge key: name' });
  });
});
