/**
 * The API server's table printers (kubernetes pkg/printers/internalversion/printers.go, 1.33): the
 * `meta.k8s.io/v1 Table` a server returns for `kubectl get` — column definitions per kind and one row
 * of cells per object. kubectl's table printer (table.ts) decorates and prints them. Wide-only
 * (priority 1) cells are produced only with `wide`, as the server does (`includeObject` aside).
 * Kinds without a printer here get the default Name/Age table.
 */
import { labelSelectorAsSelector, selectorString, type LabelSelector } from '../../../engine/kube/labels';
import { kubeAge, kubeHumanDuration } from '../../lib/units';
import { arr, field, formatLabels, kindOf, nameOf, num, rec, str, strMap, timeOf, type KubeObject } from './object';

export interface ColumnDefinition {
  name: string;
  type: string;
  format?: string;
  priority?: number;
}

export type Cell = string | number | boolean | null;

export interface TableRow {
  cells: Cell[];
  /** the object the row is for (its metadata decorates the row: namespace, labels) */
  object?: KubeObject;
}

export interface Table {
  columnDefinitions: ColumnDefinition[];
  rows: TableRow[];
}

export interface GenerateOptions {
  /** wide-only cells too; the API server always generates them (its TableConvertor passes Wide: true) and kubectl hides priority-1 columns */
  wide?: boolean;
  /** "now" in ms since the epoch (ages are computed against it) */
  now: number;
}

type Col = [name: string, type?: string, priority?: number, format?: string];
const cols = (...cs: Col[]): ColumnDefinition[] => cs.map(([name, type = 'string', priority = 0, format]) => ({ name, type, priority, ...(format ? { format } : {}) }));
const NAME: Col = ['Name', 'string', 0, 'name'];
const AGE: Col = ['Age'];

/** Column definitions per kind, as AddHandlers registers them. */
export const COLUMNS: Readonly<Record<string, ColumnDefinition[]>> = {
  Pod: cols(NAME, ['Ready'], ['Status'], ['Restarts'], AGE, ['IP', 'string', 1], ['Node', 'string', 1], ['Nominated Node', 'string', 1], ['Readiness Gates', 'string', 1]),
  ReplicationController: cols(NAME, ['Desired', 'integer'], ['Current', 'integer'], ['Ready', 'integer'], AGE, ['Containers', 'string', 1], ['Images', 'string', 1], ['Selector', 'string', 1]),
  ReplicaSet: cols(NAME, ['Desired', 'integer'], ['Current', 'integer'], ['Ready', 'integer'], AGE, ['Containers', 'string', 1], ['Images', 'string', 1], ['Selector', 'string', 1]),
  DaemonSet: cols(NAME, ['Desired', 'integer'], ['Current', 'integer'], ['Ready', 'integer'], ['Up-to-date', 'integer'], ['Available', 'integer'], ['Node Selector'], AGE, ['Containers', 'string', 1], ['Images', 'string', 1], ['Selector', 'string', 1]),
  Job: cols(NAME, ['Status'], ['Completions'], ['Duration'], AGE, ['Containers', 'string', 1], ['Images', 'string', 1], ['Selector', 'string', 1]),
  CronJob: cols(NAME, ['Schedule'], ['Timezone'], ['Suspend', 'boolean'], ['Active', 'integer'], ['Last Schedule'], AGE, ['Containers', 'string', 1], ['Images', 'string', 1], ['Selector', 'string', 1]),
  Service: cols(NAME, ['Type'], ['Cluster-IP'], ['External-IP'], ['Port(s)'], AGE, ['Selector', 'string', 1]),
  StatefulSet: cols(NAME, ['Ready'], AGE, ['Containers', 'string', 1], ['Images', 'string', 1]),
  Endpoints: cols(NAME, ['Endpoints'], AGE),
  Node: cols(NAME, ['Status'], ['Roles'], AGE, ['Version'], ['Internal-IP', 'string', 1], ['External-IP', 'string', 1], ['OS-Image', 'string', 1], ['Kernel-Version', 'string', 1], ['Container-Runtime', 'string', 1]),
  Event: cols(['Last Seen'], ['Type'], ['Reason'], ['Object'], ['Subobject', 'string', 1], ['Source', 'string', 1], ['Message'], ['First Seen', 'string', 1], ['Count', 'string', 1], ['Name', 'string', 1, 'name']),
  Namespace: cols(NAME, ['Status'], AGE),
  Secret: cols(NAME, ['Type'], ['Data'], AGE),
  ServiceAccount: cols(NAME, ['Secrets'], AGE),
  PersistentVolume: cols(NAME, ['Capacity'], ['Access Modes'], ['Reclaim Policy'], ['Status'], ['Claim'], ['StorageClass'], ['VolumeAttributesClass'], ['Reason'], AGE, ['VolumeMode', 'string', 1]),
  PersistentVolumeClaim: cols(NAME, ['Status'], ['Volume'], ['Capacity'], ['Access Modes'], ['StorageClass'], ['VolumeAttributesClass'], AGE, ['VolumeMode', 'string', 1]),
  ComponentStatus: cols(NAME, ['Status'], ['Message'], ['Error']),
  Deployment: cols(NAME, ['Ready'], ['Up-to-date'], ['Available'], AGE, ['Containers', 'string', 1], ['Images', 'string', 1], ['Selector', 'string', 1]),
  ConfigMap: cols(NAME, ['Data'], AGE),
  StorageClass: cols(NAME, ['Provisioner'], ['ReclaimPolicy'], ['VolumeBindingMode'], ['AllowVolumeExpansion'], AGE),
  Status: cols(['Status'], ['Reason'], ['Message']),
  Scale: cols(['Name'], ['Desired', 'integer'], ['Available', 'integer'], AGE),
  Lease: cols(NAME, ['Holder'], AGE),
};

