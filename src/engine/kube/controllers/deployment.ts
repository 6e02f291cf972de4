/**
 * The Deployment controller (k8s.io/kubernetes pkg/controller/deployment and deployment/util, v1.33).
 *
 * One pass (syncDeployment): claim ReplicaSets by selector; paused → Progressing Unknown
 * `DeploymentPaused` and scale only; a changed spec.replicas (desired-replicas annotation differs) →
 * proportional scaling; otherwise a rollout step: RollingUpdate (scale the new ReplicaSet up within
 * maxSurge, the old ones down within maxUnavailable, unhealthy old replicas first) or Recreate (old
 * ReplicaSets to zero, wait until their pods are gone, then the new one up). The new ReplicaSet is
 * `<deployment>-<pod-template-hash>` (./gotypes computeHash), labelled and selected by
 * `pod-template-hash`, annotated with `deployment.kubernetes.io/revision`, `desired-replicas`,
 * `max-replicas` (and `revision-history` when an old template comes back). Old ReplicaSets beyond
 * revisionHistoryLimit are deleted once the rollout is complete. Status and the Available / Progressing
 * conditions follow calculateStatus and syncRolloutStatus; events `ScalingReplicaSet`
 * ("Scaled up replica set web-7d4b9c from 0 to 3", "Scaled down replica set … from 3 to 2") come from
 * `deployment-controller`.
 *
 * `kubectl rollout undo` is client-side in kubectl 1.33 (polymorphichelpers/rollback.go): see
 * rollbackPatch below.
 */
import type { KubeObject } from '../apiserver';
import { EventRecorder } from './events';
import { computeHash } from './gotypes';
import { Controller, ownerKey, selfKey, type ControllerContext, type ReconcileResult, type WatchSpec } from './queue';
import { PODS, REPLICASETS, DEPLOYMENTS, arr, controllerOf, controllerRef, copy, isObj, num, o, parseTime, rfc3339, sameJson, scaledValue, selects, ownerOrAdopterKeys, splitKey, str, type Obj } from './util';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
const MAX_REV_HISTORY_LENGTH = 2000;
const SKIP_COPY = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  'deprecated.deployment.rollback.to',
]);

// ------------------------------------------------------------------ deployment/util

const replicasOf = (x: KubeObject): number => num(o(x.spec).replicas, 1);
const statusNum = (x: KubeObject, f: string): number => num(o(x.status)[f]);

function isRollingUpdate(d: KubeObject): boolean {
  return str(o(o(d.spec).strategy).type) !== 'Recreate';
}

