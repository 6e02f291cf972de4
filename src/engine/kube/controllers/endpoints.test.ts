import { describe, expect, it } from 'vitest';
import { testCluster } from './testkit';
import { DEPLOYMENTS, ENDPOINTS, ENDPOINT_SLICES, PODS, SERVICES, arr, o } from './util';

describe('Endpoints and EndpointSlice controllers', () => {
  it('lists ready pods as addresses with named target ports, unready ones apart', () => {
    const c = testCluster();
    c.api.create(DEPLOYMENTS, 'default', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] }] } } },
    });
    c.api.create(SERVICES, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', labels: { tier: 'front' } }, spec: { selector: { app: 'web' }, ports: [{ name: 'web', port: 80, targetPort: 'http' }] } });
    c.clock.settle();
    const empty = c.get(ENDPOINTS, 'default', 'web');
    expect(empty.subsets).toBeUndefined();
    expect(empty.metadata.labels).toEqual({ tier: 'front' });
    c.advance(2000);
    const ep = c.get(ENDPOINTS, 'default', 'web');
    const pods = c.list(PODS);
    const subset = arr(ep.subsets)[0]!;
    expect(subset.ports).toEqual([{ name: 'web', port: 8080, protocol: 'TCP' }]);
    expect(arr(subset.addresses).map((a) => a.ip)).toEqual(['10.244.0.3', '10.244.0.4']);
    expect(arr(subset.addresses)[0]).toMatchObject({ nodeName: 'minikube', targetRef: { kind: 'Pod', namespace: 'default' } });
    expect(pods.map((p) => o(p.status).podIP).sort()).toEqual(['10.244.0.3', '10.244.0.4']);
    const slices = c.list(ENDPOINT_SLICES);
    expect(slices).toHaveLength(1);
    const slice = slices[0]!;
    expect(slice.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slice.metadata.labels).toEqual({ tier: 'front', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': 'web' });
    expect(slice.addressType).toBe('IPv4');
    expect(slice.ports).toEqual([{ name: 'web', port: 8080, protocol: 'TCP' }]);
    expect(arr(slice.endpoints).map((e) => [e.addresses, e.conditions])).toEqual(
      expect.arrayContaining([[['10.244.0.3'], { ready: true, serving: true, terminating: false }]]),
    );
    // a pod going unready moves to notReadyAddresses
    const p = pods[0]!;
    const body = JSON.parse(JSON.stringify(p)) as { status: { conditions: { type: string; status: string }[] } };
    for (const cond of body.status.conditions) if (cond.type === 'Ready') cond.status = 'False';
    c.api.update(PODS, 'default', p.metadata.name!, body, { subresource: 'status' });
    c.clock.settle();
    const ep2 = arr(c.get(ENDPOINTS, 'default', 'web').subsets)[0]!;
    expect(arr(ep2.addresses)).toHaveLength(1);
    expect(arr(ep2.notReadyAddresses).map((a) => a.ip)).toEqual([o(p.status).podIP]);
    // deleting the service removes both
    c.api.delete(SERVICES, 'default', 'web', {});
    c.clock.settle();
    expect(c.api.get(ENDPOINTS, 'default', 'web').ok).toBe(false);
    expect(c.list(ENDPOINT_SLICES)).toHaveLength(0);
  });
});
