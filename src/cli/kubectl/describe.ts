/**
 * `kubectl describe` (k8s.io/kubectl pkg/describe/describe.go and pkg/cmd/describe, v1.33): the
 * describers of Pod, Deployment, ReplicaSet, Service, Node, PersistentVolumeClaim,
 * PersistentVolume, Namespace, ConfigMap and Secret, the generic describer for other kinds, and
 * the Events table at the end. Output goes through a tabwriter (minwidth 0, tabwidth 8, padding 2),
 * flushed before the Events table as DescribeEvents does.
 */
import type { ApiServer, KubeObject } from '../../engine/kube/apiserver';
import { kubeHumanDuration } from '../lib/units';
import { TabWriter } from '../lib/tabwriter';
import { defineCommand, flag, type CliContext } from '../lib/command';
import { StatusError } from './client';
import { finish, gvr, guard, isObj, nowOf, str, type Obj } from './common';
import { podStatus } from './printers';
import { readFileObjects, typeOrNameArgs, completeResourceTypes } from './resource';
import { LAST_APPLIED } from './lastapplied';

const DESCRIBE_TABWRITER = { minwidth: 0, tabwidth: 8, padding: 2, padchar: ' ', flags: 0 };
const L = ['', '  ', '    ', '      ', '        '];
const MAX_ANNOTATION_LEN = 140;

const o = (v: unknown): Obj => (isObj(v) ? v : {});
const a = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const n = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** PrefixWriter over a tabwriter, with DescribeEvents' flush. */
class Out {
  private readonly tw = new TabWriter(DESCRIBE_TABWRITER);
  private text = '';
  w(level: number, s: string): void {
    this.tw.write(L[level] + s);
  }
  flush(): void {
    this.text += this.tw.flush().take();
  }
  done(): string {
    this.flush();
    return this.text;
  }
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** time.RFC1123Z in UTC; the zero time for a missing one. */
export function rfc1123z(v: unknown): string {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  if (Number.isNaN(t)) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(t);
  const p = (x: number) => String(x).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

function since(v: unknown, now: number): string {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  if (Number.isNaN(t)) return '<unknown>';
  return kubeHumanDuration(now - t);
}

function labelsMultiline(out: Out, title: string, labels: unknown, indent = ''): void {
  const m = o(labels);
  const keys = Object.keys(m).sort();
  out.w(0, `${indent}${title}:\t`);
  if (keys.length === 0) {
    out.w(0, '<none>\n');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) out.w(0, `${indent}\t`);
    out.w(0, `${k}=${str(m[k])}\n`);
  });
}

function annotationsMultiline(out: Out, title: string, annotations: unknown): void {
  const m = o(annotations);
  out.w(0, `${title}:\t`);
  const keys = Object.keys(m)
    .filter((k) => k !== LAST_APPLIED)
    .sort();
  if (keys.length === 0) {
    out.w(0, '<none>\n');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) out.w(0, '\t');
    const value = str(m[k]).replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      out.w(0, `${k}:\n`);
      for (const s of value.split('\n')) out.w(0, `\t  ${s.length > MAX_ANNOTATION_LEN - 2 ? `${s.slice(0, MAX_ANNOTATION_LEN - 2)}...` : s}\n`);
    } else out.w(0, `${k}: ${value}\n`);
  });
}

function tolerationsMultiline(out: Out, title: string, tolerations: unknown, indent = ''): void {
  const list = a(tolerations)
    .map(o)
    .sort((x, y) => (str(x.key) < str(y.key) ? -1 : str(x.key) > str(y.key) ? 1 : 0));
  out.w(0, `${indent}${title}:\t`);
  if (list.length === 0) {
    out.w(0, '<none>\n');
    return;
  }
  list.forEach((t, i) => {
    if (i !== 0) out.w(0, `${indent}\t`);
    let s = str(t.key);
    if (str(t.value)) s += `=${str(t.value)}`;
    if (str(t.effect)) s += `:${str(t.effect)}`;
    if (t.operator === 'Exists' && !str(t.value)) s += str(t.key) || str(t.effect) ? ' op=Exists' : 'op=Exists';
    if (typeof t.tolerationSeconds === 'number') s += ` for ${t.tolerationSeconds}s`;
    out.w(0, `${s}\n`);
  });
}