/** kubectl's (and the server's) fallback: NAME and AGE from the object's metadata. */
export const DEFAULT_COLUMNS: ColumnDefinition[] = cols(NAME, AGE);

const age = (o: unknown, now: number) => kubeAge(timeOf(field(o, 'metadata', 'creationTimestamp')), now);

// ---------------- Pod ----------------

export interface PodSummary {
  ready: string;
  status: string;
  restarts: string;
}

function isRestartableInit(c: unknown): boolean {
  return str(field(c, 'restartPolicy')) === 'Always';
}

/** The READY, STATUS and RESTARTS cells of a pod (printPod). */
export function podStatus(pod: KubeObject, now: number): PodSummary {
  const spec = rec(pod.spec);
  const status = rec(pod.status);
  let restarts = 0;
  let restartableInitRestarts = 0;
  let totalContainers = arr(spec.containers).length;
  let readyContainers = 0;
  let lastRestart: number | undefined;
  let lastRestartableInitRestart: number | undefined;
  const later = (a: number | undefined, b: number | undefined) => (b !== undefined && (a === undefined || a < b) ? b : a);

  const phase = str(status.phase);
  let reason = str(status.reason) || phase;
  for (const c of arr(status.conditions)) if (str(field(c, 'type')) === 'PodScheduled' && str(field(c, 'reason')) === 'SchedulingGated') reason = 'SchedulingGated';

  const initContainers = new Map<string, unknown>();
  for (const c of arr(spec.initContainers)) {
    initContainers.set(str(field(c, 'name')), c);
    if (isRestartableInit(c)) totalContainers++;
  }

  let initializing = false;
  const initStatuses = arr(status.initContainerStatuses);
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    restarts += num(field(cs, 'restartCount'));
    const lastTerm = field(cs, 'lastState', 'terminated');
    if (lastTerm) lastRestart = later(lastRestart, timeOf(field(lastTerm, 'finishedAt')));
    const restartable = isRestartableInit(initContainers.get(str(field(cs, 'name'))));
    if (restartable) {
      restartableInitRestarts += num(field(cs, 'restartCount'));
      if (lastTerm) lastRestartableInitRestart = later(lastRestartableInitRestart, timeOf(field(lastTerm, 'finishedAt')));
    }
    const term = field(cs, 'state', 'terminated');
    const waiting = field(cs, 'state', 'waiting');
    if (term && num(field(term, 'exitCode')) === 0) continue;
    if (restartable && field(cs, 'started') === true) {
      if (field(cs, 'ready') === true) readyContainers++;
      continue;
    }
    if (term) {
      const r = str(field(term, 'reason'));
      if (r === '') reason = num(field(term, 'signal')) !== 0 ? `Init:Signal:${num(field(term, 'signal'))}` : `Init:ExitCode:${num(field(term, 'exitCode'))}`;
      else reason = 'Init:' + r;
    } else if (waiting && str(field(waiting, 'reason')) !== '' && str(field(waiting, 'reason')) !== 'PodInitializing') {
      reason = 'Init:' + str(field(waiting, 'reason'));
    } else {
      reason = `Init:${i}/${arr(spec.initContainers).length}`;
    }
    initializing = true;
    break;
  }

  const initializedTrue = arr(status.conditions).some((c) => str(field(c, 'type')) === 'Initialized' && str(field(c, 'status')) === 'True');
  if (!initializing || initializedTrue) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const statuses = arr(status.containerStatuses);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      restarts += num(field(cs, 'restartCount'));
      const lastTerm = field(cs, 'lastState', 'terminated');
      if (lastTerm) lastRestart = later(lastRestart, timeOf(field(lastTerm, 'finishedAt')));
      const waiting = field(cs, 'state', 'waiting');
      const term = field(cs, 'state', 'terminated');
      if (waiting && str(field(waiting, 'reason')) !== '') reason = str(field(waiting, 'reason'));
      else if (term && str(field(term, 'reason')) !== '') reason = str(field(term, 'reason'));
      else if (term) reason = num(field(term, 'signal')) !== 0 ? `Signal:${num(field(term, 'signal'))}` : `ExitCode:${num(field(term, 'exitCode'))}`;
      else if (field(cs, 'ready') === true && field(cs, 'state', 'running') !== undefined && field(cs, 'state', 'running') !== null) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const podReady = arr(status.conditions).some((c) => str(field(c, 'type')) === 'Ready' && str(field(c, 'status')) === 'True');
      reason = podReady ? 'Running' : 'NotReady';
    }
  }

  const deleting = field(pod, 'metadata', 'deletionTimestamp') !== undefined && field(pod, 'metadata', 'deletionTimestamp') !== null;
  if (deleting && str(status.reason) === 'NodeLost') reason = 'Unknown';
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestart !== undefined) restartsStr = `${restarts} (${kubeAge(lastRestart, now)} ago)`;
  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts: restartsStr };
}

