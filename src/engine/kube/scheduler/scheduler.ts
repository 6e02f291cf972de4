/**
 * kube-scheduler's default profile, as far as a one- or few-node minikube shows it (k8s.io/kubernetes
 * pkg/scheduler, v1.33). Pods with `schedulerName: default-scheduler` and no node go through:
 *
 * - PreFilter VolumeBinding: claims that do not exist ("persistentvolumeclaim \"x\" not found") or are
 *   not bound yet with an Immediate class ("pod has unbound immediate PersistentVolumeClaims");
 * - Filter plugins in the default order, the first failing one giving the node's reasons:
 *   NodeUnschedulable ("node(s) were unschedulable"), NodeName ("node(s) didn't match the requested node
 *   name"), TaintToleration ("node(s) had untolerated taint {key: value}"), NodeAffinity ("node(s) didn't
 *   match Pod's node affinity/selector"), NodePorts ("node(s) didn't have free ports for the requested pod
 *   ports"), NodeResourcesFit ("Insufficient cpu", "Insufficient memory", "Too many pods");
 * - the least allocated feasible node (then by name) is bound through the API (`bind`), with the event
 *   `Scheduled` "Successfully assigned default/web to minikube";
 * - otherwise the pod stays Pending with PodScheduled=False (reason Unschedulable) and the event
 *   `FailedScheduling` carries FitError's text: "0/1 nodes are available: 1 Insufficient cpu. preemption:
 *   0/1 nodes are available: 1 No preemption victims found for incoming pod." (every pod has priority 0
 *   here, so preemption never finds victims; unresolvable reasons say "Preemption is not helpful for
 *   scheduling").
 *
 * Events are events.k8s.io/v1 (reportingController default-scheduler, reportingInstance
 * default-scheduler-<node>). A pending pod is retried when nodes, pods or claims change, and every five
 * minutes (podMaxInUnschedulablePodsDuration); a repeated failure with the same message extends the
 * event's series. Not simulated: inter-pod affinity, topology spread, volume limits and zones, scoring
 * beyond least-allocated, preemption.
 */
import { compareQuantity, parseQuantity, type Quantity } from '../api';
import type { KubeObject } from '../apiserver';
import { recordEventV1 } from '../controllers/events';
import { Controller, selfKey, type ControllerContext, type ReconcileResult, type WatchSpec } from '../controllers/queue';
import { NODES, PODS, PVCS, STORAGE_CLASSES, arr, copy, isObj, num, o, rfc3339, splitKey, str, type Obj } from '../controllers/util';

export const DEFAULT_SCHEDULER = 'default-scheduler';
/** podMaxInUnschedulablePodsDuration. */
export const UNSCHEDULABLE_RETRY_MS = 5 * 60 * 1000;

type Status = { code: 'Unschedulable' | 'UnschedulableAndUnresolvable'; reasons: string[] };

const zero: Quantity = { nanos: 0n, format: 'DecimalSI' };

function q(v: unknown): Quantity {
  const r = parseQuantity(typeof v === 'number' ? String(v) : str(v));
  return r.ok ? r.value : zero;
}

const add = (a: Quantity, b: Quantity): Quantity => ({ nanos: a.nanos + b.nanos, format: a.format });
const maxQ = (a: Quantity, b: Quantity): Quantity => (compareQuantity(a, b) >= 0 ? a : b);

/** The pod's requests as the scheduler counts them: containers summed, init containers' max, overhead. */
export function podRequests(pod: KubeObject): Map<string, Quantity> {
  const spec = o(pod.spec);
  const out = new Map<string, Quantity>();
  for (const c of arr(spec.containers)) {
    for (const [k, v] of Object.entries(o(o(c.resources).requests))) out.set(k, add(out.get(k) ?? zero, q(v)));
  }
  for (const c of arr(spec.initContainers)) {
    for (const [k, v] of Object.entries(o(o(c.resources).requests))) out.set(k, maxQ(out.get(k) ?? zero, q(v)));
  }
  for (const [k, v] of Object.entries(o(spec.overhead))) out.set(k, add(out.get(k) ?? zero, q(v)));
  return out;
}

function tolerates(tolerations: Obj[], taint: Obj): boolean {
  return tolerations.some((t) => {
    const effect = str(t.effect);
    if (effect && effect !== str(taint.effect)) return false;
    const key = str(t.key);
    const op = str(t.operator) || 'Equal';
    if (key === '' && op === 'Exists') return true;
    if (key !== str(taint.key)) return false;
    return op === 'Exists' || str(t.value) === str(taint.value);
  });
}

