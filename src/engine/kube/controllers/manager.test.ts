import { describe, expect, it } from 'vitest';
import { Clock } from '../../core/clock';
import { IdGen } from '../../core/ids';
import { ApiServer, ControlPlaneLoops } from '../apiserver';
import { EventRecorder } from './events';
import { ControllerManager } from './manager';
import { FakeKubelet, testCluster } from './testkit';
import { DEPLOYMENTS, EVENTS, PODS, REPLICASETS, num, o } from './util';

const deploy = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } },
};

describe('ControllerManager', () => {
  it('picks up where a snapshot left off (level-based: nothing is replayed twice)', () => {
    const c = testCluster();
    c.api.create(DEPLOYMENTS, 'default', deploy);
    c.advance(2000);
    c.api.patch(DEPLOYMENTS, 'default', 'web', 'strategic', { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:1.28' }] } } } });
    c.clock.settle();
    // mid-rollout: restore into a fresh world
    const clock = new Clock(c.clock.snapshot());
    const ids = new IdGen(c.ids.snapshot());
    const api = new ApiServer({ clock, ids }, c.api.snapshot());
    new ControlPlaneLoops(api, clock);
    new ControllerManager({ api, clock, ids }).start();
    new FakeKubelet(api, clock);
    clock.settle();
    // pods that were Pending get started by the new kubelet; the rollout finishes
    for (let i = 0; i < 20; i++) clock.advanceBy(500);
    const rss = api.list(REPLICASETS, 'default');
    if (!rss.ok) throw new Error();
    expect(rss.value.items.map((rs) => num(o(rs.spec).replicas)).sort()).toEqual([0, 3]);
    const pods = api.list(PODS, 'default');
    expect(pods.ok && pods.value.items.length).toBe(3);
    const d = api.get(DEPLOYMENTS, 'default', 'web');
    expect(d.ok && o(d.value.status)).toMatchObject({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
  });

  it('repeats an event as a count, as the EventCorrelator does', () => {
    const c = testCluster();
    const r = c.api.create(DEPLOYMENTS, 'default', deploy);
    if (!r.ok) throw new Error();
    const rec = new EventRecorder(c.api, c.clock, 'deployment-controller');
    rec.event(r.value, 'Warning', 'Test', 'same thing');
    c.advance(3000);
    rec.event(r.value, 'Warning', 'Test', 'same thing');
    const evs = c.list(EVENTS).filter((e) => e.reason === 'Test');
    expect(evs).toHaveLength(1);
    expect(evs[0]).toMatchObject({ count: 2, firstTimestamp: '2026-01-05T09:00:00Z', lastTimestamp: '2026-01-05T09:00:03Z', source: { component: 'deployment-controller' }, reportingComponent: 'deployment-controller', type: 'Warning' });
    expect(evs[0]!.metadata.name).toMatch(/^web\.[0-9a-f]+$/);
  });
});