function podRow(pod: KubeObject, o: GenerateOptions): Cell[] {
  const s = podStatus(pod, o.now);
  const cells: Cell[] = [nameOf(pod), s.ready, s.status, s.restarts, age(pod, o.now)];
  if (o.wide) {
    const status = rec(pod.status);
    const ip = str(field(status, 'podIPs', 0, 'ip')) || '<none>';
    const node = str(field(pod, 'spec', 'nodeName')) || '<none>';
    const nominated = str(status.nominatedNodeName) || '<none>';
    let gates = '<none>';
    const rg = arr(field(pod, 'spec', 'readinessGates'));
    if (rg.length > 0) {
      let trueConditions = 0;
      for (const g of rg) {
        const c = arr(status.conditions).find((x) => str(field(x, 'type')) === str(field(g, 'conditionType')));
        if (c && str(field(c, 'status')) === 'True') trueConditions++;
      }
      gates = `${trueConditions}/${rg.length}`;
    }
    cells.push(ip, node, nominated, gates);
  }
  return cells;
}

// ---------------- helpers shared by workload printers ----------------

function layoutContainers(containers: unknown[]): [string, string] {
  return [containers.map((c) => str(field(c, 'name'))).join(','), containers.map((c) => str(field(c, 'image'))).join(',')];
}

/** metav1.FormatLabelSelector: `<none>` when empty, `<error>` when invalid. */
function formatLabelSelector(sel: unknown): string {
  const r = labelSelectorAsSelector(sel === undefined || sel === null ? null : (sel as LabelSelector));
  if (!r.ok) return '<error>';
  return selectorString(r.value) || '<none>';
}

function workloadWide(obj: KubeObject, templatePath: string[], selector: string): Cell[] {
  const [names, images] = layoutContainers(arr(field(obj, ...templatePath, 'spec', 'containers')));
  return [names, images, selector];
}

// ---------------- Service ----------------

function externalIP(svc: KubeObject, wide: boolean): string {
  const spec = rec(svc.spec);
  const externalIPs = arr(spec.externalIPs).map(str);
  switch (str(spec.type)) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const set = new Set<string>();
      for (const ing of arr(field(svc, 'status', 'loadBalancer', 'ingress'))) {
        const ip = str(field(ing, 'ip'));
        const host = str(field(ing, 'hostname'));
        if (ip) set.add(ip);
        else if (host) set.add(host);
      }
      let lb = [...set].sort().join(',');
      if (!wide && lb.length > 16) lb = lb.slice(0, 13) + '...';
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return str(spec.externalName);
  }
  return '<unknown>';
}

