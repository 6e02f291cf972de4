import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../api';
import { computeHash, safeEncodeString, spewPodTemplate } from './gotypes';

/** kubeadm's CoreDNS Deployment template (cmd/kubeadm/app/phases/addons/dns/manifests.go, v1.32/v1.33). */
function coredns(image: string): unknown {
  const d = applyDefaults({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns' },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-dns' } },
        spec: {
          priorityClassName: 'system-cluster-critical',
          serviceAccountName: 'coredns',
          affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { labelSelector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] }, topologyKey: 'kubernetes.io/hostname' } }] } },
          tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }, { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          containers: [
            {
              name: 'coredns',
              image,
              imagePullPolicy: 'IfNotPresent',
              resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
              args: ['-conf', '/etc/coredns/Corefile'],
              volumeMounts: [{ name: 'config-volume', mountPath: '/etc/coredns', readOnly: true }],
              ports: [
                { containerPort: 53, name: 'dns', protocol: 'UDP' },
                { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
              ],
              livenessProbe: { httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 60, timeoutSeconds: 5, successThreshold: 1, failureThreshold: 5 },
              readinessProbe: { httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' } },
              securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] }, readOnlyRootFilesystem: true },
            },
          ],
          dnsPolicy: 'Default',
          volumes: [{ name: 'config-volume', configMap: { name: 'coredns', items: [{ key: 'Corefile', path: 'Corefile' }] } }],
        },
      },
    },
  });
  return (d.spec as { template: unknown }).template;
}

describe('pod-template-hash', () => {
  it('matches the hashes real clusters give kubeadm CoreDNS (coredns-674b8bbfcf on v1.33, coredns-668d6bf9bc on v1.32)', () => {
    expect(computeHash(coredns('registry.k8s.io/coredns/coredns:v1.12.0'))).toBe('674b8bbfcf');
    expect(computeHash(coredns('registry.k8s.io/coredns/coredns:v1.11.3'))).toBe('668d6bf9bc');
  });

  it('changes with the collision count', () => {
    const t = coredns('registry.k8s.io/coredns/coredns:v1.12.0');
    expect(computeHash(t, 0)).not.toBe(computeHash(t));
    expect(computeHash(t, 1)).not.toBe(computeHash(t, 0));
    expect(computeHash(t, 1)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
  });

  it('prints the template as spew %#v does', () => {
    const s = spewPodTemplate({ metadata: { labels: { b: '2', a: '1' } }, spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '100m', memory: '8Gi' } } }], terminationGracePeriodSeconds: 30 } });
    expect(s.startsWith('(v1.PodTemplateSpec){ObjectMeta:(v1.ObjectMeta){Name:(string) GenerateName:(string) ')).toBe(true);
    expect(s).toContain('Labels:(map[string]string)map[a:1 b:2] Annotations:(map[string]string)<nil>');
    expect(s).toContain('TerminationGracePeriodSeconds:(*int64)30 ActiveDeadlineSeconds:(*int64)<nil>');
    // canonical 100m keeps its string; 8Gi (value&7 == 0) does not
    expect(s).toContain('cpu:{i:(resource.int64Amount){value:(int64)100 scale:(resource.Scale)-3} d:(resource.infDecAmount){Dec:(*inf.Dec)<nil>} s:(string)100m Format:(resource.Format)DecimalSI}');
    expect(s).toContain('memory:{i:(resource.int64Amount){value:(int64)8589934592 scale:(resource.Scale)0} d:(resource.infDecAmount){Dec:(*inf.Dec)<nil>} s:(string) Format:(resource.Format)BinarySI}');
  });

  it('encodes digits into the safe alphabet', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });
});
