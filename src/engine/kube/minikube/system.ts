/**
 * The kube-system objects of a fresh minikube v1.36.0 cluster (Kubernetes v1.33.1, docker driver),
 * as kubeadm's addon phase and minikube's addons make them: CoreDNS (Deployment scaled to 1 by
 * minikube, Service kube-dns on 10.96.0.10, ConfigMap with minikube's `hosts` block), kube-proxy
 * (ConfigMap, and its DaemonSet's pod), the storage-provisioner pod and the `standard`
 * StorageClass. [kubernetes cmd/kubeadm/app/phases/addons/dns/manifests.go, proxy/manifests.go;
 * minikube deploy/addons/storage-provisioner/storage-provisioner.yaml.tmpl,
 * deploy/addons/storageclass/storageclass.yaml, pkg/minikube/bootstrapper/kubeadm/kubeadm.go]
 */
import type { ApiServer, Gvr, KubeObject } from '../apiserver';
import { computeHash } from '../controllers';
import { COREDNS_IMAGE, STORAGE_PROVISIONER_IMAGE, componentImage } from './preload';

const gvr = (group: string, resource: string): Gvr => ({ group, version: 'v1', resource });
const CONFIGMAPS = gvr('', 'configmaps');
const SERVICES = gvr('', 'services');
const SERVICE_ACCOUNTS = gvr('', 'serviceaccounts');
const PODS = gvr('', 'pods');
const DEPLOYMENTS = gvr('apps', 'deployments');
const STORAGE_CLASSES = gvr('storage.k8s.io', 'storageclasses');

export const COREFILE = `.:53 {
    log
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    hosts {
       192.168.49.1 host.minikube.internal
       fallthrough
    }
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success cluster.local
       disable denial cluster.local
    }
    loop
    reload
    loadbalance
}
`;

const KUBE_PROXY_CONF = `apiVersion: kubeproxy.config.k8s.io/v1alpha1
bindAddress: 0.0.0.0
bindAddressHardFail: false
clientConnection:
  acceptContentTypes: ""
  burst: 0
  contentType: ""
  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf
  qps: 0
clusterCIDR: 10.244.0.0/16
configSyncPeriod: 0s
conntrack:
  maxPerCore: 0
  min: null
  tcpCloseWaitTimeout: 0s
  tcpEstablishedTimeout: 0s
metricsBindAddress: 0.0.0.0:10249
mode: ""
`;

const CRITICAL_TOLERATIONS = [
  { key: 'CriticalAddonsOnly', operator: 'Exists' },
  { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
];

function coreDnsTemplate(): Record<string, unknown> {
  return {
    metadata: { labels: { 'k8s-app': 'kube-dns' } },
    spec: {
      affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ podAffinityTerm: { labelSelector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] }, topologyKey: 'kubernetes.io/hostname' }, weight: 100 }] } },
      containers: [
        {
          args: ['-conf', '/etc/coredns/Corefile'],
          image: COREDNS_IMAGE,
          imagePullPolicy: 'IfNotPresent',
          livenessProbe: { failureThreshold: 5, httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 60, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 5 },
          name: 'coredns',
          ports: [
            { containerPort: 53, name: 'dns', protocol: 'UDP' },
            { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
            { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
          ],
          readinessProbe: { failureThreshold: 3, httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' }, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 },
          resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
          securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] }, readOnlyRootFilesystem: true },
          volumeMounts: [{ mountPath: '/etc/coredns', name: 'config-volume', readOnly: true }],
        },
      ],
      dnsPolicy: 'Default',
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      priorityClassName: 'system-cluster-critical',
      serviceAccountName: 'coredns',
      tolerations: CRITICAL_TOLERATIONS,
      volumes: [{ configMap: { items: [{ key: 'Corefile', path: 'Corefile' }], name: 'coredns' }, name: 'config-volume' }],
    },
  };
}