/** `80/TCP`, `8888:30888/TCP`, comma-joined. */
export function servicePorts(ports: unknown[]): string {
  return ports
    .map((p) => {
      const port = num(field(p, 'port'));
      const proto = str(field(p, 'protocol'));
      const nodePort = num(field(p, 'nodePort'));
      return nodePort > 0 ? `${port}:${nodePort}/${proto}` : `${port}/${proto}`;
    })
    .join(',');
}

// ---------------- Endpoints ----------------

function formatEndpoints(ep: KubeObject): string {
  const subsets = arr(ep.subsets);
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addrs = arr(field(ss, 'addresses'));
    const ports = arr(field(ss, 'ports'));
    if (ports.length === 0) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(str(field(a, 'ip')));
      }
      continue;
    }
    for (const p of ports) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        const ip = str(field(a, 'ip'));
        list.push(`${ip.includes(':') ? `[${ip}]` : ip}:${num(field(p, 'port'))}`);
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

// ---------------- Node ----------------

function nodeRoles(node: KubeObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(strMap(field(node, 'metadata', 'labels')))) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return [...roles].sort().join(',') || '<none>';
}

function nodeAddress(node: KubeObject, type: string): string {
  const a = arr(field(node, 'status', 'addresses')).find((x) => str(field(x, 'type')) === type);
  return a ? str(field(a, 'address')) : '<none>';
}

// ---------------- storage ----------------

