import { describe, expect, it } from 'vitest';
import { testCluster } from '../controllers/testkit';
import { EVENTS, NODES, PODS, arr, o } from '../controllers/util';

const pod = (name: string, spec: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec } });

function scheduledCond(c: ReturnType<typeof testCluster>, name: string) {
  return arr(o(c.get(PODS, 'default', name).status).conditions).find((x) => x.type === 'PodScheduled');
}

describe('scheduler', () => {
  it('binds a pod to minikube and says so', () => {
    const c = testCluster();
    c.api.create(PODS, 'default', pod('web'));
    c.clock.settle();
    const p = c.get(PODS, 'default', 'web');
    expect(o(p.spec).nodeName).toBe('minikube');
    expect(scheduledCond(c, 'web')?.status).toBe('True');
    expect(c.events('web')).toEqual(['Scheduled: Successfully assigned default/web to minikube']);
    const ev = c.list(EVENTS)[0]!;
    expect(ev).toMatchObject({ reportingComponent: 'default-scheduler', reportingInstance: 'default-scheduler-minikube', action: 'Binding', type: 'Normal' });
    expect(String(ev.eventTime)).toBe('2026-01-05T09:00:00.000000Z');
  });

  it('leaves a pod that asks too much Pending with PodScheduled=False', () => {
    const c = testCluster();
    c.api.create(PODS, 'default', pod('big', { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '3' } } }] }));
    c.clock.settle();
    const msg = '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.';
    expect(o(c.get(PODS, 'default', 'big').spec).nodeName).toBeUndefined();
    expect(scheduledCond(c, 'big')).toMatchObject({ status: 'False', reason: 'Unschedulable', message: msg });
    expect(c.events('big')).toEqual([`FailedScheduling: ${msg}`]);
  });

  it('counts what is already on the node', () => {
    const c = testCluster();
    c.api.create(PODS, 'default', pod('a', { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '1500m', memory: '1Gi' } } }] }));
    c.clock.settle();
    c.api.create(PODS, 'default', pod('b', { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '600m', memory: '1500Mi' } } }] }));
    c.clock.settle();
    expect(c.events('b')).toEqual(['FailedScheduling: 0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.']);
    // room is made: the pending pod is retried
    c.api.delete(PODS, 'default', 'a', { gracePeriodSeconds: 0 });
    c.clock.settle();
    expect(o(c.get(PODS, 'default', 'b').spec).nodeName).toBe('minikube');
  });

  it('explains node selectors, taints and missing claims', () => {
    const c = testCluster();
    c.api.create(PODS, 'default', pod('sel', { nodeSelector: { disktype: 'ssd' } }));
    c.api.create(PODS, 'default', pod('vol', { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'nope' } }] }));
    c.clock.settle();
    expect(c.events('sel')).toEqual(["FailedScheduling: 0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."]);
    expect(c.events('vol')).toEqual(['FailedScheduling: 0/1 nodes are available: persistentvolumeclaim "nope" not found. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.']);
    // labelling the node lets the first one through
    c.api.patch(NODES, '', 'minikube', 'merge', { metadata: { labels: { disktype: 'ssd' } }, spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } });
    c.clock.settle();
    expect(c.events('sel').at(-1)).toBe('FailedScheduling: 0/1 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.');
    c.api.patch(NODES, '', 'minikube', 'merge', { spec: { taints: null } });
    c.clock.settle();
    expect(o(c.get(PODS, 'default', 'sel').spec).nodeName).toBe('minikube');
  });
});