/** ResolveFenceposts: [surge, unavailable]; both zero means one unavailable. */
export function resolveFenceposts(d: KubeObject): [number, number] {
  const ru = o(o(o(d.spec).strategy).rollingUpdate);
  const desired = replicasOf(d);
  const surge = scaledValue(ru.maxSurge ?? '25%', desired, true);
  let unavailable = scaledValue(ru.maxUnavailable ?? '25%', desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

export function maxSurge(d: KubeObject): number {
  if (!isRollingUpdate(d)) return 0;
  return resolveFenceposts(d)[0];
}

export function maxUnavailable(d: KubeObject): number {
  if (!isRollingUpdate(d) || replicasOf(d) === 0) return 0;
  const u = resolveFenceposts(d)[1];
  return Math.min(u, replicasOf(d));
}

function revisionOf(x: KubeObject): number {
  const v = x.metadata.annotations?.[REVISION_ANNOTATION];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : 0;
}

const sumSpec = (rss: KubeObject[]): number => rss.reduce((n, rs) => n + replicasOf(rs), 0);
const sumStatus = (rss: KubeObject[], f: string): number => rss.reduce((n, rs) => n + statusNum(rs, f), 0);

function byCreation(a: KubeObject, b: KubeObject): number {
  const d = parseTime(a.metadata.creationTimestamp) - parseTime(b.metadata.creationTimestamp);
  if (d !== 0) return d;
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
}

/** The template without the pod-template-hash label (EqualIgnoreHash). */
function withoutHash(template: unknown): unknown {
  const t = copy(o(template));
  const meta = o(t.metadata);
  if (isObj(meta.labels)) {
    delete meta.labels[POD_TEMPLATE_HASH_LABEL];
    if (Object.keys(meta.labels).length === 0) delete meta.labels;
  }
  t.metadata = meta;
  return t;
}

export function equalIgnoreHash(a: unknown, b: unknown): boolean {
  return sameJson(withoutHash(a), withoutHash(b));
}

const active = (rss: (KubeObject | undefined)[]): KubeObject[] => rss.filter((x): x is KubeObject => !!x && replicasOf(x) > 0);

interface Condition {
  type: string;
  status: string;
  lastUpdateTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** SetDeploymentCondition: same status and reason → unchanged; same status → keep the transition time. */
function setCondition(status: Obj, c: Condition): void {
  const list = arr(status.conditions) as unknown as Condition[];
  const cur = list.find((x) => x.type === c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason) return;
  if (cur && cur.status === c.status) c.lastTransitionTime = cur.lastTransitionTime;
  status.conditions = [...list.filter((x) => x.type !== c.type), c];
}

function removeCondition(status: Obj, type: string): void {
  const list = arr(status.conditions).filter((x) => x.type !== type);
  if (list.length) status.conditions = list;
  else delete status.conditions;
}

function getCondition(status: unknown, type: string): Condition | undefined {
  return arr(o(status).conditions).find((x) => x.type === type) as unknown as Condition | undefined;
}

// ------------------------------------------------------------------ the controller

export class DeploymentController extends Controller {
  readonly name = 'deployment-controller';
  private readonly recorder: EventRecorder;

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.recorder = new EventRecorder(ctx.api, ctx.clock, this.name);
  }

  protected watches(): WatchSpec[] {
    return [
      { gvr: DEPLOYMENTS, keys: (d) => selfKey(d) },
      {
        gvr: REPLICASETS,
        keys: (rs) => ownerOrAdopterKeys(this.api, rs, 'Deployment', DEPLOYMENTS),
      },
      {
        // Recreate waits for the old pods to go
        gvr: PODS,
        keys: (pod) => {
          const rsName = ownerKey(pod, 'ReplicaSet')[0];
          if (!rsName) return [];
          const [ns, name] = splitKey(rsName);
          const rs = this.api.get(REPLICASETS, ns, name);
          return rs.ok ? ownerKey(rs.value, 'Deployment') : [];
        },
      },
    ];
  }

  private now(): string {
    return rfc3339(this.clock.now());
  }

  private condition(type: string, status: string, reason: string, message: string): Condition {
    const t = this.now();
    return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
  }

  reconcile(key: string): ReconcileResult | void {
    const [ns, name] = splitKey(key);
    const got = this.api.get(DEPLOYMENTS, ns, name);
    if (!got.ok) return;
    let d = got.value;
    const spec = o(d.spec);
    const sel = o(spec.selector);
    if (Object.keys(o(sel.matchLabels)).length === 0 && arr(sel.matchExpressions).length === 0) {
      this.recorder.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if (statusNum(d, 'observedGeneration') < (d.metadata.generation ?? 0)) this.writeStatus(d, { ...o(d.status), observedGeneration: d.metadata.generation ?? 0 });
      return;
    }
    const rsList = this.claimReplicaSets(d);
    if (d.metadata.deletionTimestamp) {
      const [newRS, oldRSs] = this.getAllReplicaSets(d, rsList, false);
      this.syncDeploymentStatus(d, [...oldRSs, newRS], newRS);
      return;
    }
    d = this.checkPausedConditions(d);
    if (spec.paused === true) return this.sync(d, rsList);
    if (this.isScalingEvent(d, rsList)) return this.sync(d, rsList);
    return isRollingUpdate(d) ? this.rolloutRolling(d, rsList) : this.rolloutRecreate(d, rsList);
  }

  /** getReplicaSetsForDeployment: adopt orphans the selector matches, release those it no longer does. */
  private claimReplicaSets(d: KubeObject): KubeObject[] {
    const ns = d.metadata.namespace ?? '';
    const l = this.api.list(REPLICASETS, ns);
    if (!l.ok) return [];
    const out: KubeObject[] = [];
    for (const rs of l.value.items) {
      const ref = controllerOf(rs);
      const matches = selects(o(d.spec).selector, rs);
      if (ref?.uid === d.metadata.uid) {
        if (matches) out.push(rs);
        else if (!d.metadata.deletionTimestamp) {
          const refs = (rs.metadata.ownerReferences ?? []).filter((r) => r.uid !== d.metadata.uid);
          this.api.patch(REPLICASETS, ns, rs.metadata.name ?? '', 'merge', { metadata: { ownerReferences: refs.length ? refs : null } });
        }
      } else if (!ref && matches && !d.metadata.deletionTimestamp && !rs.metadata.deletionTimestamp) {
        const r = this.api.patch(REPLICASETS, ns, rs.metadata.name ?? '', 'merge', { metadata: { ownerReferences: [...(rs.metadata.ownerReferences ?? []), controllerRef(d)] } });
        if (r.ok) out.push(r.value);
      }
    }
    return out;
  }

  private writeStatus(d: KubeObject, status: Obj): KubeObject {
    if (sameJson(status, d.status ?? {})) return d;
    const body = copy(d) as unknown as Obj;
    body.status = status;
    const r = this.api.update(DEPLOYMENTS, d.metadata.namespace ?? '', d.metadata.name ?? '', body, { subresource: 'status' });
    return r.ok ? r.value : d;
  }

  /** SetDeploymentRevision (the status update carries metadata in the real server; here a plain update). */
  private setRevision(d: KubeObject, revision: string): KubeObject {
    if (d.metadata.annotations?.[REVISION_ANNOTATION] === revision) return d;
    const body = copy(d) as unknown as Obj;
    const meta = o(body.metadata);
    meta.annotations = { ...o(meta.annotations), [REVISION_ANNOTATION]: revision };
    const r = this.api.update(DEPLOYMENTS, d.metadata.namespace ?? '', d.metadata.name ?? '', body);
    return r.ok ? r.value : d;
  }

  private checkPausedConditions(d: KubeObject): KubeObject {
    const spec = o(d.spec);
    if (spec.progressDeadlineSeconds === undefined) return d;
    const cond = getCondition(d.status, 'Progressing');
    if (cond?.reason === 'ProgressDeadlineExceeded') return d;
    const pausedExists = cond?.reason === 'DeploymentPaused';
    const status = copy(o(d.status));
    if (spec.paused === true && !pausedExists) setCondition(status, this.condition('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused'));
    else if (spec.paused !== true && pausedExists) setCondition(status, this.condition('Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed'));
    else return d;
    return this.writeStatus(d, status);
  }

  /** SetNewReplicaSetAnnotations; returns whether anything changed. */
  private setNewRSAnnotations(d: KubeObject, rs: Obj, newRevision: number, exists: boolean): boolean {
    const meta = o(rs.metadata);
    const ann = { ...(o(meta.annotations) as Record<string, string>) };
    let changed = false;
    for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
      if (SKIP_COPY.has(k) || ann[k] === v) continue;
      ann[k] = v;
      changed = true;
    }
    const oldRevision = ann[REVISION_ANNOTATION];
    const had = oldRevision !== undefined;
    let oldInt = 0;
    if (had) {
      if (!/^\d+$/.test(oldRevision)) {
        meta.annotations = ann;
        return changed;
      }
      oldInt = Number(oldRevision);
    }
    if (oldInt < newRevision) {
      ann[REVISION_ANNOTATION] = String(newRevision);
      changed = true;
    }
    if (had && oldInt < newRevision) {
      const history = ann[REVISION_HISTORY_ANNOTATION] ?? '';
      let olds = history.split(',');
      if ((olds[0] ?? '').length === 0) ann[REVISION_HISTORY_ANNOTATION] = oldRevision;
      else {
        let total = history.length + oldRevision.length + 1;
        let start = 0;
        while (total > MAX_REV_HISTORY_LENGTH && start < olds.length) {
          total -= (olds[start] ?? '').length + 1;
          start++;
        }
        if (total <= MAX_REV_HISTORY_LENGTH) {
          olds = [...olds.slice(start), oldRevision];
          ann[REVISION_HISTORY_ANNOTATION] = olds.join(',');
        }
      }
    }
    if (!exists) {
      ann[DESIRED_REPLICAS_ANNOTATION] = String(replicasOf(d));
      ann[MAX_REPLICAS_ANNOTATION] = String(replicasOf(d) + maxSurge(d));
      changed = true;
    }
    meta.annotations = ann;
    rs.metadata = meta;
    return changed;
  }

  /** NewRSNewReplicas. */
  private newRSNewReplicas(d: KubeObject, allRSs: KubeObject[], newRSReplicas: number): number {
    if (!isRollingUpdate(d)) return replicasOf(d);
    const current = sumSpec(allRSs);
    const maxTotal = replicasOf(d) + maxSurge(d);
    if (current >= maxTotal) return newRSReplicas;
    const up = Math.min(maxTotal - current, replicasOf(d) - newRSReplicas);
    return newRSReplicas + up;
  }

  /**
   * getAllReplicaSetsAndSyncRevision: [newRS, oldRSs]. With `create`, makes the new ReplicaSet when the
   * template has none yet.
   */
  private getAllReplicaSets(d: KubeObject, rsList: KubeObject[], create: boolean): [KubeObject | undefined, KubeObject[], KubeObject] {
    const sorted = [...rsList].sort(byCreation);
    const template = o(d.spec).template;
    const existing = sorted.find((rs) => equalIgnoreHash(o(rs.spec).template, template));
    const oldRSs = rsList.filter((rs) => rs !== existing);
    const maxOld = oldRSs.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
    const newRevision = maxOld + 1;
    const ns = d.metadata.namespace ?? '';
    if (existing) {
      const rsCopy = copy(existing) as unknown as Obj;
      const annotationsUpdated = this.setNewRSAnnotations(d, rsCopy, newRevision, true);
      const minReady = num(o(d.spec).minReadySeconds);
      if (annotationsUpdated || num(o(existing.spec).minReadySeconds) !== minReady) {
        o(rsCopy.spec).minReadySeconds = minReady;
        const r = this.api.update(REPLICASETS, ns, existing.metadata.name ?? '', rsCopy);
        return [r.ok ? r.value : existing, oldRSs, d];
      }
      d = this.setRevision(d, existing.metadata.annotations?.[REVISION_ANNOTATION] ?? '');
      if (o(d.spec).progressDeadlineSeconds !== undefined && !getCondition(d.status, 'Progressing')) {
        const status = copy(o(d.status));
        setCondition(status, this.condition('Progressing', 'True', 'FoundNewReplicaSet', `Found new replica set "${existing.metadata.name ?? ''}"`));
        d = this.writeStatus(d, status);
      }
      return [existing, oldRSs, d];
    }
    if (!create) return [undefined, oldRSs, d];

    const collisionCount = typeof o(d.status).collisionCount === 'number' ? (o(d.status).collisionCount as number) : undefined;
    const hash = computeHash(template, collisionCount);
    const newTemplate = copy(o(template));
    const tmeta = o(newTemplate.metadata);
    tmeta.labels = { ...o(tmeta.labels), [POD_TEMPLATE_HASH_LABEL]: hash };
    newTemplate.metadata = tmeta;
    const dsel = copy(o(o(d.spec).selector));
    dsel.matchLabels = { ...o(dsel.matchLabels), [POD_TEMPLATE_HASH_LABEL]: hash };
    const rsName = `${d.metadata.name ?? ''}-${hash}`;
    const newRS: Obj = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: rsName, namespace: ns, labels: copy(tmeta.labels), ownerReferences: [controllerRef(d)] },
      spec: { replicas: 0, minReadySeconds: num(o(d.spec).minReadySeconds), selector: dsel, template: newTemplate },
    };
    const count = this.newRSNewReplicas(d, oldRSs, 0);
    o(newRS.spec).replicas = count;
    this.setNewRSAnnotations(d, newRS, newRevision, false);
    const created = this.api.create(REPLICASETS, ns, newRS);
    let createdRS: KubeObject;
    let alreadyExists = false;
    if (created.ok) createdRS = created.value;
    else if (created.status.reason === 'AlreadyExists') {
      alreadyExists = true;
      const rs = this.api.get(REPLICASETS, ns, rsName);
      if (rs.ok && controllerOf(rs.value)?.uid === d.metadata.uid && equalIgnoreHash(template, o(rs.value.spec).template)) createdRS = rs.value;
      else {
        // a hash collision: bump collisionCount and try again
        this.writeStatus(d, { ...copy(o(d.status)), collisionCount: (collisionCount ?? 0) + 1 });
        return [undefined, oldRSs, d];
      }
    } else {
      const msg = `Failed to create new replica set "${rsName}": ${created.status.message}`;
      if (o(d.spec).progressDeadlineSeconds !== undefined) {
        const status = copy(o(d.status));
        setCondition(status, this.condition('Progressing', 'False', 'ReplicaSetCreateError', msg));
        this.writeStatus(d, status);
      }
      this.recorder.event(d, 'Warning', 'ReplicaSetCreateError', msg);
      return [undefined, oldRSs, d];
    }
    if (!alreadyExists && count > 0) this.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${createdRS.metadata.name ?? ''} from 0 to ${count}`);
    d = this.setRevision(d, String(newRevision));
    if (!alreadyExists && o(d.spec).progressDeadlineSeconds !== undefined) {
      const status = copy(o(d.status));
      setCondition(status, this.condition('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${createdRS.metadata.name ?? ''}"`));
      d = this.writeStatus(d, status);
    }
    return [createdRS, oldRSs, d];
  }

  /** scaleReplicaSetAndRecordEvent / scaleReplicaSet: true when the size changed. */
  private scaleReplicaSet(rs: KubeObject, newScale: number, d: KubeObject, op?: 'up' | 'down'): boolean {
    const sizeNeedsUpdate = replicasOf(rs) !== newScale;
    const desired = String(replicasOf(d));
    const max = String(replicasOf(d) + maxSurge(d));
    const ann = rs.metadata.annotations ?? {};
    const annotationsNeedUpdate = ann[DESIRED_REPLICAS_ANNOTATION] !== desired || ann[MAX_REPLICAS_ANNOTATION] !== max;
    if (!sizeNeedsUpdate && !annotationsNeedUpdate) return false;
    const oldScale = replicasOf(rs);
    const body = copy(rs) as unknown as Obj;
    o(body.spec).replicas = newScale;
    const meta = o(body.metadata);
    meta.annotations = { ...o(meta.annotations), [DESIRED_REPLICAS_ANNOTATION]: desired, [MAX_REPLICAS_ANNOTATION]: max };
    const r = this.api.update(REPLICASETS, rs.metadata.namespace ?? '', rs.metadata.name ?? '', body);
    if (r.ok && sizeNeedsUpdate) {
      const verb = op ?? (oldScale < newScale ? 'up' : 'down');
      this.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${verb} replica set ${rs.metadata.name ?? ''} from ${oldScale} to ${newScale}`);
      return true;
    }
    return false;
  }

  private scaleAndRecord(rs: KubeObject, newScale: number, d: KubeObject): boolean {
    if (replicasOf(rs) === newScale) return false;
    return this.scaleReplicaSet(rs, newScale, d);
  }

  private isScalingEvent(d: KubeObject, rsList: KubeObject[]): boolean {
    const [newRS, oldRSs] = this.getAllReplicaSets(d, rsList, false);
    for (const rs of active([...oldRSs, newRS])) {
      const v = rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION];
      if (v === undefined || !/^\d+$/.test(v)) continue;
      if (Number(v) !== replicasOf(d)) return true;
    }
    return false;
  }

  /** sync: scaling and paused deployments. */
  private sync(d: KubeObject, rsList: KubeObject[]): ReconcileResult | void {
    const [newRS, oldRSs, d2] = this.getAllReplicaSets(d, rsList, false);
    this.scale(d2, newRS, oldRSs);
    const fresh = this.refresh(d2, newRS, oldRSs);
    if (o(fresh.d.spec).paused === true) this.cleanup(fresh.d, fresh.oldRSs);
    this.syncDeploymentStatus(fresh.d, [...fresh.oldRSs, fresh.newRS], fresh.newRS);
  }

  /** Re-reads the deployment and its replica sets after writes. */
  private refresh(d: KubeObject, newRS: KubeObject | undefined, oldRSs: KubeObject[]): { d: KubeObject; newRS: KubeObject | undefined; oldRSs: KubeObject[] } {
    const ns = d.metadata.namespace ?? '';
    const get = (rs: KubeObject): KubeObject | undefined => {
      const r = this.api.get(REPLICASETS, ns, rs.metadata.name ?? '');
      return r.ok && r.value.metadata.uid === rs.metadata.uid ? r.value : undefined;
    };
    const dd = this.api.get(DEPLOYMENTS, ns, d.metadata.name ?? '');
    return { d: dd.ok ? dd.value : d, newRS: newRS ? get(newRS) : undefined, oldRSs: oldRSs.map(get).filter((x): x is KubeObject => !!x) };
  }

  private scale(d: KubeObject, newRS: KubeObject | undefined, oldRSs: KubeObject[]): void {
    // FindActiveOrLatest
    const oldSorted = [...oldRSs].sort(byCreation).reverse();
    const all = active([...oldSorted, newRS]);
    let activeOrLatest: KubeObject | undefined;
    if (newRS || oldRSs.length) {
      if (all.length === 0) activeOrLatest = newRS ?? oldSorted[0];
      else if (all.length === 1) activeOrLatest = all[0];
    }
    if (activeOrLatest) {
      if (replicasOf(activeOrLatest) !== replicasOf(d)) this.scaleAndRecord(activeOrLatest, replicasOf(d), d);
      return;
    }
    // IsSaturated
    if (newRS && replicasOf(newRS) === replicasOf(d) && newRS.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION] === String(replicasOf(d)) && statusNum(newRS, 'availableReplicas') === replicasOf(d)) {
      for (const old of active(oldRSs)) this.scaleAndRecord(old, 0, d);
      return;
    }
    if (!isRollingUpdate(d)) return;
    const allRSs = active([...oldRSs, newRS]);
    const allReplicas = sumSpec(allRSs);
    const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
    const toAdd = allowed - allReplicas;
    let op: 'up' | 'down' | undefined;
    if (toAdd > 0) {
      // ReplicaSetsBySizeNewer
      allRSs.sort((a, b) => (replicasOf(a) === replicasOf(b) ? byCreation(b, a) : replicasOf(b) - replicasOf(a)));
      op = 'up';
    } else if (toAdd < 0) {
      // ReplicaSetsBySizeOlder
      allRSs.sort((a, b) => (replicasOf(a) === replicasOf(b) ? byCreation(a, b) : replicasOf(b) - replicasOf(a)));
      op = 'down';
    }
    let added = 0;
    const sizes = new Map<KubeObject, number>();
    for (const rs of allRSs) {
      if (toAdd !== 0) {
        const p = this.proportion(rs, d, toAdd, added);
        sizes.set(rs, replicasOf(rs) + p);
        added += p;
      } else sizes.set(rs, replicasOf(rs));
    }
    allRSs.forEach((rs, i) => {
      if (i === 0 && toAdd !== 0) sizes.set(rs, Math.max(0, (sizes.get(rs) ?? 0) + toAdd - added));
      this.scaleReplicaSet(rs, sizes.get(rs) ?? 0, d, op);
    });
  }

  /** GetProportion / getReplicaSetFraction. */
  private proportion(rs: KubeObject, d: KubeObject, toAdd: number, added: number): number {
    if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
    let fraction: number;
    if (replicasOf(d) === 0) fraction = -replicasOf(rs);
    else {
      const maxReplicas = replicasOf(d) + maxSurge(d);
      const annotated = rs.metadata.annotations?.[MAX_REPLICAS_ANNOTATION];
      let before = annotated !== undefined && /^\d+$/.test(annotated) ? Number(annotated) : 0;
      if (before === 0) before = statusNum(d, 'replicas');
      if (before === 0) fraction = 0;
      else {
        const x = (replicasOf(rs) * maxReplicas) / before;
        // integer.RoundToInt32: half away from zero
        fraction = (x < 0 ? -Math.round(-x) : Math.round(x)) - replicasOf(rs);
      }
    }
    const allowed = toAdd - added;
    return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
  }

  private rolloutRolling(d: KubeObject, rsList: KubeObject[]): ReconcileResult | void {
    const [created, oldRSs, d2] = this.getAllReplicaSets(d, rsList, true);
    if (!created) return { requeueAfter: 5000 };
    let newRS = created;
    d = d2;
    // reconcileNewReplicaSet
    let scaled = false;
    if (replicasOf(newRS) !== replicasOf(d)) {
      const target = replicasOf(newRS) > replicasOf(d) ? replicasOf(d) : this.newRSNewReplicas(d, [...oldRSs, newRS], replicasOf(newRS));
      scaled = this.scaleAndRecord(newRS, target, d);
    }
    if (scaled) return this.syncRolloutStatus(d, newRS, oldRSs);
    // reconcileOldReplicaSets
    if (this.reconcileOldReplicaSets(d, newRS, oldRSs)) {
      const f = this.refresh(d, newRS, oldRSs);
      return this.syncRolloutStatus(f.d, f.newRS, f.oldRSs);
    }
    const f = this.refresh(d, newRS, oldRSs);
    newRS = f.newRS ?? newRS;
    if (this.complete(f.d, o(f.d.status))) this.cleanup(f.d, f.oldRSs);
    return this.syncRolloutStatus(f.d, newRS, this.refresh(f.d, newRS, f.oldRSs).oldRSs);
  }

  private reconcileOldReplicaSets(d: KubeObject, newRS: KubeObject, oldRSs: KubeObject[]): boolean {
    const oldPods = sumSpec(oldRSs);
    if (oldPods === 0) return false;
    const allPods = sumSpec([...oldRSs, newRS]);
    const minAvailable = replicasOf(d) - maxUnavailable(d);
    const newUnavailable = replicasOf(newRS) - statusNum(newRS, 'availableReplicas');
    const maxScaledDown = allPods - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return false;
    // cleanupUnhealthyReplicas
    let olds = active(oldRSs).sort(byCreation);
    let cleaned = 0;
    olds = olds.map((rs) => {
      if (cleaned >= maxScaledDown) return rs;
      if (replicasOf(rs) === 0 || replicasOf(rs) === statusNum(rs, 'availableReplicas')) return rs;
      const down = Math.min(maxScaledDown - cleaned, replicasOf(rs) - statusNum(rs, 'availableReplicas'));
      this.scaleAndRecord(rs, replicasOf(rs) - down, d);
      cleaned += down;
      const r = this.api.get(REPLICASETS, rs.metadata.namespace ?? '', rs.metadata.name ?? '');
      return r.ok ? r.value : rs;
    });
    // scaleDownOldReplicaSetsForRollingUpdate
    const availableCount = sumStatus([...olds, newRS], 'availableReplicas');
    let scaledDown = 0;
    if (availableCount > minAvailable) {
      const total = availableCount - minAvailable;
      for (const rs of [...olds].sort(byCreation)) {
        if (scaledDown >= total) break;
        if (replicasOf(rs) === 0) continue;
        const down = Math.min(replicasOf(rs), total - scaledDown);
        this.scaleAndRecord(rs, replicasOf(rs) - down, d);
        scaledDown += down;
      }
    }
    return cleaned + scaledDown > 0;
  }

  private rolloutRecreate(d: KubeObject, rsList: KubeObject[]): ReconcileResult | void {
    const first = this.getAllReplicaSets(d, rsList, false);
    let newRS = first[0];
    let oldRSs = first[1];
    d = first[2];
    let scaledDown = false;
    for (const rs of active(oldRSs)) if (this.scaleAndRecord(rs, 0, d)) scaledDown = true;
    if (scaledDown) return this.syncRolloutStatus(d, newRS, oldRSs);
    // oldPodsRunning: wait until the old replica sets' pods are gone (or finished)
    const pods = this.api.list(PODS, d.metadata.namespace ?? '');
    const oldUids = new Set(oldRSs.map((rs) => rs.metadata.uid));
    const running = pods.ok && pods.value.items.some((p) => oldUids.has(controllerOf(p)?.uid) && !['Failed', 'Succeeded'].includes(str(o(p.status).phase)));
    if (running) return this.syncRolloutStatus(d, newRS, oldRSs);
    if (!newRS) {
      [newRS, oldRSs, d] = this.getAllReplicaSets(d, rsList, true);
      if (!newRS) return { requeueAfter: 5000 };
    }
    this.scaleAndRecord(newRS, replicasOf(d), d);
    const f = this.refresh(d, newRS, oldRSs);
    if (this.complete(f.d, o(f.d.status))) this.cleanup(f.d, f.oldRSs);
    return this.syncRolloutStatus(f.d, f.newRS, f.oldRSs);
  }

  /** cleanupDeployment: old replica sets beyond revisionHistoryLimit, oldest revisions first. */
  private cleanup(d: KubeObject, oldRSs: KubeObject[]): void {
    const limit = o(d.spec).revisionHistoryLimit;
    if (typeof limit !== 'number') return;
    const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
    const diff = cleanable.length - limit;
    if (diff <= 0) return;
    cleanable.sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
    for (const rs of cleanable.slice(0, diff)) {
      if (statusNum(rs, 'replicas') !== 0 || replicasOf(rs) !== 0 || (rs.metadata.generation ?? 0) > statusNum(rs, 'observedGeneration')) continue;
      this.api.delete(REPLICASETS, rs.metadata.namespace ?? '', rs.metadata.name ?? '', {});
    }
  }

  /** calculateStatus. */
  private calculateStatus(d: KubeObject, allRSs: KubeObject[], newRS: KubeObject | undefined): Obj {
    const available = sumStatus(allRSs, 'availableReplicas');
    const total = sumSpec(allRSs);
    const unavailable = Math.max(0, total - available);
    const old = o(d.status);
    const status: Obj = { observedGeneration: d.metadata.generation ?? 0 };
    const put = (k: string, v: number): void => {
      if (v) status[k] = v;
    };
    put('replicas', sumStatus(allRSs, 'replicas'));
    put('updatedReplicas', newRS ? statusNum(newRS, 'replicas') : 0);
    put('readyReplicas', sumStatus(allRSs, 'readyReplicas'));
    put('availableReplicas', available);
    put('unavailableReplicas', unavailable);
    if (old.collisionCount !== undefined) status.collisionCount = old.collisionCount;
    if (Array.isArray(old.conditions)) status.conditions = copy(old.conditions);
    if (available >= replicasOf(d) - maxUnavailable(d)) setCondition(status, this.condition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'));
    else setCondition(status, this.condition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'));
    return status;
  }

  private syncDeploymentStatus(d: KubeObject, allRSs: (KubeObject | undefined)[], newRS: KubeObject | undefined): void {
    this.writeStatus(d, this.calculateStatus(d, allRSs.filter((x): x is KubeObject => !!x), newRS));
  }

  private complete(d: KubeObject, status: Obj): boolean {
    const want = replicasOf(d);
    return num(status.updatedReplicas) === want && num(status.replicas) === want && num(status.availableReplicas) === want && num(status.observedGeneration) >= (d.metadata.generation ?? 0);
  }

  /** syncRolloutStatus: status, the Progressing condition, and a requeue for the progress deadline. */
  private syncRolloutStatus(d: KubeObject, newRS: KubeObject | undefined, oldRSs: KubeObject[]): ReconcileResult | void {
    const f = this.refresh(d, newRS, oldRSs);
    d = f.d;
    newRS = f.newRS;
    const allRSs = [...f.oldRSs, ...(newRS ? [newRS] : [])];
    const status = this.calculateStatus(d, allRSs, newRS);
    const deadline = o(d.spec).progressDeadlineSeconds;
    const hasDeadline = typeof deadline === 'number';
    if (!hasDeadline) removeCondition(status, 'Progressing');
    const cur = getCondition(d.status, 'Progressing');
    const isComplete = num(status.replicas) === num(status.updatedReplicas) && cur?.reason === 'NewReplicaSetAvailable';
    const rsName = newRS?.metadata.name;
    if (hasDeadline && !isComplete) {
      const old = o(d.status);
      if (this.complete(d, status)) {
        setCondition(status, this.condition('Progressing', 'True', 'NewReplicaSetAvailable', rsName ? `ReplicaSet "${rsName}" has successfully progressed.` : `Deployment "${d.metadata.name ?? ''}" has successfully progressed.`));
      } else if (
        num(status.updatedReplicas) > num(old.updatedReplicas) ||
        num(status.replicas) - num(status.updatedReplicas) < num(old.replicas) - num(old.updatedReplicas) ||
        num(status.readyReplicas) > num(old.readyReplicas) ||
        num(status.availableReplicas) > num(old.availableReplicas)
      ) {
        const c = this.condition('Progressing', 'True', 'ReplicaSetUpdated', rsName ? `ReplicaSet "${rsName}" is progressing.` : `Deployment "${d.metadata.name ?? ''}" is progressing.`);
        if (cur) {
          if (cur.status === 'True') c.lastTransitionTime = cur.lastTransitionTime;
          removeCondition(status, 'Progressing');
        }
        setCondition(status, c);
      } else if (cur && cur.reason !== 'NewReplicaSetAvailable' && (cur.reason === 'ProgressDeadlineExceeded' || parseTime(cur.lastUpdateTime) + (deadline as number) * 1000 < this.clock.now())) {
        setCondition(status, this.condition('Progressing', 'False', 'ProgressDeadlineExceeded', rsName ? `ReplicaSet "${rsName}" has timed out progressing.` : `Deployment "${d.metadata.name ?? ''}" has timed out progressing.`));
      }
    }
    // ReplicaFailure conditions of the replica sets move to the deployment
    const failure = allRSs.map((rs) => arr(o(rs.status).conditions).find((c) => c.type === 'ReplicaFailure')).find((c) => c !== undefined);
    if (failure) setCondition(status, this.condition('ReplicaFailure', str(failure.status), str(failure.reason), str(failure.message)));
    else removeCondition(status, 'ReplicaFailure');
    this.writeStatus(d, status);
    // requeueStuckDeployment
    const pc = getCondition(status, 'Progressing');
    if (hasDeadline && pc && pc.reason !== 'NewReplicaSetAvailable' && pc.reason !== 'ProgressDeadlineExceeded' && pc.status !== 'Unknown' && !this.complete(d, status)) {
      const after = parseTime(pc.lastUpdateTime) + (deadline as number) * 1000 - this.clock.now();
      return { requeueAfter: Math.max(0, after) + 1000 };
    }
    return undefined;
  }
}

// ------------------------------------------------------------------ kubectl rollout undo (client side)

export interface RollbackPlan {
  /** The JSON patch kubectl sends: spec.template and metadata.annotations replaced. Empty when skipped. */
  patch: { op: string; path: string; value: unknown }[];
  /** kubectl's outcome: "rolled back", or "skipped rollback (current template already matches revision N)". */
  result: string;
}

/**
 * kubectl's DeploymentRollbacker.Rollback (kubectl v0.33.9 pkg/polymorphichelpers/rollback.go), which
 * is client side: the ReplicaSet of `toRevision` (0: the second newest revision) among the
 * Deployment's ReplicaSets gives its template (pod-template-hash label removed) and its annotations
 * (the Deployment keeps its own last-applied, revision, revision-history, desired/max-replicas). Errors
 * are kubectl's texts, without the "error: " prefix. Note that the skip message names `toRevision` as
 * given, so a plain `rollout undo` says "revision 0".
 */
export function rollbackPlan(d: KubeObject, replicaSets: KubeObject[], toRevision = 0): { ok: true; value: RollbackPlan } | { ok: false; error: string } {
  if (toRevision < 0) return { ok: false, error: `unable to find specified revision ${toRevision} in history` };
  const owned = replicaSets.filter((rs) => controllerOf(rs)?.uid === d.metadata.uid && selects(o(d.spec).selector, rs));
  let target: KubeObject | undefined;
  let latest = -1;
  let latestRS: KubeObject | undefined;
  let previous = -1;
  for (const rs of owned) {
    const raw = rs.metadata.annotations?.[REVISION_ANNOTATION];
    if (raw === undefined || !/^\d+$/.test(raw)) continue;
    const v = Number(raw);
    if (toRevision === 0) {
      if (latest < v) {
        previous = latest;
        target = latestRS;
        latest = v;
        latestRS = rs;
      } else if (previous < v) {
        previous = v;
        target = rs;
      }
    } else if (toRevision === v) {
      target = rs;
      break;
    }
  }
  if (toRevision > 0 && !target) return { ok: false, error: `unable to find specified revision ${toRevision} in history` };
  if (!target) return { ok: false, error: `no rollout history found for deployment ${JSON.stringify(d.metadata.name ?? '')}` };
  if (o(d.spec).paused === true) return { ok: false, error: "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again" };
  if (equalIgnoreHash(o(target.spec).template, o(d.spec).template)) {
    return { ok: true, value: { patch: [], result: `skipped rollback (current template already matches revision ${toRevision})` } };
  }
  const template = copy(o(o(target.spec).template));
  const tmeta = o(template.metadata);
  if (isObj(tmeta.labels)) delete tmeta.labels[POD_TEMPLATE_HASH_LABEL];
  template.metadata = tmeta;
  const annotations: Record<string, string> = {};
  for (const k of SKIP_COPY) {
    const v = d.metadata.annotations?.[k];
    if (v !== undefined) annotations[k] = v;
  }
  for (const [k, v] of Object.entries(target.metadata.annotations ?? {})) if (!SKIP_COPY.has(k)) annotations[k] = v;
  return {
    ok: true,
    value: {
      result: 'rolled back',
      patch: [
        { op: 'replace', path: '/spec/template', value: template },
        { op: 'replace', path: '/metadata/annotations', value: annotations },
      ],
    },
  };
}