function kubeProxyTemplate(): Record<string, unknown> {
  return {
    metadata: { labels: { 'k8s-app': 'kube-proxy' } },
    spec: {
      containers: [
        {
          command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
          env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
          image: componentImage('kube-proxy'),
          imagePullPolicy: 'IfNotPresent',
          name: 'kube-proxy',
          securityContext: { privileged: true },
          volumeMounts: [
            { mountPath: '/var/lib/kube-proxy', name: 'kube-proxy' },
            { mountPath: '/run/xtables.lock', name: 'xtables-lock' },
            { mountPath: '/lib/modules', name: 'lib-modules', readOnly: true },
          ],
        },
      ],
      hostNetwork: true,
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      priorityClassName: 'system-node-critical',
      serviceAccountName: 'kube-proxy',
      tolerations: [{ operator: 'Exists' }],
      volumes: [
        { configMap: { name: 'kube-proxy' }, name: 'kube-proxy' },
        { hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' }, name: 'xtables-lock' },
        { hostPath: { path: '/lib/modules', type: '' }, name: 'lib-modules' },
      ],
    },
  };
}

const must = (r: { ok: boolean }, what: string) => {
  if (!r.ok) throw new Error(`minikube bootstrap: ${what}: ${JSON.stringify(r)}`);
};

/** kubeadm's addon phase (CoreDNS, kube-proxy) and minikube's default addons, once, on a fresh API server. */
export function createSystemObjects(api: ApiServer, nodeName: string): void {
  const ns = 'kube-system';
  must(api.create(CONFIGMAPS, ns, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'coredns' }, data: { Corefile: COREFILE } }), 'coredns configmap');
  must(api.create(CONFIGMAPS, ns, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-proxy', labels: { app: 'kube-proxy' } }, data: { 'config.conf': KUBE_PROXY_CONF } }), 'kube-proxy configmap');
  for (const sa of ['coredns', 'kube-proxy', 'storage-provisioner']) {
    const labels = sa === 'storage-provisioner' ? { labels: { 'addonmanager.kubernetes.io/mode': 'Reconcile' } } : {};
    must(api.create(SERVICE_ACCOUNTS, ns, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa, ...labels } }), `${sa} serviceaccount`);
  }
  must(
    api.create(SERVICES, ns, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kube-dns',
        annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
        labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      },
      spec: {
        clusterIP: api.serviceIps.dnsIp,
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
        selector: { 'k8s-app': 'kube-dns' },
        type: 'ClusterIP',
      },
    }),
    'kube-dns service',
  );
  // kubeadm makes 2 replicas; minikube scales CoreDNS to 1 right after (kubeadm.go).
  must(
    api.create(DEPLOYMENTS, ns, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'coredns', labels: { 'k8s-app': 'kube-dns' } },
      spec: { replicas: 1, selector: { matchLabels: { 'k8s-app': 'kube-dns' } }, strategy: { rollingUpdate: { maxUnavailable: 1 }, type: 'RollingUpdate' }, template: coreDnsTemplate() },
    }),
    'coredns deployment',
  );
  // The DaemonSet controller is not simulated (nor the DaemonSet resource): its one pod is made as it
  // would make it, with the labels it adds (no ownerReference: the owner would not exist).
  const template = kubeProxyTemplate();
  const hash = computeHash(template, 0);
  const meta = template.metadata as { labels: Record<string, string> };
  must(
    api.create(PODS, ns, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { generateName: 'kube-proxy-', labels: { ...meta.labels, 'controller-revision-hash': hash, 'pod-template-generation': '1' } },
      spec: {
        ...(template.spec as Record<string, unknown>),
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] } } },
      },
    }),
    'kube-proxy pod',
  );
  must(
    api.create(PODS, ns, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'storage-provisioner', labels: { 'addonmanager.kubernetes.io/mode': 'Reconcile', 'integration-test': 'storage-provisioner' } },
      spec: {
        containers: [{ command: ['/storage-provisioner'], image: STORAGE_PROVISIONER_IMAGE, imagePullPolicy: 'IfNotPresent', name: 'storage-provisioner', volumeMounts: [{ mountPath: '/tmp', name: 'tmp' }] }],
        hostNetwork: true,
        serviceAccountName: 'storage-provisioner',
        volumes: [{ hostPath: { path: '/tmp', type: 'Directory' }, name: 'tmp' }],
      },
    }),
    'storage-provisioner pod',
  );
  must(
    api.create(STORAGE_CLASSES, '', {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' }, labels: { 'addonmanager.kubernetes.io/mode': 'EnsureExists' } },
      provisioner: 'k8s.io/minikube-hostpath',
    }),
    'standard storageclass',
  );
}

/** The Node object as the kubelet registers it (used when no kubelet runs). */
export function nodeObject(nodeName: string, ip: string, now: string, cpus: number, memoryKi: number): KubeObject {
  const capacity = { cpu: String(cpus), 'ephemeral-storage': '102625208Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: `${memoryKi}Ki`, pods: '110' };
  const cond = (type: string, status: string, reason: string, message: string) => ({ type, status, reason, message, lastHeartbeatTime: now, lastTransitionTime: now });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: nodeName,
      annotations: { 'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/cri-dockerd.sock', 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': nodeName,
        'kubernetes.io/os': 'linux',
        'minikube.k8s.io/commit': 'f8f52f5de11fc6ad8244afac475e1d0f96841df1-dirty',
        'minikube.k8s.io/name': 'minikube',
        'minikube.k8s.io/primary': 'true',
        'minikube.k8s.io/version': 'v1.36.0',
        'node-role.kubernetes.io/control-plane': '',
        'node.kubernetes.io/exclude-from-external-load-balancers': '',
      },
    },
    spec: { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'] },
    status: {
      addresses: [
        { address: ip, type: 'InternalIP' },
        { address: nodeName, type: 'Hostname' },
      ],
      allocatable: capacity,
      capacity,
      conditions: [
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: '',
        containerRuntimeVersion: 'docker://28.1.1',
        kernelVersion: '6.1.0-28-amd64',
        kubeProxyVersion: '',
        kubeletVersion: 'v1.33.1',
        machineID: '',
        operatingSystem: 'linux',
        osImage: 'Ubuntu 22.04.5 LTS',
        systemUUID: '',
      },
    },
  };
}