function controllerOf(obj: KubeObject): string {
  const ref = (obj.metadata.ownerReferences ?? []).find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

function containerPorts(c: Obj, host: boolean): string {
  return a(c.ports)
    .map(o)
    .map((p) => `${host ? n(p.hostPort) : n(p.containerPort)}/${str(p.protocol)}`)
    .join(', ');
}

function describeState(out: Out, name: string, state: Obj): void {
  if (isObj(state.running)) {
    out.w(2, `${name}:\tRunning\n`);
    out.w(3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (isObj(state.waiting)) {
    out.w(2, `${name}:\tWaiting\n`);
    if (str(state.waiting.reason)) out.w(3, `Reason:\t${str(state.waiting.reason)}\n`);
  } else if (isObj(state.terminated)) {
    const t = state.terminated;
    out.w(2, `${name}:\tTerminated\n`);
    if (str(t.reason)) out.w(3, `Reason:\t${str(t.reason)}\n`);
    if (str(t.message)) out.w(3, `Message:\t${str(t.message)}\n`);
    out.w(3, `Exit Code:\t${n(t.exitCode)}\n`);
    if (n(t.signal) > 0) out.w(3, `Signal:\t${n(t.signal)}\n`);
    out.w(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    out.w(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else out.w(2, `${name}:\tWaiting\n`);
}

function describeResources(out: Out, resources: unknown, level: number): void {
  const r = o(resources);
  const lim = o(r.limits);
  const req = o(r.requests);
  if (Object.keys(lim).length) {
    out.w(level, 'Limits:\n');
    for (const k of Object.keys(lim).sort()) out.w(level + 1, `${k}:\t${String(lim[k])}\n`);
  }
  if (Object.keys(req).length) {
    out.w(level, 'Requests:\n');
    for (const k of Object.keys(req).sort()) out.w(level + 1, `${k}:\t${String(req[k])}\n`);
  }
}

function describeContainers(out: Out, label: string, containers: unknown, statuses: unknown, space: string): void {
  const list = a(containers).map(o);
  const st = new Map(a(statuses).map((s) => [str(o(s).name), o(s)] as const));
  out.w(0, `${space}${label}:${list.length === 0 ? ' <none>' : ''}\n`);
  for (const c of list) {
    const s = st.get(str(c.name));
    out.w(1, `${space ? ' ' : ''}${str(c.name)}:\n`);
    if (s) out.w(2, `Container ID:\t${str(s.containerID)}\n`);
    out.w(2, `Image:\t${str(c.image)}\n`);
    if (s) out.w(2, `Image ID:\t${str(s.imageID)}\n`);
    const ports = containerPorts(c, false);
    out.w(2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${ports || '<none>'}\n`);
    const hostPorts = containerPorts(c, true);
    out.w(2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || '<none>'}\n`);
    for (const [key, title] of [
      ['command', 'Command'],
      ['args', 'Args'],
    ] as const) {
      const items = a(c[key]);
      if (!items.length) continue;
      out.w(2, `${title}:\n`);
      for (const item of items) for (const line of String(item).split('\n')) out.w(3, `${line}\n`);
    }
    if (s) {
      describeState(out, 'State', o(s.state));
      if (isObj(o(s.lastState).terminated)) describeState(out, 'Last State', o(s.lastState));
      out.w(2, `Ready:\t${s.ready === true ? 'True' : 'False'}\n`);
      out.w(2, `Restart Count:\t${n(s.restartCount)}\n`);
    }
    describeResources(out, c.resources, 2);
    const env = a(c.env).map(o);
    out.w(2, `Environment:${env.length ? '' : '\t<none>'}\n`);
    for (const e of env) {
      const vf = o(e.valueFrom);
      if (!isObj(e.valueFrom)) {
        str(e.value)
          .split('\n')
          .forEach((line, i) => out.w(3, i === 0 ? `${str(e.name)}:\t${line}\n` : `\t${line}\n`));
      } else if (isObj(vf.fieldRef)) out.w(3, `${str(e.name)}:\t (${str(vf.fieldRef.apiVersion)}:${str(vf.fieldRef.fieldPath)})\n`);
      else if (isObj(vf.secretKeyRef)) out.w(3, `${str(e.name)}:\t<set to the key '${str(vf.secretKeyRef.key)}' in secret '${str(vf.secretKeyRef.name)}'>\tOptional: ${vf.secretKeyRef.optional === true}\n`);
      else if (isObj(vf.configMapKeyRef)) out.w(3, `${str(e.name)}:\t<set to the key '${str(vf.configMapKeyRef.key)}' of config map '${str(vf.configMapKeyRef.name)}'>\tOptional: ${vf.configMapKeyRef.optional === true}\n`);
    }
    const mounts = a(c.volumeMounts)
      .map(o)
      .sort((x, y) => (str(x.mountPath) < str(y.mountPath) ? -1 : 1));
    out.w(2, `Mounts:${mounts.length ? '' : '\t<none>'}\n`);
    for (const m of mounts) {
      const flags = [m.readOnly === true ? 'ro' : 'rw'];
      if (str(m.subPath)) flags.push(`path=${JSON.stringify(str(m.subPath))}`);
      out.w(3, `${str(m.mountPath)} from ${str(m.name)} (${flags.join(',')})\n`);
    }
  }
}

function describeVolumes(out: Out, volumes: unknown, space: string): void {
  const list = a(volumes).map(o);
  if (list.length === 0) {
    out.w(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  out.w(0, `${space}Volumes:\n`);
  for (const v of list) {
    out.w(1, `${space ? ' ' : ''}${str(v.name)}:\n`);
    if (isObj(v.hostPath)) out.w(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${str(v.hostPath.path)}\n    HostPathType:\t${str(v.hostPath.type) || '<none>'}\n`);
    else if (isObj(v.emptyDir)) out.w(2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${str(v.emptyDir.medium)}\n    SizeLimit:\t${v.emptyDir.sizeLimit !== undefined ? String(v.emptyDir.sizeLimit) : '<unset>'}\n`);
    else if (isObj(v.secret)) out.w(2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${str(v.secret.secretName)}\n    Optional:\t${v.secret.optional === true}\n`);
    else if (isObj(v.configMap)) out.w(2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${str(v.configMap.name)}\n    Optional:\t${v.configMap.optional === true}\n`);
    else if (isObj(v.persistentVolumeClaim)) out.w(2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${str(v.persistentVolumeClaim.claimName)}\n    ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`);
    else if (isObj(v.projected)) {
      out.w(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const src of a(v.projected.sources).map(o)) {
        if (isObj(src.secret)) out.w(2, `SecretName:\t${str(src.secret.name)}\n    Optional:\t${src.secret.optional === true}\n`);
        else if (isObj(src.downwardAPI)) out.w(2, 'DownwardAPI:\ttrue\n');
        else if (isObj(src.configMap)) out.w(2, `ConfigMapName:\t${str(src.configMap.name)}\n    Optional:\t${src.configMap.optional === true}\n`);
        else if (isObj(src.serviceAccountToken)) out.w(2, `TokenExpirationSeconds:\t${n(src.serviceAccountToken.expirationSeconds)}\n`);
      }
    } else out.w(1, '<unknown>\n');
  }
}

function describeEvents(out: Out, events: KubeObject[] | undefined, now: number): void {
  if (!events) return;
  if (events.length === 0) {
    out.w(0, 'Events:\t<none>\n');
    return;
  }
  out.flush();
  const time = (e: Obj) => Date.parse(str(e.lastTimestamp) || str(e.eventTime) || str(e.firstTimestamp)) || 0;
  const sorted = [...events].map((e) => e as unknown as Obj).sort((x, y) => time(x) - time(y));
  out.w(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  out.w(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = str(e.eventTime) ? since(e.eventTime, now) : since(e.firstTimestamp, now);
    let interval = first;
    const series = o(e.series);
    if (isObj(e.series)) interval = `${since(series.lastObservedTime, now)} (x${n(series.count)} over ${first})`;
    else if (n(e.count) > 1) interval = `${since(e.lastTimestamp, now)} (x${n(e.count)} over ${first})`;
    const source = str(o(e.source).component) || str(e.reportingComponent);
    out.w(1, `${str(e.type)}\t${str(e.reason)}\t${interval}\t${source}\t${str(e.message).trim()}\n`);
  }
}

function eventsFor(api: ApiServer, obj: KubeObject): KubeObject[] {
  const ns = obj.metadata.namespace ?? '';
  const fs = [`involvedObject.name=${obj.metadata.name ?? ''}`, `involvedObject.namespace=${ns}`, `involvedObject.kind=${obj.kind}`, `involvedObject.uid=${obj.metadata.uid ?? ''}`].join(',');
  const l = api.list({ group: '', version: 'v1', resource: 'events' }, ns, { fieldSelector: fs });
  return l.ok ? l.value.items : [];
}

function selectorString(sel: unknown): string {
  const s = o(sel);
  const parts: string[] = [];
  const ml = o(s.matchLabels);
  for (const k of Object.keys(ml).sort()) parts.push(`${k}=${str(ml[k])}`);
  for (const e of a(s.matchExpressions).map(o)) {
    const vals = a(e.values).map(String).sort().join(',');
    if (e.operator === 'In') parts.push(`${str(e.key)} in (${vals})`);
    else if (e.operator === 'NotIn') parts.push(`${str(e.key)} notin (${vals})`);
    else if (e.operator === 'Exists') parts.push(str(e.key));
    else if (e.operator === 'DoesNotExist') parts.push(`!${str(e.key)}`);
  }
  return parts.length ? parts.join(',') : '<none>';
}

function podTemplate(out: Out, template: unknown): void {
  const t = o(template);
  const meta = o(t.metadata);
  const spec = o(t.spec);
  out.w(0, 'Pod Template:\n');
  labelsMultiline(out, 'Labels', meta.labels, '  ');
  if (Object.keys(o(meta.annotations)).length) annotationsMultiline(out, '  Annotations', meta.annotations);
  if (str(spec.serviceAccountName)) out.w(1, `Service Account:\t${str(spec.serviceAccountName)}\n`);
  if (a(spec.initContainers).length) describeContainers(out, 'Init Containers', spec.initContainers, undefined, '  ');
  describeContainers(out, 'Containers', spec.containers, undefined, '  ');
  describeVolumes(out, spec.volumes, '  ');
  if (str(spec.priorityClassName)) out.w(1, `Priority Class Name:\t${str(spec.priorityClassName)}\n`);
  labelsMultiline(out, 'Node-Selectors', spec.nodeSelector, '  ');
  tolerationsMultiline(out, 'Tolerations', spec.tolerations, '  ');
}

function conditionsTable(out: Out, conditions: unknown): void {
  const list = a(conditions).map(o);
  if (!list.length) return;
  out.w(0, 'Conditions:\n  Type\tStatus\tReason\n');
  out.w(1, '----\t------\t------\n');
  for (const c of list) out.w(1, `${str(c.type)} \t${str(c.status)}\t${str(c.reason)}\n`);
}

// ------------------------------------------------------------------ the describers

function describePod(api: ApiServer, pod: KubeObject, now: number): string {
  const out = new Out();
  const spec = o(pod.spec);
  const st = o(pod.status);
  out.w(0, `Name:\t${pod.metadata.name ?? ''}\n`);
  out.w(0, `Namespace:\t${pod.metadata.namespace ?? ''}\n`);
  if (typeof spec.priority === 'number') out.w(0, `Priority:\t${spec.priority}\n`);
  if (str(spec.priorityClassName)) out.w(0, `Priority Class Name:\t${str(spec.priorityClassName)}\n`);
  if (str(spec.serviceAccountName)) out.w(0, `Service Account:\t${str(spec.serviceAccountName)}\n`);
  out.w(0, str(spec.nodeName) ? `Node:\t${str(spec.nodeName)}/${str(st.hostIP)}\n` : 'Node:\t<none>\n');
  if (str(st.startTime)) out.w(0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
  labelsMultiline(out, 'Labels', pod.metadata.labels);
  annotationsMultiline(out, 'Annotations', pod.metadata.annotations);
  const phase = str(st.phase);
  if (pod.metadata.deletionTimestamp && phase !== 'Failed' && phase !== 'Succeeded') {
    out.w(0, `Status:\tTerminating (lasts ${since(pod.metadata.deletionTimestamp, now)})\n`);
    out.w(0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  } else out.w(0, `Status:\t${phase}\n`);
  if (str(st.reason)) out.w(0, `Reason:\t${str(st.reason)}\n`);
  if (str(st.message)) out.w(0, `Message:\t${str(st.message)}\n`);
  out.w(0, `IP:\t${str(st.podIP)}\n`);
  const ips = a(st.podIPs).map(o);
  if (ips.length === 0) out.w(0, 'IPs:\t<none>\n');
  else {
    out.w(0, 'IPs:\n');
    for (const ip of ips) out.w(1, `IP:\t${str(ip.ip)}\n`);
  }
  const ctl = controllerOf(pod);
  if (ctl) out.w(0, `Controlled By:\t${ctl}\n`);
  if (str(st.nominatedNodeName)) out.w(0, `NominatedNodeName:\t${str(st.nominatedNodeName)}\n`);
  if (a(spec.initContainers).length) describeContainers(out, 'Init Containers', spec.initContainers, st.initContainerStatuses, '');
  describeContainers(out, 'Containers', spec.containers, st.containerStatuses, '');
  const conds = a(st.conditions).map(o);
  if (conds.length) {
    out.w(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of conds) out.w(1, `${str(c.type)} \t${str(c.status)} \n`);
  }
  describeVolumes(out, spec.volumes, '');
  out.w(0, `QoS Class:\t${str(st.qosClass)}\n`);
  labelsMultiline(out, 'Node-Selectors', spec.nodeSelector);
  tolerationsMultiline(out, 'Tolerations', spec.tolerations);
  describeEvents(out, eventsFor(api, pod), now);
  return out.done();
}

function describeDeployment(api: ApiServer, d: KubeObject, now: number): string {
  const out = new Out();
  const spec = o(d.spec);
  const st = o(d.status);
  out.w(0, `Name:\t${d.metadata.name ?? ''}\n`);
  out.w(0, `Namespace:\t${d.metadata.namespace ?? ''}\n`);
  out.w(0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
  labelsMultiline(out, 'Labels', d.metadata.labels);
  annotationsMultiline(out, 'Annotations', d.metadata.annotations);
  out.w(0, `Selector:\t${selectorString(spec.selector)}\n`);
  out.w(0, `Replicas:\t${n(spec.replicas)} desired | ${n(st.updatedReplicas)} updated | ${n(st.replicas)} total | ${n(st.availableReplicas)} available | ${n(st.unavailableReplicas)} unavailable\n`);
  const strategy = o(spec.strategy);
  out.w(0, `StrategyType:\t${str(strategy.type)}\n`);
  out.w(0, `MinReadySeconds:\t${n(spec.minReadySeconds)}\n`);
  if (isObj(strategy.rollingUpdate)) out.w(0, `RollingUpdateStrategy:\t${String(strategy.rollingUpdate.maxUnavailable ?? '')} max unavailable, ${String(strategy.rollingUpdate.maxSurge ?? '')} max surge\n`);
  podTemplate(out, spec.template);
  conditionsTable(out, st.conditions);
  const rsList = api.list({ group: 'apps', version: 'v1', resource: 'replicasets' }, d.metadata.namespace ?? '');
  if (rsList.ok) {
    const owned = rsList.value.items.filter((rs) => (rs.metadata.ownerReferences ?? []).some((r) => r.uid === d.metadata.uid));
    if (owned.length) {
      const norm = (x: KubeObject) => {
        const t = o(o(x.spec).template);
        const m = o(t.metadata);
        const labels = { ...o(m.labels) };
        delete labels['pod-template-hash'];
        return canonical({ ...t, metadata: { ...m, labels } });
      };
      const newRs = owned.filter((x) => norm(x) === norm(d));
      const old = owned.filter((x) => !newRs.includes(x) && n(o(x.spec).replicas) > 0);
      const fmt = (l: KubeObject[]) => (l.length ? l.map((x) => `${x.metadata.name ?? ''} (${n(o(x.status).replicas)}/${n(o(x.spec).replicas)} replicas created)`).join(', ') : '<none>');
      out.w(0, `OldReplicaSets:\t${fmt(old)}\n`);
      out.w(0, `NewReplicaSet:\t${fmt(newRs)}\n`);
    }
  }
  describeEvents(out, eventsFor(api, d), now);
  return out.done();
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObj(v))
    return `{${Object.keys(v)
      .filter((k) => v[k] !== undefined && !(k === 'creationTimestamp' && v[k] === null))
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

function podsFor(api: ApiServer, ns: string, owner: KubeObject): KubeObject[] {
  const l = api.list({ group: '', version: 'v1', resource: 'pods' }, ns);
  if (!l.ok) return [];
  return l.value.items.filter((p) => (p.metadata.ownerReferences ?? []).some((r) => r.uid === owner.metadata.uid));
}

function describeReplicaSet(api: ApiServer, rs: KubeObject, now: number): string {
  const out = new Out();
  const spec = o(rs.spec);
  out.w(0, `Name:\t${rs.metadata.name ?? ''}\n`);
  out.w(0, `Namespace:\t${rs.metadata.namespace ?? ''}\n`);
  out.w(0, `Selector:\t${selectorString(spec.selector)}\n`);
  labelsMultiline(out, 'Labels', rs.metadata.labels);
  annotationsMultiline(out, 'Annotations', rs.metadata.annotations);
  const ctl = controllerOf(rs);
  if (ctl) out.w(0, `Controlled By:\t${ctl}\n`);
  out.w(0, `Replicas:\t${n(o(rs.status).replicas)} current / ${n(spec.replicas)} desired\n`);
  const counts = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
  for (const p of podsFor(api, rs.metadata.namespace ?? '', rs)) {
    const ph = str(o(p.status).phase) as keyof typeof counts;
    if (ph in counts) counts[ph]++;
  }
  out.w(0, 'Pods Status:\t');
  out.w(0, `${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed\n`);
  podTemplate(out, spec.template);
  conditionsTable(out, o(rs.status).conditions);
  describeEvents(out, eventsFor(api, rs), now);
  return out.done();
}

function describeService(api: ApiServer, svc: KubeObject, now: number): string {
  const out = new Out();
  const spec = o(svc.spec);
  out.w(0, `Name:\t${svc.metadata.name ?? ''}\n`);
  out.w(0, `Namespace:\t${svc.metadata.namespace ?? ''}\n`);
  labelsMultiline(out, 'Labels', svc.metadata.labels);
  annotationsMultiline(out, 'Annotations', svc.metadata.annotations);
  const sel = o(spec.selector);
  const selKeys = Object.keys(sel).sort();
  out.w(0, `Selector:\t${selKeys.length ? selKeys.map((k) => `${k}=${str(sel[k])}`).join(',') : '<none>'}\n`);
  out.w(0, `Type:\t${str(spec.type)}\n`);
  if (str(spec.ipFamilyPolicy)) out.w(0, `IP Family Policy:\t${str(spec.ipFamilyPolicy)}\n`);
  const fam = a(spec.ipFamilies).map(String);
  out.w(0, `IP Families:\t${fam.length ? fam.join(',') : '<none>'}\n`);
  out.w(0, `IP:\t${str(spec.clusterIP)}\n`);
  const ips = a(spec.clusterIPs).map(String);
  out.w(0, `IPs:\t${ips.length ? ips.join(',') : '<none>'}\n`);
  if (a(spec.externalIPs).length) out.w(0, `External IPs:\t${a(spec.externalIPs).map(String).join(',')}\n`);
  if (str(spec.externalName)) out.w(0, `External Name:\t${str(spec.externalName)}\n`);
  const ing = a(o(o(svc.status).loadBalancer).ingress).map(o);
  if (ing.length) out.w(0, `LoadBalancer Ingress:\t${ing.map((x) => str(x.ip) || str(x.hostname)).join(', ')}\n`);
  const slices = api.list({ group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' }, svc.metadata.namespace ?? '', { labelSelector: `kubernetes.io/service-name=${svc.metadata.name ?? ''}` });
  const sl = slices.ok ? slices.value.items.map((x) => x as unknown as Obj) : [];
  for (const p of a(spec.ports).map(o)) {
    const name = str(p.name) || '<unset>';
    const proto = str(p.protocol);
    out.w(0, `Port:\t${name}\t${n(p.port)}/${proto}\n`);
    out.w(0, `TargetPort:\t${String(p.targetPort ?? '')}/${proto}\n`);
    if (n(p.nodePort)) out.w(0, `NodePort:\t${name}\t${n(p.nodePort)}/${proto}\n`);
    out.w(0, `Endpoints:\t${formatEndpointSlices(sl, str(p.name))}\n`);
  }
  out.w(0, `Session Affinity:\t${str(spec.sessionAffinity)}\n`);
  if (str(spec.externalTrafficPolicy)) out.w(0, `External Traffic Policy:\t${str(spec.externalTrafficPolicy)}\n`);
  if (str(spec.internalTrafficPolicy)) out.w(0, `Internal Traffic Policy:\t${str(spec.internalTrafficPolicy)}\n`);
  describeEvents(out, eventsFor(api, svc), now);
  return out.done();
}

function formatEndpointSlices(slices: Obj[], portName: string): string {
  if (!slices.length) return '<none>';
  const list: string[] = [];
  let count = 0;
  let more = false;
  for (const s of slices) {
    for (const p of a(s.ports).map(o)) {
      if (str(p.name) !== portName) continue;
      for (const e of a(s.endpoints).map(o)) {
        if (list.length === 3) more = true;
        const ready = o(e.conditions).ready;
        if (ready === false) continue;
        if (!more) list.push(`${String(a(e.addresses)[0] ?? '')}:${n(p.port)}`);
        count++;
      }
    }
  }
  let r = list.join(',');
  if (more) r += ` + ${count - 3} more...`;
  return r === '' ? '' : r;
}

function describePvc(api: ApiServer, pvc: KubeObject, now: number): string {
  const out = new Out();
  const spec = o(pvc.spec);
  const st = o(pvc.status);
  out.w(0, `Name:\t${pvc.metadata.name ?? ''}\n`);
  out.w(0, `Namespace:\t${pvc.metadata.namespace ?? ''}\n`);
  out.w(0, `StorageClass:\t${str(spec.storageClassName) || str(pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'])}\n`);
  out.w(0, pvc.metadata.deletionTimestamp ? `Status:\tTerminating (lasts ${since(pvc.metadata.deletionTimestamp, now)})\n` : `Status:\t${str(st.phase)}\n`);
  out.w(0, `Volume:\t${str(spec.volumeName)}\n`);
  labelsMultiline(out, 'Labels', pvc.metadata.labels);
  annotationsMultiline(out, 'Annotations', pvc.metadata.annotations);
  out.w(0, `Finalizers:\t[${(pvc.metadata.finalizers ?? []).join(' ')}]\n`);
  let capacity = '';
  let modes = '';
  if (str(spec.volumeName)) {
    modes = accessModesString(st.accessModes);
    capacity = String(o(st.capacity).storage ?? '');
  }
  out.w(0, `Capacity:\t${capacity}\n`);
  out.w(0, `Access Modes:\t${modes}\n`);
  if (str(spec.volumeMode)) out.w(0, `VolumeMode:\t${str(spec.volumeMode)}\n`);
  const pods = api.list({ group: '', version: 'v1', resource: 'pods' }, pvc.metadata.namespace ?? '');
  const users = pods.ok ? pods.value.items.filter((p) => a(o(p.spec).volumes).some((v) => str(o(o(v).persistentVolumeClaim).claimName) === pvc.metadata.name)).map((p) => p.metadata.name ?? '') : [];
  out.w(0, 'Used By:\t');
  if (!users.length) out.w(0, '<none>\n');
  else users.forEach((u, i) => out.w(0, `${i ? '\t' : ''}${u}\n`));
  describeEvents(out, eventsFor(api, pvc), now);
  return out.done();
}

function accessModesString(modes: unknown): string {
  const abbrev: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };
  const list = a(modes).map(String);
  const out: string[] = [];
  for (const m of ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod']) if (list.includes(m)) out.push(abbrev[m]!);
  return out.join(',');
}

function describePv(api: ApiServer, pv: KubeObject, now: number): string {
  const out = new Out();
  const spec = o(pv.spec);
  out.w(0, `Name:\t${pv.metadata.name ?? ''}\n`);
  labelsMultiline(out, 'Labels', pv.metadata.labels);
  annotationsMultiline(out, 'Annotations', pv.metadata.annotations);
  out.w(0, `Finalizers:\t[${(pv.metadata.finalizers ?? []).join(' ')}]\n`);
  out.w(0, `StorageClass:\t${str(spec.storageClassName)}\n`);
  out.w(0, pv.metadata.deletionTimestamp ? `Status:\tTerminating (lasts ${since(pv.metadata.deletionTimestamp, now)})\n` : `Status:\t${str(o(pv.status).phase)}\n`);
  const claim = o(spec.claimRef);
  out.w(0, `Claim:\t${isObj(spec.claimRef) ? `${str(claim.namespace)}/${str(claim.name)}` : ''}\n`);
  out.w(0, `Reclaim Policy:\t${str(spec.persistentVolumeReclaimPolicy)}\n`);
  out.w(0, `Access Modes:\t${accessModesString(spec.accessModes)}\n`);
  if (str(spec.volumeMode)) out.w(0, `VolumeMode:\t${str(spec.volumeMode)}\n`);
  out.w(0, `Capacity:\t${String(o(spec.capacity).storage ?? '0')}\n`);
  out.w(0, 'Node Affinity:\t<none>\n');
  out.w(0, `Message:\t${str(o(pv.status).message)}\n`);
  out.w(0, 'Source:\n');
  if (isObj(spec.hostPath)) out.w(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${str(spec.hostPath.path)}\n    HostPathType:\t${str(spec.hostPath.type) || '<none>'}\n`);
  else out.w(1, '<unknown>\n');
  describeEvents(out, eventsFor(api, pv), now);
  return out.done();
}

function describeNamespace(api: ApiServer, ns: KubeObject): string {
  const out = new Out();
  out.w(0, `Name:\t${ns.metadata.name ?? ''}\n`);
  labelsMultiline(out, 'Labels', ns.metadata.labels);
  annotationsMultiline(out, 'Annotations', ns.metadata.annotations);
  out.w(0, `Status:\t${str(o(ns.status).phase)}\n`);
  void api;
  out.w(0, '\n');
  out.w(0, 'No resource quota.\n');
  out.w(0, '\n');
  out.w(0, 'No LimitRange resource.\n');
  return out.done();
}

function describeNode(api: ApiServer, node: KubeObject, now: number): string {
  const out = new Out();
  const spec = o(node.spec);
  const st = o(node.status);
  out.w(0, `Name:\t${node.metadata.name ?? ''}\n`);
  const roles = Object.keys(node.metadata.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length))
    .filter((r) => r !== '')
    .sort();
  out.w(0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}\n`);
  labelsMultiline(out, 'Labels', node.metadata.labels);
  annotationsMultiline(out, 'Annotations', node.metadata.annotations);
  out.w(0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  const taints = a(spec.taints).map(o);
  out.w(0, 'Taints:\t');
  if (!taints.length) out.w(0, '<none>\n');
  else taints.forEach((t, i) => out.w(0, `${i ? '\t' : ''}${str(t.key)}${str(t.value) ? `=${str(t.value)}` : ''}:${str(t.effect)}\n`));
  out.w(0, `Unschedulable:\t${spec.unschedulable === true}\n`);
  const lease = api.get({ group: 'coordination.k8s.io', version: 'v1', resource: 'leases' }, 'kube-node-lease', node.metadata.name ?? '');
  if (lease.ok) {
    const ls = o(lease.value.spec);
    out.w(0, 'Lease:\n');
    out.w(1, `HolderIdentity:\t${str(ls.holderIdentity) || '<unset>'}\n`);
    out.w(1, `AcquireTime:\t${str(ls.acquireTime) ? rfc1123z(ls.acquireTime) : '<unset>'}\n`);
    out.w(1, `RenewTime:\t${str(ls.renewTime) ? rfc1123z(ls.renewTime) : '<unset>'}\n`);
  } else out.w(0, `Lease:\tFailed to get lease: ${lease.status.message}\n`);
  const conds = a(st.conditions).map(o);
  if (conds.length) {
    out.w(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    out.w(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conds) out.w(1, `${str(c.type)} \t${str(c.status)} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${str(c.reason)} \t${str(c.message)}\n`);
  }
  out.w(0, 'Addresses:\n');
  for (const ad of a(st.addresses).map(o)) out.w(1, `${str(ad.type)}:\t${str(ad.address)}\n`);
  const order = (k: string) => (['cpu', 'memory', 'ephemeral-storage', 'storage'].indexOf(k) + 1 || 99);
  const resList = (title: string, v: unknown) => {
    const m = o(v);
    const keys = Object.keys(m).sort((x, y) => order(x) - order(y) || (x < y ? -1 : 1));
    if (!keys.length) return;
    out.w(0, `${title}:\n`);
    for (const k of keys) out.w(0, `  ${k}:\t${String(m[k])}\n`);
  };
  resList('Capacity', st.capacity);
  resList('Allocatable', st.allocatable);
  const info = o(st.nodeInfo);
  out.w(0, 'System Info:\n');
  for (const [label, key] of [
    ['Machine ID', 'machineID'],
    ['System UUID', 'systemUUID'],
    ['Boot ID', 'bootID'],
    ['Kernel Version', 'kernelVersion'],
    ['OS Image', 'osImage'],
    ['Operating System', 'operatingSystem'],
    ['Architecture', 'architecture'],
    ['Container Runtime Version', 'containerRuntimeVersion'],
    ['Kubelet Version', 'kubeletVersion'],
    ['Kube-Proxy Version', 'kubeProxyVersion'],
  ] as const)
    out.w(0, `  ${label}:\t${str(info[key])}\n`);
  if (str(spec.podCIDR)) out.w(0, `PodCIDR:\t${str(spec.podCIDR)}\n`);
  if (a(spec.podCIDRs).length) out.w(0, `PodCIDRs:\t${a(spec.podCIDRs).map(String).join(',')}\n`);
  if (str(spec.providerID)) out.w(0, `ProviderID:\t${str(spec.providerID)}\n`);
  const pods = api.list({ group: '', version: 'v1', resource: 'pods' }, '', { fieldSelector: `spec.nodeName=${node.metadata.name ?? ''}` });
  const running = pods.ok ? pods.value.items.filter((p) => !['Succeeded', 'Failed'].includes(str(o(p.status).phase))) : [];
  out.w(0, `Non-terminated Pods:\t(${running.length} in total)\n`);
  out.w(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  out.w(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  for (const p of running) out.w(1, `${p.metadata.namespace ?? ''}\t${p.metadata.name ?? ''}\t\t0 (0%)\t0 (0%)\t0 (0%)\t0 (0%)\t${since(p.metadata.creationTimestamp, now)}\n`);
  out.w(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  out.w(1, 'Resource\tRequests\tLimits\n');
  out.w(1, '--------\t--------\t------\n');
  out.w(1, 'cpu\t0 (0%)\t0 (0%)\n');
  out.w(1, 'memory\t0 (0%)\t0 (0%)\n');
  out.w(1, 'ephemeral-storage\t0 (0%)\t0 (0%)\n');
  describeEvents(out, eventsFor(api, node), now);
  return out.done();
}

function describeConfigMap(api: ApiServer, cm: KubeObject, now: number): string {
  const out = new Out();
  out.w(0, `Name:\t${cm.metadata.name ?? ''}\n`);
  out.w(0, `Namespace:\t${cm.metadata.namespace ?? ''}\n`);
  labelsMultiline(out, 'Labels', cm.metadata.labels);
  annotationsMultiline(out, 'Annotations', cm.metadata.annotations);
  out.w(0, '\nData\n====\n');
  const data = o(cm.data);
  for (const k of Object.keys(data).sort()) {
    out.w(0, `${k}:\n----\n`);
    out.w(0, `${str(data[k])}\n`);
    out.w(0, '\n');
  }
  out.w(0, '\nBinaryData\n====\n');
  for (const k of Object.keys(o(cm.binaryData)).sort()) out.w(0, `${k}: ${Math.floor((str(o(cm.binaryData)[k]).length * 3) / 4)} bytes\n`);
  out.w(0, '\n');
  describeEvents(out, eventsFor(api, cm), now);
  return out.done();
}

function describeSecret(s: KubeObject): string {
  const out = new Out();
  out.w(0, `Name:\t${s.metadata.name ?? ''}\n`);
  out.w(0, `Namespace:\t${s.metadata.namespace ?? ''}\n`);
  labelsMultiline(out, 'Labels', s.metadata.labels);
  annotationsMultiline(out, 'Annotations', s.metadata.annotations);
  out.w(0, `\nType:\t${str(s.type)}\n`);
  out.w(0, '\nData\n====\n');
  const data = o(s.data);
  for (const k of Object.keys(data)) {
    const len = atob(str(data[k])).length;
    out.w(0, `${k}:\t${len} bytes\n`);
  }
  return out.done();
}

function smartLabel(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field;
  const parts = field.split(/(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/);
  return parts.map((p) => (['API', 'URL', 'UID', 'OSB', 'GUID'].includes(p.toUpperCase()) ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1))).join(' ');
}

const GENERIC_SKIP = ['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations'];

function unstructured(out: Out, level: number, content: Obj, prefix: string): void {
  for (const field of Object.keys(content).sort()) {
    const v = content[field];
    const path = `${prefix}.${field}`;
    if (GENERIC_SKIP.includes(path)) continue;
    if (isObj(v)) {
      out.w(level, `${smartLabel(field)}:\n`);
      unstructured(out, level + 1, v, path);
    } else if (Array.isArray(v)) {
      out.w(level, `${smartLabel(field)}:\n`);
      for (const c of v) {
        if (isObj(c)) unstructured(out, level + 1, c, path);
        else out.w(level + 1, `${String(c)}\n`);
      }
    } else out.w(level, `${smartLabel(field)}:\t${v === null ? '<nil>' : String(v)}\n`);
  }
}

function describeGeneric(api: ApiServer, obj: KubeObject, now: number): string {
  const out = new Out();
  out.w(0, `Name:\t${obj.metadata.name ?? ''}\n`);
  out.w(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  labelsMultiline(out, 'Labels', obj.metadata.labels);
  annotationsMultiline(out, 'Annotations', obj.metadata.annotations);
  unstructured(out, 0, obj as unknown as Obj, '');
  describeEvents(out, eventsFor(api, obj), now);
  return out.done();
}

export function describeObject(api: ApiServer, obj: KubeObject, now: number): string {
  switch (obj.kind) {
    case 'Pod':
      return describePod(api, obj, now);
    case 'Deployment':
      return describeDeployment(api, obj, now);
    case 'ReplicaSet':
      return describeReplicaSet(api, obj, now);
    case 'Service':
      return describeService(api, obj, now);
    case 'Node':
      return describeNode(api, obj, now);
    case 'PersistentVolumeClaim':
      return describePvc(api, obj, now);
    case 'PersistentVolume':
      return describePv(api, obj, now);
    case 'Namespace':
      return describeNamespace(api, obj);
    case 'ConfigMap':
      return describeConfigMap(api, obj, now);
    case 'Secret':
      return describeSecret(obj);
    default:
      return describeGeneric(api, obj, now);
  }
}

void podStatus;

export function describeCommand() {
  return defineCommand({
    use: 'describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME)',
    short: 'Show details of a specific resource or group of resources',
    long: `Show details of a specific resource or group of resources.

 Print a detailed description of the selected resources, including related resources such as events or controllers. You may select a single object by name, all objects of that type, provide a name prefix, or label selector. For example:

        $ kubectl describe TYPE NAME_PREFIX

 will first check for an exact match on TYPE and NAME_PREFIX. If no such resource exists, it will output details for every resource that has a name prefixed with NAME_PREFIX.

Use "kubectl api-resources" for a complete list of supported resources.`,
    example:
      '  # Describe a node\n  kubectl describe nodes kubernetes-node-emt8.c.myproject.internal\n\n  # Describe a pod\n  kubectl describe pods/nginx\n\n  # Describe a pod identified by type and name in "pod.json"\n  kubectl describe -f pod.json\n\n  # Describe all pods\n  kubectl describe pods\n\n  # Describe pods by label name=myLabel\n  kubectl describe pods -l name=myLabel\n\n  # Describe all pods managed by the \'frontend\' replication controller\n  # (rc-created pods get the name of the rc as a prefix in the pod name)\n  kubectl describe pods frontend',
    flags: {
      allNamespaces: flag.bool('all-namespaces', { short: 'A', usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' }),
      chunkSize: flag.sizedInt('chunk-size', 'int64', { usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.', default: 500 }),
      filename: flag.stringSlice('filename', { short: 'f', usage: 'Filename, directory, or URL to files containing the resource to describe' }),
      kustomize: flag.string('kustomize', { short: 'k', usage: "Process the kustomization directory. This flag can't be used together with -f or -R." }),
      recursive: flag.bool('recursive', { short: 'R', usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' }),
      selector: flag.string('selector', { short: 'l', usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." }),
      showEvents: flag.bool('show-events', { usage: 'If true, display events related to the described object.', default: true }),
    },
    completeArgs: completeResourceTypes,
    run: (cli, args, f) => runDescribe(cli, args, f),
  });
}

async function runDescribe(cli: CliContext, args: string[], f: { allNamespaces: boolean; filename: string[]; recursive: boolean; selector: string; showEvents: boolean }): Promise<number> {
  return guard(cli, async (client) => {
    if (args.length === 0 && f.filename.length === 0) {
      await cli.err(`You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee 'kubectl describe -h' for help and examples\n`);
      return 1;
    }
    const api = await client.connect();
    const now = nowOf(cli);
    const errors: unknown[] = [];
    const objs: KubeObject[] = [];
    if (f.filename.length) {
      const r = await readFileObjects(cli.proc, { filenames: f.filename, recursive: f.recursive }, client.namespace);
      errors.push(...r.errors);
      for (const x of r.objects) {
        const g = api.get(gvr(x.info), x.namespace, str(o(x.obj.metadata).name));
        if (g.ok) objs.push(g.value);
        else errors.push(new StatusError(g.status));
      }
    } else {
      const reqs = typeOrNameArgs(args);
      for (const req of reqs) {
        const ns = req.info.namespaced ? (f.allNamespaces ? '' : client.namespace) : '';
        if (req.names.length) {
          for (const name of req.names) {
            const g = api.get(gvr(req.info), ns, name);
            if (g.ok) {
              objs.push(g.value);
              continue;
            }
            // DescribeMatchingResources: `describe TYPE PREFIX` falls back to a name prefix
            if (g.status.reason === 'NotFound' && args.length === 2 && !args[0]!.includes('/')) {
              const l = api.list(gvr(req.info), ns);
              const matches = l.ok ? l.value.items.filter((x) => (x.metadata.name ?? '').startsWith(name)) : [];
              if (matches.length) {
                let text = '';
                for (const m of matches) text += `${describeObject(api, { ...m, kind: req.info.kind }, now)}\n`;
                await cli.out(text);
                return 0;
              }
            }
            errors.push(new StatusError(g.status));
          }
        } else {
          const l = api.list(gvr(req.info), ns, { labelSelector: f.selector });
          if (l.ok) objs.push(...l.value.items.map((x) => ({ ...x, kind: req.info.kind })));
          else errors.push(new StatusError(l.status));
        }
      }
    }
    let text = '';
    objs.forEach((obj, i) => {
      const s = describeObject(api, obj, now);
      text += i === 0 ? s : `\n\n${s}`;
    });
    if (!f.showEvents) text = text.replace(/Events:(\t<none>\n|\n(?: {2}.*\n)*)/g, '');
    if (text) await cli.out(text);
    if (objs.length === 0 && errors.length === 0) await cli.err(f.allNamespaces ? 'No resources found\n' : `No resources found in ${client.namespace} namespace.\n`);
    return finish(cli, errors);
  });
}
