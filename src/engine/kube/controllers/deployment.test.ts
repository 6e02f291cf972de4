import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../apiserver';
import { rollbackPlan } from './deployment';
import { computeHash } from './gotypes';
import { testCluster, type TestCluster } from './testkit';
import { DEPLOYMENTS, PODS, REPLICASETS, arr, num, o } from './util';

const deploy = (name: string, replicas: number, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } }, ...extra },
});

function setImage(c: TestCluster, name: string, image: string): void {
  const r = c.api.patch(DEPLOYMENTS, 'default', name, 'strategic', { spec: { template: { spec: { containers: [{ name: 'c', image }] } } } });
  if (!r.ok) throw new Error(r.status.message);
}

const rsSizes = (c: TestCluster): Record<string, number> => Object.fromEntries(c.list(REPLICASETS).map((rs) => [rs.metadata.name!, num(o(rs.spec).replicas)]));
const conds = (d: KubeObject) => arr(o(d.status).conditions).map((x) => [x.type, x.status, x.reason, x.message]);
const scalingEvents = (c: TestCluster, name: string) => c.events(name).filter((e) => e.startsWith('ScalingReplicaSet'));

describe('Deployment controller', () => {
  it('creates <deploy>-<pod-template-hash> and reports the rollout', () => {
    const c = testCluster();
    c.api.create(DEPLOYMENTS, 'default', deploy('web', 3));
    c.clock.settle();
    const d = c.get(DEPLOYMENTS, 'default', 'web');
    const hash = computeHash(o(d.spec).template);
    const rs = c.get(REPLICASETS, 'default', `web-${hash}`);
    expect(rs.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(o(rs.spec).selector).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': hash } });
    expect(rs.metadata.annotations).toEqual({ 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4', 'deployment.kubernetes.io/revision': '1' });
    expect(rs.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'web', controller: true, blockOwnerDeletion: true });
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(c.events('web')).toEqual([`ScalingReplicaSet: Scaled up replica set web-${hash} from 0 to 3`]);
    for (const p of c.list(PODS)) expect(p.metadata.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    expect(conds(d)).toEqual([
      ['Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'],
      ['Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "web-${hash}" is progressing.`],
    ]);
    c.advance(2000);
    const done = c.get(DEPLOYMENTS, 'default', 'web');
    expect(done.status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(o(done.status).unavailableReplicas).toBeUndefined();
    expect(conds(done)).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "web-${hash}" has successfully progressed.`],
    ]);
  });

  it('rolls out a new template step by step within maxSurge and maxUnavailable', () => {
    const c = testCluster();
    c.api.create(DEPLOYMENTS, 'default', deploy('web', 4));
    c.advance(2000);
    const oldRS = c.list(REPLICASETS)[0]!.metadata.name!;
    setImage(c, 'web', 'nginx:1.28');
    const seen: Record<string, number>[] = [];
    let minAvailable = Infinity;
    let maxPods = 0;
    for (let t = 0; t < 20; t++) {
      c.clock.settle();
      seen.push(rsSizes(c));
      const rss = c.list(REPLICASETS);
      minAvailable = Math.min(minAvailable, rss.reduce((n, rs) => n + num(o(rs.status).availableReplicas), 0));
      maxPods = Math.max(maxPods, rss.reduce((n, rs) => n + num(o(rs.spec).replicas), 0));
      c.advance(500);
    }
    const d = c.get(DEPLOYMENTS, 'default', 'web');
    const newRS = `web-${computeHash(o(d.spec).template)}`;
    expect(newRS).not.toBe(oldRS);
    expect(rsSizes(c)).toEqual({ [oldRS]: 0, [newRS]: 4 });
    // maxSurge 25% of 4 = 1, maxUnavailable 25% of 4 = 1
    expect(maxPods).toBeLessThanOrEqual(5);
    expect(minAvailable).toBeGreaterThanOrEqual(3);
    expect(scalingEvents(c, 'web')).toEqual([
      `ScalingReplicaSet: Scaled up replica set ${oldRS} from 0 to 4`,
      `ScalingReplicaSet: Scaled up replica set ${newRS} from 0 to 1`,
      `ScalingReplicaSet: Scaled down replica set ${oldRS} from 4 to 3`,
      `ScalingReplicaSet: Scaled up replica set ${newRS} from 1 to 2`,
      // both new pods become ready together: two old ones can go at once, and two new ones come
      `ScalingReplicaSet: Scaled down replica set ${oldRS} from 3 to 1`,
      `ScalingReplicaSet: Scaled up replica set ${newRS} from 2 to 4`,
      `ScalingReplicaSet: Scaled down replica set ${oldRS} from 1 to 0`,
    ]);
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(c.get(REPLICASETS, 'default', oldRS).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(conds(d)[1]).toEqual(['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${newRS}" has successfully progressed.`]);
    expect(c.list(PODS).every((p) => p.metadata.labels?.['pod-template-hash'] === newRS.slice(4))).toBe(true);
  });

  it('Recreate scales the old ReplicaSet to zero and waits for its pods before the new one', () => {
    const c = testCluster();
    c.api.create(DEPLOYMENTS, 'default', deploy('web', 2, { strategy: { type: 'Recreate' } }));
    c.advance(2000);
    const oldRS = c.list(REPLICASETS)[0]!.metadata.name!;
    setImage(c, 'web', 'nginx:1.28');
    c.clock.settle();
    expect(rsSizes(c)).toEqual({ [oldRS]: 0 });
    expect(c.list(PODS).every((p) => p.metadata.deletionTimestamp)).toBe(true);
    c.advance(600);
    const names = Object.keys(rsSizes(c));
    expect(names).toHaveLength(2);
    const newRS = names.find((n) => n !== oldRS)!;
    expect(rsSizes(c)[newRS]).toBe(2);
    expect(scalingEvents(c, 'web').slice(1)).toEqual([`ScalingReplicaSet: Scaled down replica set ${oldRS} from 2 to 0`, `ScalingReplicaSet: Scaled up replica set ${newRS} from 0 to 2`]);
  });

  it('scales proportionally-free: a replicas change scales the only active ReplicaSet', () => {
    const c = testCluster();
    c.api.create(DEPLOYMENTS, 'default', deploy('web', 3));
    c.advance(2000);
    const rs = c.list(REPLICASETS)[0]!.metadata.name!;
    c.api.updateScale(DEPLOYMENTS, 'default', 'web', { spec: { replicas: 5 } });
    c.advance(2000);
    expect(scalingEvents(c, 'web').at(-1)).toBe(`ScalingReplicaSet: Scaled up replica set ${rs} from 3 to 5`);
    expect(c.get(REPLICASETS, 'default', rs).metadata.annotations?.['deployment.kubernetes.io/desired-replicas']).toBe('5');
    expect(c.list(PODS)).toHaveLength(5);
    expect(o(c.get(DEPLOYMENTS, 'default', 'web').status).availableReplicas).toBe(5);
  });

  it('rollout undo (kubectl, client side) brings the previous template back as a new revision', () => {
    const c = testCluster();
    c.api.create(DEPLOYMENTS, 'default', deploy('web', 2));
    c.advance(2000);
    const first = c.list(REPLICASETS)[0]!.metadata.name!;
    setImage(c, 'web', 'nginx:1.28');
    c.advance(10000);
    const d = c.get(DEPLOYMENTS, 'default', 'web');
    const plan = rollbackPlan(d, c.list(REPLICASETS));
    if (!plan.ok) throw new Error(plan.error);
    expect(plan.value.result).toBe('rolled back');
    expect(c.api.patch(DEPLOYMENTS, 'default', 'web', 'json', plan.value.patch).ok).toBe(true);
    c.advance(10000);
    expect(c.list(REPLICASETS)).toHaveLength(2);
    const back = c.get(REPLICASETS, 'default', first);
    expect(o(back.spec).replicas).toBe(2);
    expect(back.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(back.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(c.get(DEPLOYMENTS, 'default', 'web').metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    // undoing to the current template is skipped
    const again = rollbackPlan(c.get(DEPLOYMENTS, 'default', 'web'), c.list(REPLICASETS), 3);
    expect(again.ok && again.value.result).toBe('skipped rollback (current template already matches revision 3)');
    const paused = { ...c.get(DEPLOYMENTS, 'default', 'web') };
    paused.spec = { ...o(paused.spec), paused: true };
    expect(rollbackPlan(paused, c.list(REPLICASETS))).toEqual({ ok: false, error: "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again" });
    expect(rollbackPlan(paused, c.list(REPLICASETS), 7)).toEqual({ ok: false, error: 'unable to find specified revision 7 in history' });
  });

  it('keeps revisionHistoryLimit old ReplicaSets', () => {
    const c = testCluster();
    c.api.create(DEPLOYMENTS, 'default', deploy('web', 1, { revisionHistoryLimit: 1 }));
    c.advance(2000);
    for (const tag of ['1.28', '1.29', '1.30']) {
      setImage(c, 'web', `nginx:${tag}`);
      c.advance(10000);
    }
    const revisions = c.list(REPLICASETS).map((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision']).sort();
    expect(revisions).toEqual(['3', '4']);
  });

  it('pause holds template changes; resume rolls them out', () => {
    const c = testCluster();
    c.api.create(DEPLOYMENTS, 'default', deploy('web', 1));
    c.advance(2000);
    c.api.patch(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { paused: true } });
    c.clock.settle();
    expect(conds(c.get(DEPLOYMENTS, 'default', 'web')).at(-1)).toEqual(['Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused']);
    setImage(c, 'web', 'nginx:1.28');
    c.advance(5000);
    expect(c.list(REPLICASETS)).toHaveLength(1);
    c.api.patch(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { paused: false } });
    c.advance(10000);
    expect(c.list(REPLICASETS)).toHaveLength(2);
    expect(conds(c.get(DEPLOYMENTS, 'default', 'web')).at(-1)?.[2]).toBe('NewReplicaSetAvailable');
  });

  it('rollout restart: a changed template annotation makes a new ReplicaSet', () => {
    const c = testCluster();
    c.api.create(DEPLOYMENTS, 'default', deploy('web', 1));
    c.advance(2000);
    c.api.patch(DEPLOYMENTS, 'default', 'web', 'strategic', { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-05T09:00:02Z' } } } } });
    c.advance(10000);
    const rss = c.list(REPLICASETS);
    expect(rss).toHaveLength(2);
    const pods = c.list(PODS);
    expect(pods).toHaveLength(1);
    expect(pods[0]!.metadata.annotations?.['kubectl.kubernetes.io/restartedAt']).toBe('2026-01-05T09:00:02Z');
  });

  it('reports a progress deadline that passes', () => {
    const c = testCluster();
    c.api.create(DEPLOYMENTS, 'default', {
      ...deploy('web', 1, { progressDeadlineSeconds: 30 }),
      spec: { ...deploy('web', 1).spec, progressDeadlineSeconds: 30, template: { metadata: { labels: { app: 'web' }, annotations: { 'fake-kubelet/never-ready': '' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    c.advance(40000);
    const d = c.get(DEPLOYMENTS, 'default', 'web');
    const rs = c.list(REPLICASETS)[0]!.metadata.name!;
    expect(conds(d).at(-1)).toEqual(['Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${rs}" has timed out progressing.`]);
  });
});
