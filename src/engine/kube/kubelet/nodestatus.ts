/**
 * The Node object the kubelet registers and keeps (pkg/kubelet/kubelet_node_status.go), and the
 * control plane's static pods (kubeadm's manifests in /etc/kubernetes/manifests) whose mirror pods
 * the kubelet posts to the API server.
 */
import { versions } from '../../core/versions';
import type { ApiServer, KubeObject } from '../apiserver';
import { jsonCopy, rfc3339 } from './format';

const NODES = { group: '', version: 'v1', resource: 'nodes' };

/** minikube v1.36.0's kicbase (v0.0.47) runs this Docker (UNVERIFIED: from memory of the release notes). */
export const NODE_DOCKER_VERSION = '28.1.1';

export interface NodeFacts {
  readonly name: string;
  readonly ip: string;
  readonly cpu: string;
  readonly memory: string;
  readonly podCIDR: string;
  readonly kernel: string;
  readonly created: number;
}

function conditions(now: string, since: string): Record<string, unknown>[] {
  const c = (type: string, status: string, reason: string, message: string) => ({ lastHeartbeatTime: now, lastTransitionTime: since, message, reason, status, type });
  return [
    c('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    c('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ];
}

export function nodeObject(f: NodeFacts, now: number, images: { names: string[]; sizeBytes: number }[]): Record<string, unknown> {
  const day = new Date(f.created).toISOString().slice(0, 10).replace(/-/g, '_');
  const t = rfc3339(now);
  const resources = { cpu: f.cpu, 'ephemeral-storage': '61202244Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: f.memory, pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: f.name,
      annotations: { 'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/cri-dockerd.sock', 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': f.name,
        'kubernetes.io/os': 'linux',
        'minikube.k8s.io/commit': 'f8f52f5de11fc6ad8244afac475e1d0f96841df1-dirty',
        'minikube.k8s.io/name': f.name,
        'minikube.k8s.io/primary': 'true',
        'minikube.k8s.io/updated_at': `${day}T${new Date(f.created).toISOString().slice(11, 19).replace(/:/g, '_')}_0700`,
        'minikube.k8s.io/version': versions.minikube,
        'node-role.kubernetes.io/control-plane': '',
        'node.kubernetes.io/exclude-from-external-load-balancers': '',
      },
    },
    spec: { podCIDR: f.podCIDR, podCIDRs: [f.podCIDR] },
    status: {
      addresses: [
        { address: f.ip, type: 'InternalIP' },
        { address: f.name, type: 'Hostname' },
      ],
      allocatable: resources,
      capacity: resources,
      conditions: conditions(t, t),
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      images,
      nodeInfo: {
        architecture: 'amd64',
        bootID: '',
        containerRuntimeVersion: `docker://${NODE_DOCKER_VERSION}`,
        kernelVersion: f.kernel,
        kubeProxyVersion: '',
        kubeletVersion: versions.kubernetes,
        machineID: '',
        operatingSystem: 'linux',
        osImage: 'Ubuntu 22.04.5 LTS',
        systemUUID: '',
      },
    },
  };
}

/** Registers the node (or refreshes its status when it exists). */
export function registerNode(api: ApiServer, f: NodeFacts, now: number, images: { names: string[]; sizeBytes: number }[]): void {
  const body = nodeObject(f, now, images);
  const got = api.get(NODES, '', f.name);
  if (!got.ok) {
    const created = api.create(NODES, '', body);
    if (created.ok) api.update(NODES, '', f.name, { ...jsonCopy(created.value), status: body.status }, { subresource: 'status' });
    return;
  }
  const cur = jsonCopy(got.value) as KubeObject & { status?: Record<string, unknown> };
  const prev = (cur.status?.conditions as Record<string, unknown>[] | undefined) ?? [];
  const status = body.status as Record<string, unknown>;
  status.conditions = (status.conditions as Record<string, unknown>[]).map((c) => {
    const old = prev.find((p) => p.type === c.type && p.status === c.status);
    return old ? { ...c, lastTransitionTime: old.lastTransitionTime } : c;
  });
  api.update(NODES, '', f.name, { ...cur, status }, { subresource: 'status' });
}

export interface StaticPod {
  readonly component: string;
  readonly image: string;
  readonly command: string[];
  readonly annotations: Record<string, string>;
  readonly cpu: string;
  readonly memory?: string;
}

/** kubeadm's control-plane manifests on minikube (flags trimmed to the main ones). */
export function staticPods(ip: string): StaticPod[] {
  const k = versions.kubernetes;
  return [
    {
      component: 'etcd',
      image: 'registry.k8s.io/etcd:3.5.21-0',
      command: ['etcd', `--advertise-client-urls=https://${ip}:2379`, '--cert-file=/var/lib/minikube/certs/etcd/server.crt', '--data-dir=/var/lib/minikube/etcd', `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`, '--name=minikube'],
      annotations: { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379` },
      cpu: '100m',
      memory: '100Mi',
    },
    {
      component: 'kube-apiserver',
      image: `registry.k8s.io/kube-apiserver:${k}`,
      command: ['kube-apiserver', `--advertise-address=${ip}`, '--allow-privileged=true', '--authorization-mode=Node,RBAC', '--client-ca-file=/var/lib/minikube/certs/ca.crt', '--etcd-servers=https://127.0.0.1:2379', '--secure-port=8443', '--service-cluster-ip-range=10.96.0.0/12'],
      annotations: { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:8443` },
      cpu: '250m',
    },
    {
      component: 'kube-controller-manager',
      image: `registry.k8s.io/kube-controller-manager:${k}`,
      command: ['kube-controller-manager', '--allocate-node-cidrs=true', '--cluster-cidr=10.244.0.0/16', '--cluster-name=mk', '--leader-elect=false', '--service-cluster-ip-range=10.96.0.0/12', '--use-service-account-credentials=true'],
      annotations: {},
      cpu: '200m',
    },
    {
      component: 'kube-scheduler',
      image: `registry.k8s.io/kube-scheduler:${k}`,
      command: ['kube-scheduler', '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf', '--bind-address=127.0.0.1', '--kubeconfig=/etc/kubernetes/scheduler.conf', '--leader-elect=false'],
      annotations: {},
      cpu: '100m',
    },
  ];
}

/** The mirror pod of a static pod, as the kubelet posts it. */
export function mirrorPod(sp: StaticPod, nodeName: string, nodeUid: string, hash: string, seen: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${sp.component}-${nodeName}`,
      namespace: 'kube-system',
      labels: { component: sp.component, tier: 'control-plane' },
      annotations: { ...sp.annotations, 'kubernetes.io/config.hash': hash, 'kubernetes.io/config.mirror': hash, 'kubernetes.io/config.seen': seen, 'kubernetes.io/config.source': 'file' },
      ownerReferences: [{ apiVersion: 'v1', controller: true, kind: 'Node', name: nodeName, uid: nodeUid }],
    },
    spec: {
      containers: [
        {
          name: sp.component,
          image: sp.image,
          imagePullPolicy: 'IfNotPresent',
          command: sp.command,
          resources: { requests: { cpu: sp.cpu, ...(sp.memory ? { memory: sp.memory } : {}) } },
        },
      ],
      hostNetwork: true,
      nodeName,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
    },
  };
}
