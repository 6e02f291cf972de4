import { describe, expect, it } from 'vitest';
import { testCluster } from './testkit';
import { PODS, REPLICASETS, o } from './util';

const rs = (name: string, replicas: number) => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } },
});

describe('ReplicaSet controller', () => {
  it('creates pods named <rs>-xxxxx owned by the ReplicaSet, with events and status', () => {
    const c = testCluster();
    c.api.create(REPLICASETS, 'default', rs('web', 3));
    c.clock.settle();
    const pods = c.list(PODS);
    expect(pods).toHaveLength(3);
    const owner = c.get(REPLICASETS, 'default', 'web');
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.generateName).toBe('web-');
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    expect([...c.events('web')].sort()).toEqual(pods.map((p) => `SuccessfulCreate: Created pod: ${p.metadata.name}`).sort());
    expect(c.get(REPLICASETS, 'default', 'web').status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
    c.advance(2000);
    expect(c.get(REPLICASETS, 'default', 'web').status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
  });

  it('scales down, deleting not-ready pods first, and replaces a deleted pod', () => {
    const c = testCluster();
    c.api.create(REPLICASETS, 'default', rs('web', 2));
    c.advance(2000);
    // a third pod that is not ready yet
    c.api.patch(REPLICASETS, 'default', 'web', 'merge', { spec: { replicas: 3 } });
    c.clock.settle();
    const fresh = c.list(PODS).find((p) => o(p.status).phase === 'Pending')!;
    c.api.patch(REPLICASETS, 'default', 'web', 'merge', { spec: { replicas: 2 } });
    c.clock.settle();
    expect(c.events('web').at(-1)).toBe(`SuccessfulDelete: Deleted pod: ${fresh.metadata.name}`);
    c.advance(1000);
    expect(c.list(PODS).map((p) => p.metadata.name)).not.toContain(fresh.metadata.name);
    const victim = c.list(PODS)[0]!;
    c.api.delete(PODS, 'default', victim.metadata.name!, {});
    c.clock.settle();
    // the terminating pod no longer counts: a replacement is made at once
    expect(c.list(PODS).filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(2);
    expect(c.list(PODS)).toHaveLength(3);
  });

  it('adopts matching orphans and releases pods whose labels stop matching', () => {
    const c = testCluster();
    c.api.create(PODS, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    c.api.create(REPLICASETS, 'default', rs('web', 2));
    c.clock.settle();
    expect(c.list(PODS)).toHaveLength(2);
    expect(c.get(PODS, 'default', 'stray').metadata.ownerReferences?.[0]?.name).toBe('web');
    c.api.patch(PODS, 'default', 'stray', 'merge', { metadata: { labels: { app: 'debug' } } });
    c.clock.settle();
    expect(c.get(PODS, 'default', 'stray').metadata.ownerReferences).toBeUndefined();
    expect(c.list(PODS, 'default', 'app=web')).toHaveLength(2);
  });

  it('deleting the ReplicaSet deletes its pods (garbage collector)', () => {
    const c = testCluster();
    c.api.create(REPLICASETS, 'default', rs('web', 2));
    c.advance(2000);
    c.api.delete(REPLICASETS, 'default', 'web', {});
    c.advance(2000);
    expect(c.list(PODS)).toHaveLength(0);
  });
});
