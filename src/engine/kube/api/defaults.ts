/**
 * What the API server fills in on create (k8s.io/kubernetes pkg/apis/{core,apps,batch,storage}/v1/defaults.go
 * plus the admission plugins that always run on minikube: DefaultTolerationSeconds, Priority). Works on the
 * versioned JSON object and returns a new object; the input is not changed.
 *
 * Left to the API server's store, because they need ids or cluster state: metadata (uid,
 * resourceVersion, creationTimestamp, namespace), Service clusterIP/clusterIPs and nodePort allocation,
 * the ServiceAccount admission (serviceAccountName "default" and the kube-api-access-xxxxx projected
 * volume), Job selector and controller-uid labels, and every status.
 */

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function obj(parent: Obj, key: string): Obj {
  const v = parent[key];
  if (isObj(v)) return v;
  const o: Obj = {};
  parent[key] = o;
  return o;
}

function def(o: Obj, key: string, value: unknown): void {
  if (o[key] === undefined || o[key] === null) o[key] = value;
}

function list(o: Obj, key: string): Obj[] {
  const v = o[key];
  return Array.isArray(v) ? v.filter(isObj) : [];
}

/** The tag ParseImageName reports: "latest" when there is neither tag nor digest, "" for a digest alone. */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  if (colon > slash) return name.slice(colon + 1);
  return at >= 0 ? '' : 'latest';
}

/** SetDefaults_Container and friends. */
function defaultContainer(c: Obj): void {
  if (c.imagePullPolicy === undefined || c.imagePullPolicy === '') c.imagePullPolicy = imageTag(typeof c.image === 'string' ? c.image : '') === 'latest' ? 'Always' : 'IfNotPresent';
  def(c, 'terminationMessagePath', '/dev/termination-log');
  def(c, 'terminationMessagePolicy', 'File');
  def(c, 'resources', {});
  for (const p of list(c, 'ports')) def(p, 'protocol', 'TCP');
  for (const e of list(c, 'env')) {
    const vf = e.valueFrom;
    if (isObj(vf) && isObj(vf.fieldRef)) def(vf.fieldRef, 'apiVersion', 'v1');
  }
  for (const probeKey of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const p = c[probeKey];
    if (!isObj(p)) continue;
    def(p, 'timeoutSeconds', 1);
    def(p, 'periodSeconds', 10);
    def(p, 'successThreshold', 1);
    def(p, 'failureThreshold', 3);
    if (isObj(p.httpGet)) {
      def(p.httpGet, 'path', '/');
      def(p.httpGet, 'scheme', 'HTTP');
    }
    if (isObj(p.grpc)) def(p.grpc, 'service', '');
  }
}

/** SetDefaults_PodSpec (also for templates). */
function defaultPodSpec(spec: Obj): void {
  def(spec, 'dnsPolicy', 'ClusterFirst');
  def(spec, 'restartPolicy', 'Always');
  def(spec, 'terminationGracePeriodSeconds', 30);
  def(spec, 'securityContext', {});
  def(spec, 'schedulerName', 'default-scheduler');
  for (const c of [...list(spec, 'initContainers'), ...list(spec, 'containers')]) defaultContainer(c);
  for (const v of list(spec, 'volumes')) {
    if (isObj(v.hostPath)) def(v.hostPath, 'type', '');
    if (isObj(v.configMap)) def(v.configMap, 'defaultMode', 420);
    if (isObj(v.secret)) def(v.secret, 'defaultMode', 420);
    if (isObj(v.projected)) def(v.projected, 'defaultMode', 420);
    if (isObj(v.downwardAPI)) def(v.downwardAPI, 'defaultMode', 420);
  }
}

/** SetDefaults_Pod: requests copied from limits, enableServiceLinks; then the admission plugins' fields. */
function defaultPod(o: Obj): void {
  const spec = obj(o, 'spec');
  defaultPodSpec(spec);
  for (const c of [...list(spec, 'initContainers'), ...list(spec, 'containers')]) {
    const r = obj(c, 'resources');
    if (isObj(r.limits)) {
      const req = obj(r, 'requests');
      for (const [k, v] of Object.entries(r.limits)) def(req, k, v);
    }
  }
  def(spec, 'enableServiceLinks', true);
  // Priority admission
  def(spec, 'priority', 0);
  def(spec, 'preemptionPolicy', 'PreemptLowerPriority');
  // DefaultTolerationSeconds admission
  const tolerations = Array.isArray(spec.tolerations) ? (spec.tolerations as unknown[]) : [];
  const has = (key: string): boolean => tolerations.some((t) => isObj(t) && (t.key === key || (t.operator === 'Exists' && t.key === undefined)) && (t.effect === 'NoExecute' || t.effect === undefined));
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!has(key)) tolerations.push({ effect: 'NoExecute', key, operator: 'Exists', tolerationSeconds: 300 });
  }
  spec.tolerations = tolerations;
}