function matchExpression(expr: Obj, value: string | undefined): boolean {
  const values = Array.isArray(expr.values) ? expr.values.map(String) : [];
  switch (str(expr.operator)) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
      return value !== undefined && Number(value) > Number(values[0]);
    case 'Lt':
      return value !== undefined && Number(value) < Number(values[0]);
  }
  return false;
}

function nodeAffinityMatches(pod: KubeObject, node: KubeObject): boolean {
  const labels = node.metadata.labels ?? {};
  const spec = o(pod.spec);
  for (const [k, v] of Object.entries(o(spec.nodeSelector))) if (labels[k] !== v) return false;
  const required = o(o(o(spec.affinity).nodeAffinity).requiredDuringSchedulingIgnoredDuringExecution);
  const terms = arr(required.nodeSelectorTerms);
  if (!isObj(required) || terms.length === 0) return true;
  return terms.some((t) => {
    const exprs = arr(t.matchExpressions);
    const fields = arr(t.matchFields);
    if (exprs.length === 0 && fields.length === 0) return false;
    return exprs.every((e) => matchExpression(e, labels[str(e.key)])) && fields.every((f) => matchExpression(f, str(f.key) === 'metadata.name' ? node.metadata.name : undefined));
  });
}

function hostPorts(pod: KubeObject): string[] {
  const out: string[] = [];
  for (const c of arr(o(pod.spec).containers)) for (const p of arr(c.ports)) if (num(p.hostPort)) out.push(`${str(p.protocol) || 'TCP'}/${str(p.hostIP) || '0.0.0.0'}/${num(p.hostPort)}`);
  return out;
}

export class Scheduler extends Controller {
  readonly name = DEFAULT_SCHEDULER;
  /** The last failure message per pod uid (a repeat only extends the event series on the periodic retry). */
  private readonly lastFailure = new Map<string, string>();

  constructor(
    ctx: ControllerContext,
    private readonly hostname = 'minikube',
  ) {
    super(ctx);
  }

  protected watches(): WatchSpec[] {
    const pending = (): string[] => {
      const l = this.api.list(PODS, '', { fieldSelector: 'spec.nodeName=' });
      return l.ok ? l.value.items.filter((p) => this.wants(p)).map((p) => selfKey(p)[0]!) : [];
    };
    return [
      {
        gvr: PODS,
        keys: (pod, type) => {
          if (this.wants(pod)) return selfKey(pod);
          // a pod leaving a node frees room for the pending ones
          if (type === 'DELETED' || pod.metadata.deletionTimestamp || ['Succeeded', 'Failed'].includes(str(o(pod.status).phase))) return pending();
          return [];
        },
      },
      { gvr: NODES, keys: () => pending() },
      { gvr: PVCS, keys: () => pending() },
    ];
  }

  private wants(pod: KubeObject): boolean {
    const spec = o(pod.spec);
    const phase = str(o(pod.status).phase);
    return (str(spec.schedulerName) || DEFAULT_SCHEDULER) === DEFAULT_SCHEDULER && !str(spec.nodeName) && !pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
  }

