/**
 * The ReplicaSet controller (k8s.io/kubernetes pkg/controller/replicaset, v1.33): keeps as many active
 * pods as spec.replicas asks for, adopting orphans its selector matches and releasing pods that no
 * longer match; writes status (replicas, fullyLabeledReplicas, readyReplicas, availableReplicas,
 * observedGeneration) and the events `SuccessfulCreate` "Created pod: x" / `SuccessfulDelete`
 * "Deleted pod: x" / `FailedCreate` "Error creating: …" from `replicaset-controller`.
 */
import type { KubeObject } from '../apiserver';
import { EventRecorder } from './events';
import { Controller, selfKey, type ControllerContext, type ReconcileResult, type WatchSpec } from './queue';
import {
  PODS,
  REPLICASETS,
  arr,
  availableAt,
  controllerOf,
  controllerRef,
  copy,
  isPodActive,
  isPodAvailable,
  isPodReady,
  labelsOf,
  num,
  o,
  podPhase,
  rfc3339,
  sameJson,
  ownerOrAdopterKeys,
  selects,
  splitKey,
  str,
  type Obj,
} from './util';

/** The pod a controller makes from its template (controller.GetPodFromTemplate). */
export function podFromTemplate(template: unknown, owner: KubeObject): Obj {
  const t = o(template);
  const meta = o(t.metadata);
  const pod: Obj = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${owner.metadata.name ?? ''}-`,
      ...(meta.labels ? { labels: copy(meta.labels) } : {}),
      ...(meta.annotations ? { annotations: copy(meta.annotations) } : {}),
      ...(Array.isArray(meta.finalizers) ? { finalizers: copy(meta.finalizers) } : {}),
      ownerReferences: [controllerRef(owner)],
    },
    spec: copy(o(t.spec)),
  };
  return pod;
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function restarts(pod: KubeObject): number {
  return arr(o(pod.status).containerStatuses).reduce((n, c) => n + num(c.restartCount), 0);
}

/**
 * The order pods are deleted in when scaling down (controller.ActivePodsWithRanks): unassigned
 * before assigned, Pending before Unknown before Running, not ready before ready, pods sharing a node
 * with more of their siblings first, ready more recently first, more restarts first, newer first.
 */
export function rankPodsForDeletion(pods: KubeObject[], now: number): KubeObject[] {
  const perNode = new Map<string, number>();
  for (const p of pods) {
    const n = str(o(p.spec).nodeName);
    if (n) perNode.set(n, (perNode.get(n) ?? 0) + 1);
  }
  const readySince = (p: KubeObject): number => {
    const c = arr(o(p.status).conditions).find((x) => x.type === 'Ready' && x.status === 'True');
    return c ? Date.parse(str(c.lastTransitionTime)) || now : now;
  };
  return [...pods].sort((a, b) => {
    const na = str(o(a.spec).nodeName);
    const nb = str(o(b.spec).nodeName);
    if ((na === '') !== (nb === '')) return na === '' ? -1 : 1;
    const pa = PHASE_RANK[podPhase(a)] ?? 0;
    const pb = PHASE_RANK[podPhase(b)] ?? 0;
    if (pa !== pb) return pa - pb;
    if (isPodReady(a) !== isPodReady(b)) return isPodReady(a) ? 1 : -1;
    const ra = na ? (perNode.get(na) ?? 0) : 0;
    const rb = nb ? (perNode.get(nb) ?? 0) : 0;
    if (ra !== rb) return rb - ra;
    if (isPodReady(a) && isPodReady(b)) {
      const d = readySince(b) - readySince(a);
      if (d !== 0) return d;
    }
    if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
    const ca = Date.parse(a.metadata.creationTimestamp ?? '') || 0;
    const cb = Date.parse(b.metadata.creationTimestamp ?? '') || 0;
    if (ca !== cb) return cb - ca;
    return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
  });
}

export class ReplicaSetController extends Controller {
  readonly name = 'replicaset-controller';
  private readonly recorder: EventRecorder;

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.recorder = new EventRecorder(ctx.api, ctx.clock, this.name);
  }

  protected watches(): WatchSpec[] {
    return [
      { gvr: REPLICASETS, keys: (rs) => selfKey(rs) },
      {
        gvr: PODS,
        keys: (pod) => ownerOrAdopterKeys(this.api, pod, 'ReplicaSet', REPLICASETS),
      },
    ];
  }

  reconcile(key: string): ReconcileResult | void {
    const [ns, name] = splitKey(key);
    const got = this.api.get(REPLICASETS, ns, name);
    if (!got.ok) return;
    const rs = got.value;
    const spec = o(rs.spec);
    const selector = spec.selector;
    const all = this.api.list(PODS, ns);
    if (!all.ok) return;
    // claimPods: adopt matching orphans, release owned pods that no longer match
    const owned: KubeObject[] = [];
    for (const pod of all.value.items) {
      const ref = controllerOf(pod);
      const matches = selects(selector, pod);
      if (ref && ref.uid === rs.metadata.uid) {
        if (matches) owned.push(pod);
        else if (!rs.metadata.deletionTimestamp) this.release(pod, rs);
      } else if (!ref && matches && !rs.metadata.deletionTimestamp && !pod.metadata.deletionTimestamp && isPodActive(pod)) {
        const adopted = this.adopt(pod, rs);
        if (adopted) owned.push(adopted);
      }
    }
    let active = owned.filter(isPodActive);
    let failure: string | undefined;
    if (!rs.metadata.deletionTimestamp) {
      const want = num(spec.replicas, 1);
      const diff = active.length - want;
      if (diff < 0) {
        for (let i = 0; i < -diff; i++) {
          const r = this.api.create(PODS, ns, podFromTemplate(spec.template, rs));
          if (r.ok) {
            this.recorder.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${r.value.metadata.name ?? ''}`);
            active.push(r.value);
          } else {
            failure = r.status.message;
            this.recorder.event(rs, 'Warning', 'FailedCreate', `Error creating: ${r.status.message}`);
            break;
          }
        }
      } else if (diff > 0) {
        const victims = rankPodsForDeletion(active, this.clock.now()).slice(0, diff);
        for (const p of victims) {
          const r = this.api.delete(PODS, ns, p.metadata.name ?? '', {});
          if (r.ok) this.recorder.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name ?? ''}`);
        }
        const gone = new Set(victims.map((p) => p.metadata.uid));
        active = active.filter((p) => !gone.has(p.metadata.uid));
      }
    }
    return this.updateStatus(rs, active, failure);
  }

  private adopt(pod: KubeObject, rs: KubeObject): KubeObject | undefined {
    const refs = [...(pod.metadata.ownerReferences ?? []), controllerRef(rs)];
    const r = this.api.patch(PODS, pod.metadata.namespace ?? '', pod.metadata.name ?? '', 'merge', { metadata: { ownerReferences: refs } });
    return r.ok ? r.value : undefined;
  }

  private release(pod: KubeObject, rs: KubeObject): void {
    const refs = (pod.metadata.ownerReferences ?? []).filter((r) => r.uid !== rs.metadata.uid);
    this.api.patch(PODS, pod.metadata.namespace ?? '', pod.metadata.name ?? '', 'merge', { metadata: { ownerReferences: refs.length ? refs : null } });
  }

  private updateStatus(rs: KubeObject, active: KubeObject[], failure: string | undefined): ReconcileResult | void {
    const spec = o(rs.spec);
    const minReady = num(spec.minReadySeconds);
    const now = this.clock.now();
    const templateLabels = (o(o(spec.template).metadata).labels ?? {}) as Record<string, string>;
    const fully = active.filter((p) => Object.entries(templateLabels).every(([k, v]) => labelsOf(p)[k] === v)).length;
    const ready = active.filter(isPodReady).length;
    const available = active.filter((p) => isPodAvailable(p, minReady, now)).length;
    const old = o(rs.status);
    const status: Obj = { replicas: active.length };
    if (fully) status.fullyLabeledReplicas = fully;
    if (ready) status.readyReplicas = ready;
    if (available) status.availableReplicas = available;
    status.observedGeneration = rs.metadata.generation ?? 0;
    let conditions = arr(old.conditions);
    if (failure) {
      if (!conditions.some((c) => c.type === 'ReplicaFailure')) conditions = [...conditions, { type: 'ReplicaFailure', status: 'True', lastTransitionTime: rfc3339(now), reason: 'FailedCreate', message: failure }];
    } else conditions = conditions.filter((c) => c.type !== 'ReplicaFailure');
    if (conditions.length) status.conditions = conditions;
    if (!sameJson(status, old)) {
      const body = copy(rs) as unknown as Obj;
      body.status = status;
      this.api.update(REPLICASETS, rs.metadata.namespace ?? '', rs.metadata.name ?? '', body, { subresource: 'status' });
    }
    // requeue when a ready pod will have been ready for minReadySeconds
    const next = active.map((p) => availableAt(p, minReady)).filter((t): t is number => t !== undefined && t > now);
    if (next.length) return { requeueAfter: Math.min(...next) - now };
    return undefined;
  }
}