function defaultTemplate(spec: Obj): void {
  const t = obj(spec, 'template');
  defaultPodSpec(obj(t, 'spec'));
}

function defaultDeployment(o: Obj): void {
  const spec = obj(o, 'spec');
  def(spec, 'replicas', 1);
  const strategy = obj(spec, 'strategy');
  def(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const ru = obj(strategy, 'rollingUpdate');
    def(ru, 'maxUnavailable', '25%');
    def(ru, 'maxSurge', '25%');
  }
  def(spec, 'revisionHistoryLimit', 10);
  def(spec, 'progressDeadlineSeconds', 600);
  defaultTemplate(spec);
}

function defaultService(o: Obj): void {
  const spec = obj(o, 'spec');
  def(spec, 'sessionAffinity', 'None');
  def(spec, 'type', 'ClusterIP');
  for (const p of list(spec, 'ports')) {
    def(p, 'protocol', 'TCP');
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') def(spec, 'externalTrafficPolicy', 'Cluster');
  if (spec.type === 'LoadBalancer') def(spec, 'allocateLoadBalancerNodePorts', true);
  if (spec.type !== 'ExternalName') {
    def(spec, 'internalTrafficPolicy', 'Cluster');
    def(spec, 'ipFamilyPolicy', 'SingleStack');
    def(spec, 'ipFamilies', ['IPv4']);
  }
}

function defaultJob(o: Obj): void {
  const spec = obj(o, 'spec');
  if ((spec.completions === undefined || spec.completions === null) && (spec.parallelism === undefined || spec.parallelism === null)) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  def(spec, 'parallelism', 1);
  def(spec, 'backoffLimit', 6);
  def(spec, 'completionMode', 'NonIndexed');
  def(spec, 'suspend', false);
  def(spec, 'podReplacementPolicy', 'TerminatingOrFailed');
  defaultTemplate(spec);
}

/** Returns a copy of `input` with the API server's defaults for its kind filled in. */
export function applyDefaults<T>(input: T): T {
  const o = (input === undefined ? input : JSON.parse(JSON.stringify(input))) as unknown;
  if (!isObj(o)) return o as T;
  const kind = o.kind;
  switch (kind) {
    case 'Pod':
      defaultPod(o);
      break;
    case 'Deployment':
      defaultDeployment(o);
      break;
    case 'ReplicaSet': {
      const spec = obj(o, 'spec');
      def(spec, 'replicas', 1);
      defaultTemplate(spec);
      break;
    }
    case 'Job':
      defaultJob(o);
      break;
    case 'Service':
      defaultService(o);
      break;
    case 'Endpoints':
      for (const s of list(o, 'subsets')) for (const p of list(s, 'ports')) def(p, 'protocol', 'TCP');
      break;
    case 'Secret':
      def(o, 'type', 'Opaque');
      break;
    case 'Namespace': {
      const meta = obj(o, 'metadata');
      const labels = obj(meta, 'labels');
      if (typeof meta.name === 'string') labels['kubernetes.io/metadata.name'] = meta.name;
      const spec = obj(o, 'spec');
      def(spec, 'finalizers', ['kubernetes']);
      break;
    }
    case 'PersistentVolume': {
      const spec = obj(o, 'spec');
      def(spec, 'persistentVolumeReclaimPolicy', 'Retain');
      def(spec, 'volumeMode', 'Filesystem');
      if (isObj(spec.hostPath)) def(spec.hostPath, 'type', '');
      break;
    }
    case 'PersistentVolumeClaim':
      def(obj(o, 'spec'), 'volumeMode', 'Filesystem');
      break;
    case 'StorageClass':
      def(o, 'reclaimPolicy', 'Delete');
      def(o, 'volumeBindingMode', 'Immediate');
      break;
  }
  return o as T;
}