  reconcile(key: string): ReconcileResult | void {
    const [ns, name] = splitKey(key);
    const got = this.api.get(PODS, ns, name);
    if (!got.ok) return;
    const pod = got.value;
    if (!this.wants(pod)) {
      this.lastFailure.delete(pod.metadata.uid ?? '');
      return;
    }
    if (arr(o(pod.spec).schedulingGates).length) {
      this.setUnschedulable(pod, 'SchedulingGated', 'Scheduling is blocked due to non-empty scheduling gates');
      return;
    }
    const nodesR = this.api.list(NODES, '');
    const nodes = nodesR.ok ? nodesR.value.items : [];
    const podsR = this.api.list(PODS, '');
    const allPods = podsR.ok ? podsR.value.items : [];
    const preFilter = this.preFilter(pod);
    const statuses = new Map<string, Status>();
    const feasible: KubeObject[] = [];
    if (!preFilter) {
      for (const node of nodes) {
        const st = this.filter(pod, node, allPods);
        if (st) statuses.set(node.metadata.name ?? '', st);
        else feasible.push(node);
      }
    }
    if (feasible.length) {
      const node = this.pick(feasible, allPods);
      const nodeName = node.metadata.name ?? '';
      const r = this.api.bind(ns, name, nodeName);
      if (r.ok) {
        this.lastFailure.delete(pod.metadata.uid ?? '');
        recordEventV1(this.api, this.clock, pod, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${name} to ${nodeName}`, this.eventOpts('Binding'));
      }
      return;
    }
    const message = this.fitError(nodes.length, preFilter, statuses);
    const retry = this.lastFailure.get(pod.metadata.uid ?? '') === message && this.dueForRetry(pod);
    if (this.lastFailure.get(pod.metadata.uid ?? '') !== message || retry) {
      this.lastFailure.set(pod.metadata.uid ?? '', message);
      recordEventV1(this.api, this.clock, pod, 'Warning', 'FailedScheduling', message, this.eventOpts('Scheduling'));
    }
    this.setUnschedulable(pod, 'Unschedulable', message);
    return { requeueAfter: UNSCHEDULABLE_RETRY_MS };
  }

  private readonly attempts = new Map<string, number>();

  private dueForRetry(pod: KubeObject): boolean {
    const uid = pod.metadata.uid ?? '';
    const last = this.attempts.get(uid) ?? 0;
    const now = this.clock.now();
    if (now - last >= UNSCHEDULABLE_RETRY_MS) {
      this.attempts.set(uid, now);
      return last !== 0;
    }
    return false;
  }

  private eventOpts(action: string): { reportingController: string; reportingInstance: string; action: string } {
    return { reportingController: DEFAULT_SCHEDULER, reportingInstance: `${DEFAULT_SCHEDULER}-${this.hostname}`, action };
  }

  private setUnschedulable(pod: KubeObject, reason: string, message: string): void {
    const st = o(pod.status);
    const conds = arr(st.conditions);
    const cur = conds.find((c) => c.type === 'PodScheduled');
    if (cur && cur.status === 'False' && cur.reason === reason && cur.message === message) {
      this.attempts.set(pod.metadata.uid ?? '', this.attempts.get(pod.metadata.uid ?? '') ?? this.clock.now());
      return;
    }
    const cond: Obj = { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: cur?.status === 'False' ? cur.lastTransitionTime : rfc3339(this.clock.now()), reason, message };
    const body = copy(pod) as unknown as Obj;
    body.status = { ...copy(st), conditions: [...conds.filter((c) => c.type !== 'PodScheduled'), cond] };
    this.api.update(PODS, pod.metadata.namespace ?? '', pod.metadata.name ?? '', body, { subresource: 'status' });
    if (!this.attempts.has(pod.metadata.uid ?? '')) this.attempts.set(pod.metadata.uid ?? '', this.clock.now());
  }

  /** VolumeBinding's PreFilter: the message, or undefined when the claims are fine. */
  private preFilter(pod: KubeObject): string | undefined {
    const ns = pod.metadata.namespace ?? '';
    for (const v of arr(o(pod.spec).volumes)) {
      const claim = str(o(v.persistentVolumeClaim).claimName);
      if (!claim) continue;
      const pvc = this.api.get(PVCS, ns, claim);
      if (!pvc.ok) return `persistentvolumeclaim "${claim}" not found`;
      if (pvc.value.metadata.deletionTimestamp) return `persistentvolumeclaim "${claim}" is being deleted`;
      if (str(o(pvc.value.spec).volumeName)) continue;
      const cls = str(o(pvc.value.spec).storageClassName);
      const sc = cls ? this.api.get(STORAGE_CLASSES, '', cls) : undefined;
      if (sc?.ok && str(sc.value.volumeBindingMode) === 'WaitForFirstConsumer') continue;
      return 'pod has unbound immediate PersistentVolumeClaims';
    }
    return undefined;
  }

  /** The Filter plugins, in the default profile's order; undefined when the node fits. */
  private filter(pod: KubeObject, node: KubeObject, allPods: readonly KubeObject[]): Status | undefined {
    const spec = o(pod.spec);
    const nspec = o(node.spec);
    const tolerations = arr(spec.tolerations);
    const unresolvable = (reason: string): Status => ({ code: 'UnschedulableAndUnresolvable', reasons: [reason] });
    if (nspec.unschedulable === true && !tolerates(tolerations, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })) return unresolvable('node(s) were unschedulable');
    if (str(spec.nodeName) && str(spec.nodeName) !== node.metadata.name) return unresolvable("node(s) didn't match the requested node name");
    for (const taint of arr(nspec.taints)) {
      const effect = str(taint.effect);
      if (effect !== 'NoSchedule' && effect !== 'NoExecute') continue;
      if (!tolerates(tolerations, taint)) return unresolvable(`node(s) had untolerated taint {${str(taint.key)}: ${str(taint.value)}}`);
    }
    if (!nodeAffinityMatches(pod, node)) return unresolvable("node(s) didn't match Pod's node affinity/selector");
    const onNode = allPods.filter((p) => str(o(p.spec).nodeName) === node.metadata.name && !['Succeeded', 'Failed'].includes(str(o(p.status).phase)) && p.metadata.uid !== pod.metadata.uid);
    const wanted = hostPorts(pod);
    if (wanted.length) {
      const used = new Set(onNode.flatMap(hostPorts));
      const clash = wanted.some((w) => {
        const [proto, ip, port] = w.split('/');
        return [...used].some((u) => {
          const [p2, ip2, port2] = u.split('/');
          return proto === p2 && port === port2 && (ip === ip2 || ip === '0.0.0.0' || ip2 === '0.0.0.0');
        });
      });
      if (clash) return { code: 'Unschedulable', reasons: ["node(s) didn't have free ports for the requested pod ports"] };
    }
    // NodeResourcesFit
    const alloc = o(o(node.status).allocatable);
    const reasons: string[] = [];
    const maxPods = alloc.pods !== undefined ? Number(q(alloc.pods).nanos / 1000000000n) : 110;
    if (onNode.length + 1 > maxPods) reasons.push('Too many pods');
    const req = podRequests(pod);
    const used = new Map<string, Quantity>();
    for (const p of onNode) for (const [k, v] of podRequests(p)) used.set(k, add(used.get(k) ?? zero, v));
    for (const res of ['cpu', 'memory', 'ephemeral-storage']) {
      const r = req.get(res);
      if (!r || r.nanos === 0n) continue;
      const cap = alloc[res] !== undefined ? q(alloc[res]) : zero;
      if (compareQuantity(add(used.get(res) ?? zero, r), cap) > 0) reasons.push(`Insufficient ${res}`);
    }
    for (const [res, r] of req) {
      if (['cpu', 'memory', 'ephemeral-storage', 'pods'].includes(res) || r.nanos === 0n) continue;
      const cap = alloc[res] !== undefined ? q(alloc[res]) : zero;
      if (compareQuantity(add(used.get(res) ?? zero, r), cap) > 0) reasons.push(`Insufficient ${res}`);
    }
    if (reasons.length) return { code: 'Unschedulable', reasons };
    return undefined;
  }

  /** NodeResourcesFit's LeastAllocated, then the name. */
  private pick(nodes: KubeObject[], allPods: readonly KubeObject[]): KubeObject {
    const score = (node: KubeObject): number => {
      const alloc = o(o(node.status).allocatable);
      let total = 0;
      for (const res of ['cpu', 'memory']) {
        const cap = Number(q(alloc[res]).nanos);
        if (!cap) continue;
        let used = 0;
        for (const p of allPods) if (str(o(p.spec).nodeName) === node.metadata.name) used += Number(podRequests(p).get(res)?.nanos ?? 0n);
        total += (cap - used) / cap;
      }
      return total;
    };
    return [...nodes].sort((a, b) => score(b) - score(a) || ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1))[0]!;
  }

  /** FitError.Error() with DefaultPreemption's PostFilter message. */
  private fitError(numNodes: number, preFilter: string | undefined, statuses: Map<string, Status>): string {
    if (numNodes === 0) return 'no nodes available to schedule pods';
    let msg = `0/${numNodes} nodes are available:`;
    const post = new Map<string, number>();
    if (preFilter) {
      msg += ` ${preFilter}.`;
      post.set('Preemption is not helpful for scheduling', numNodes);
    } else {
      const hist = new Map<string, number>();
      for (const st of statuses.values()) {
        for (const r of st.reasons) hist.set(r, (hist.get(r) ?? 0) + 1);
        const p = st.code === 'Unschedulable' ? 'No preemption victims found for incoming pod' : 'Preemption is not helpful for scheduling';
        post.set(p, (post.get(p) ?? 0) + 1);
      }
      const parts = [...hist].map(([r, n]) => `${n} ${r}`).sort();
      if (parts.length) msg += ` ${parts.join(', ')}.`;
    }
    const postParts = [...post].map(([r, n]) => `${n} ${r}`).sort();
    msg += ` preemption: 0/${numNodes} nodes are available: ${postParts.join(', ')}.`;
    return msg;
  }
}