/** helper.GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order. */
export function accessModes(modes: unknown[]): string {
  const m = new Set(modes.map(str));
  const out: string[] = [];
  if (m.has('ReadWriteOnce')) out.push('RWO');
  if (m.has('ReadOnlyMany')) out.push('ROX');
  if (m.has('ReadWriteMany')) out.push('RWX');
  if (m.has('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

function storageClassOf(o: KubeObject): string {
  const beta = strMap(field(o, 'metadata', 'annotations'))['volume.beta.kubernetes.io/storage-class'];
  if (beta !== undefined) return beta;
  return str(field(o, 'spec', 'storageClassName'));
}

function isDefaultClass(o: KubeObject): boolean {
  const a = strMap(field(o, 'metadata', 'annotations'));
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}

// ---------------- rows per kind ----------------

function jobRow(job: KubeObject, o: GenerateOptions): Cell[] {
  const spec = rec(job.spec);
  const status = rec(job.status);
  const succeeded = num(status.succeeded);
  let completions: string;
  if (typeof spec.completions === 'number') completions = `${succeeded}/${spec.completions}`;
  else {
    const parallelism = num(spec.parallelism);
    completions = parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
  }
  const start = timeOf(status.startTime);
  const end = timeOf(status.completionTime);
  const duration = start === undefined ? '' : end === undefined ? kubeHumanDuration(o.now - start) : kubeHumanDuration(end - start);
  const cond = (t: string) => {
    const c = arr(status.conditions).find((x) => str(field(x, 'type')) === t);
    return c !== undefined && str(field(c, 'status')) === 'True';
  };
  const deleting = field(job, 'metadata', 'deletionTimestamp') != null;
  const st = cond('Complete') ? 'Complete' : cond('Failed') ? 'Failed' : deleting ? 'Terminating' : cond('Suspended') ? 'Suspended' : cond('FailureTarget') ? 'FailureTarget' : 'Running';
  const cells: Cell[] = [nameOf(job), st, completions, duration, age(job, o.now)];
  if (o.wide) cells.push(...workloadWide(job, ['spec', 'template'], formatLabelSelector(spec.selector)));
  return cells;
}

function eventRow(ev: KubeObject, o: GenerateOptions): Cell[] {
  const first = timeOf(ev.firstTimestamp);
  const firstSeen = first !== undefined ? kubeAge(first, o.now) : kubeAge(timeOf(ev.eventTime), o.now);
  const last = timeOf(ev.lastTimestamp);
  let lastSeen = last !== undefined ? kubeAge(last, o.now) : firstSeen;
  let count = num(ev.count);
  if (ev.series !== undefined && ev.series !== null) {
    lastSeen = kubeAge(timeOf(field(ev, 'series', 'lastObservedTime')), o.now);
    count = num(field(ev, 'series', 'count'));
  } else if (count === 0) count = 1;
  const io = rec(ev.involvedObject);
  const target = str(io.name) ? `${str(io.kind).toLowerCase()}/${str(io.name)}` : str(io.kind).toLowerCase();
  const message = str(ev.message).trim();
  if (!o.wide) return [lastSeen, str(ev.type), str(ev.reason), target, message];
  const component = str(field(ev, 'source', 'component')) || str(ev.reportingComponent) || str(ev.reportingController);
  const host = str(field(ev, 'source', 'host')) || str(ev.reportingInstance);
  const source = host ? `${component}, ${host}` : component;
  return [lastSeen, str(ev.type), str(ev.reason), target, str(io.fieldPath), source, message, firstSeen, count, nameOf(ev)];
}

function rowFor(obj: KubeObject, o: GenerateOptions): Cell[] {
  const spec = rec(obj.spec);
  const status = rec(obj.status);
  const name = nameOf(obj);
  switch (kindOf(obj)) {
    case 'Pod':
      return podRow(obj, o);
    case 'ReplicationController': {
      const cells: Cell[] = [name, num(spec.replicas), num(status.replicas), num(status.readyReplicas), age(obj, o.now)];
      if (o.wide) cells.push(...workloadWide(obj, ['spec', 'template'], formatLabels(strMap(spec.selector))));
      return cells;
    }
    case 'ReplicaSet': {
      const cells: Cell[] = [name, num(spec.replicas), num(status.replicas), num(status.readyReplicas), age(obj, o.now)];
      if (o.wide) cells.push(...workloadWide(obj, ['spec', 'template'], formatLabelSelector(spec.selector)));
      return cells;
    }
    case 'DaemonSet': {
      const cells: Cell[] = [name, num(status.desiredNumberScheduled), num(status.currentNumberScheduled), num(status.numberReady), num(status.updatedNumberScheduled), num(status.numberAvailable), formatLabels(strMap(field(spec, 'template', 'spec', 'nodeSelector'))), age(obj, o.now)];
      if (o.wide) cells.push(...workloadWide(obj, ['spec', 'template'], formatLabelSelector(spec.selector)));
      return cells;
    }
    case 'StatefulSet': {
      const cells: Cell[] = [name, `${num(status.readyReplicas)}/${num(spec.replicas)}`, age(obj, o.now)];
      if (o.wide) cells.push(...layoutContainers(arr(field(spec, 'template', 'spec', 'containers'))));
      return cells;
    }
    case 'Deployment': {
      const r = labelSelectorAsSelector(spec.selector === undefined || spec.selector === null ? null : (spec.selector as LabelSelector));
      const cells: Cell[] = [name, `${num(status.readyReplicas)}/${num(spec.replicas)}`, num(status.updatedReplicas), num(status.availableReplicas), age(obj, o.now)];
      if (o.wide) cells.push(...workloadWide(obj, ['spec', 'template'], r.ok ? selectorString(r.value) : '<invalid>'));
      return cells;
    }
    case 'Job':
      return jobRow(obj, o);
    case 'CronJob': {
      const lastSchedule = timeOf(status.lastScheduleTime);
      const cells: Cell[] = [name, str(spec.schedule), typeof spec.timeZone === 'string' ? spec.timeZone : '<none>', typeof spec.suspend === 'boolean' ? (spec.suspend ? 'True' : 'False') : '<unset>', arr(status.active).length, lastSchedule === undefined ? '<none>' : kubeAge(lastSchedule, o.now), age(obj, o.now)];
      if (o.wide) cells.push(...workloadWide(obj, ['spec', 'jobTemplate', 'spec', 'template'], formatLabelSelector(field(spec, 'jobTemplate', 'spec', 'selector'))));
      return cells;
    }
    case 'Service': {
      const clusterIPs = arr(spec.clusterIPs).map(str);
      const ports = servicePorts(arr(spec.ports));
      const cells: Cell[] = [name, str(spec.type), clusterIPs[0] ?? '<none>', externalIP(obj, o.wide === true), ports || '<none>', age(obj, o.now)];
      if (o.wide) cells.push(formatLabels(strMap(spec.selector)));
      return cells;
    }
    case 'Endpoints':
      return [name, formatEndpoints(obj), age(obj, o.now)];
    case 'Node': {
      const conds = arr(status.conditions);
      const ready = conds.find((c) => str(field(c, 'type')) === 'Ready');
      const st: string[] = ready ? [str(field(ready, 'status')) === 'True' ? 'Ready' : 'NotReady'] : ['Unknown'];
      if (spec.unschedulable === true) st.push('SchedulingDisabled');
      const info = rec(status.nodeInfo);
      const cells: Cell[] = [name, st.join(','), nodeRoles(obj), age(obj, o.now), str(info.kubeletVersion)];
      if (o.wide) cells.push(nodeAddress(obj, 'InternalIP'), nodeAddress(obj, 'ExternalIP'), str(info.osImage) || '<unknown>', str(info.kernelVersion) || '<unknown>', str(info.containerRuntimeVersion) || '<unknown>');
      return cells;
    }
    case 'Event':
      return eventRow(obj, o);
    case 'Namespace':
      return [name, str(status.phase), age(obj, o.now)];
    case 'Secret':
      return [name, str(obj.type), Object.keys(rec(obj.data)).length, age(obj, o.now)];
    case 'ServiceAccount':
      return [name, arr(obj.secrets).length, age(obj, o.now)];
    case 'ConfigMap':
      return [name, Object.keys(rec(obj.data)).length + Object.keys(rec(obj.binaryData)).length, age(obj, o.now)];
    case 'PersistentVolume': {
      const claimRef = rec(spec.claimRef);
      const claim = spec.claimRef ? `${str(claimRef.namespace)}/${str(claimRef.name)}` : '';
      const phase = field(obj, 'metadata', 'deletionTimestamp') != null ? 'Terminating' : str(status.phase);
      return [name, str(field(spec, 'capacity', 'storage')) || '0', accessModes(arr(spec.accessModes)), str(spec.persistentVolumeReclaimPolicy), phase, claim, storageClassOf(obj), typeof spec.volumeAttributesClassName === 'string' ? spec.volumeAttributesClassName : '<unset>', str(status.reason), age(obj, o.now), typeof spec.volumeMode === 'string' ? spec.volumeMode : '<unset>'];
    }
    case 'PersistentVolumeClaim': {
      const phase = field(obj, 'metadata', 'deletionTimestamp') != null ? 'Terminating' : str(status.phase);
      const bound = str(spec.volumeName) !== '';
      return [name, phase, str(spec.volumeName), bound ? str(field(status, 'capacity', 'storage')) || '0' : '', bound ? accessModes(arr(status.accessModes)) : '', storageClassOf(obj), typeof spec.volumeAttributesClassName === 'string' ? spec.volumeAttributesClassName : '<unset>', age(obj, o.now), typeof spec.volumeMode === 'string' ? spec.volumeMode : '<unset>'];
    }
    case 'StorageClass':
      return [isDefaultClass(obj) ? `${name} (default)` : name, str(obj.provisioner), typeof obj.reclaimPolicy === 'string' ? obj.reclaimPolicy : 'Delete', typeof obj.volumeBindingMode === 'string' ? obj.volumeBindingMode : 'Immediate', obj.allowVolumeExpansion === true, age(obj, o.now)];
    case 'ComponentStatus': {
      const c = arr(obj.conditions).find((x) => str(field(x, 'type')) === 'Healthy');
      if (!c) return [name, 'Unknown', '', ''];
      return [name, str(field(c, 'status')) === 'True' ? 'Healthy' : 'Unhealthy', str(field(c, 'message')), str(field(c, 'error'))];
    }
    case 'Status':
      return [str(obj.status), str(obj.reason), str(obj.message)];
    case 'Scale':
      return [name, num(spec.replicas), num(status.replicas), age(obj, o.now)];
    case 'Lease':
      return [name, str(spec.holderIdentity), age(obj, o.now)];
  }
  return [name, age(obj, o.now)];
}

/** The column definitions the server uses for objects of `kind`. */
export function columnsFor(kind: string): ColumnDefinition[] {
  return COLUMNS[kind] ?? DEFAULT_COLUMNS;
}

/**
 * The server-side Table for objects of one kind (kubectl asks with `Accept: as=Table`). Rows carry
 * their object so kubectl can add NAMESPACE and label columns.
 */
export function serverTable(kind: string, objects: readonly KubeObject[], o: GenerateOptions): Table {
  return { columnDefinitions: columnsFor(kind), rows: objects.map((obj) => ({ cells: rowFor(obj, o), object: obj })) };
}

/** The NAME/AGE table kubectl builds itself when the server returns plain objects (`--server-print=false`). */
export function defaultTable(objects: readonly KubeObject[], now: number): Table {
  return {
    columnDefinitions: kindOf(objects[0]) === 'Status' ? columnsFor('Status') : DEFAULT_COLUMNS,
    rows: objects.map((obj) => ({ cells: kindOf(obj) === 'Status' ? [str(obj.status), str(obj.reason), str(obj.message)] : [nameOf(obj), age(obj, now)], object: obj })),
  };
}
