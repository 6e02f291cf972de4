import { describe, expect, it } from 'vitest';
import { threeWayPatch } from './apply';
import { withLastApplied } from './lastapplied';

describe('threeWayPatch', () => {
  const live = {
    metadata: { name: 'web', labels: { app: 'web', tier: 'front' } },
    spec: { containers: [{ name: 'a', image: 'nginx', imagePullPolicy: 'Always' }, { name: 'b', image: 'redis' }] },
  };

  it('is empty when the file is a subset of the live object', () => {
    const file = { metadata: { name: 'web', labels: { app: 'web', tier: 'front' } }, spec: { containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'redis' }] } };
    expect(threeWayPatch(file, file, live, 'Pod')).toEqual({});
  });

  it('changes a container by its merge key and deletes what the last applied had', () => {
    const last = { metadata: { name: 'web', labels: { app: 'web', tier: 'front' } }, spec: { containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'redis' }] } };
    const file = { metadata: { name: 'web', labels: { app: 'web' } }, spec: { containers: [{ name: 'a', image: 'nginx:1.27' }] } };
    expect(threeWayPatch(last, file, live, 'Pod')).toEqual({
      metadata: { labels: { tier: null } },
      spec: { containers: [{ name: 'a', image: 'nginx:1.27' }, { name: 'b', $patch: 'delete' }] },
    });
  });

  it('leaves fields others set alone (no last applied: nothing is deleted)', () => {
    const file = { metadata: { name: 'web', labels: { app: 'web' } } };
    expect(threeWayPatch(undefined, file, live, 'Pod')).toEqual({});
  });
});

describe('withLastApplied', () => {
  it('stores the object as Go JSON with sorted keys, an empty annotations map and a newline', () => {
    const out = withLastApplied({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'c', namespace: 'default' }, data: { b: '<&>', a: '1' } });
    expect((out.metadata as { annotations: Record<string, string> }).annotations['kubectl.kubernetes.io/last-applied-configuration']).toBe(
      '{"apiVersion":"v1","data":{"a":"1","b":"\\u003c\\u0026\\u003e"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"c","namespace":"default"}}\n',
    );
  });
});
