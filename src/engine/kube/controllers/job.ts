/**
 * The Job controller (k8s.io/kubernetes pkg/controller/job, v1.33), NonIndexed completion mode:
 * runs up to `parallelism` pods (never more than the completions still missing), counts finished pods
 * through the `batch.kubernetes.io/job-tracking` finalizer (a finished pod is counted once, then the
 * finalizer goes), recreates failed pods after an exponential back-off (10 s doubling, at most 6 min),
 * and ends the Job:
 * - complete: conditions SuccessCriteriaMet then Complete (reason `CompletionsReached`, "Reached
 *   expected number of succeeded pods"), completionTime, event `Completed` "Job completed";
 * - failed (more failures than backoffLimit): FailureTarget then Failed (reason `BackoffLimitExceeded`,
 *   "Job has reached the specified backoff limit"), active pods deleted, the same event as a Warning.
 * Events `SuccessfulCreate` "Created pod: x" and `SuccessfulDelete` come from `job-controller`.
 * Indexed jobs, pod failure policies, success policies and activeDeadlineSeconds are not simulated.
 */
import type { KubeObject } from '../apiserver';
import { EventRecorder } from './events';
import { Controller, ownerKey, selfKey, type ControllerContext, type ReconcileResult, type WatchSpec } from './queue';
import { podFromTemplate } from './replicaset';
import { JOBS, PODS, arr, controllerOf, copy, isPodReady, num, o, parseTime, podPhase, rfc3339, sameJson, selects, splitKey, type Obj } from './util';

export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
const BACKOFF_BASE_MS = 10000;
const BACKOFF_MAX_MS = 360000;

function finishedAt(pod: KubeObject): number {
  let t = 0;
  for (const c of arr(o(pod.status).containerStatuses)) t = Math.max(t, parseTime(o(o(c.state).terminated).finishedAt));
  return t || parseTime(pod.metadata.deletionTimestamp) || parseTime(pod.metadata.creationTimestamp);
}

export class JobController extends Controller {
  readonly name = 'job-controller';
  private readonly recorder: EventRecorder;

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.recorder = new EventRecorder(ctx.api, ctx.clock, this.name);
  }

  protected watches(): WatchSpec[] {
    return [
      { gvr: JOBS, keys: (j) => selfKey(j) },
      { gvr: PODS, keys: (p) => ownerKey(p, 'Job') },
    ];
  }

  private condition(type: string, reason: string, message: string): Obj {
    const t = rfc3339(this.clock.now());
    return { type, status: 'True', lastProbeTime: t, lastTransitionTime: t, reason, message };
  }

  reconcile(key: string): ReconcileResult | void {
    const [ns, name] = splitKey(key);
    const got = this.api.get(JOBS, ns, name);
    if (!got.ok) return;
    const job = got.value;
    const spec = o(job.spec);
    const old = o(job.status);
    const finished = arr(old.conditions).some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
    const all = this.api.list(PODS, ns);
    if (!all.ok) return;
    const pods = all.value.items.filter((p) => controllerOf(p)?.uid === job.metadata.uid && selects(spec.selector, p));
    const now = this.clock.now();

    // count finished pods that still carry the tracking finalizer
    let succeeded = num(old.succeeded);
    let failed = num(old.failed);
    const toUntrack: KubeObject[] = [];
    let lastFailure = 0;
    for (const p of pods) {
      const tracked = (p.metadata.finalizers ?? []).includes(JOB_TRACKING_FINALIZER);
      const phase = podPhase(p);
      if (phase === 'Failed' || (p.metadata.deletionTimestamp && phase !== 'Succeeded')) lastFailure = Math.max(lastFailure, finishedAt(p));
      if (!tracked) continue;
      if (phase === 'Succeeded') {
        succeeded++;
        toUntrack.push(p);
      } else if (phase === 'Failed' || (p.metadata.deletionTimestamp && finished)) {
        failed++;
        toUntrack.push(p);
      }
    }
    let activePods = pods.filter((p) => !p.metadata.deletionTimestamp && podPhase(p) !== 'Succeeded' && podPhase(p) !== 'Failed');
    const completions = typeof spec.completions === 'number' ? spec.completions : undefined;
    const parallelism = num(spec.parallelism, 1);
    const backoffLimit = num(spec.backoffLimit, 6);

    const status: Obj = copy(old);
    if (!status.startTime && spec.suspend !== true) status.startTime = rfc3339(now);
    let conditions = arr(status.conditions);
    let requeue: number | undefined;
    let completeNow = false;
    let failNow = false;
    if (!finished) {
      const complete = completions !== undefined ? succeeded >= completions : succeeded > 0 && activePods.length === 0;
      if (complete) completeNow = true;
      else if (failed > backoffLimit) failNow = true;
    }
    if (failNow || completeNow) {
      for (const p of activePods) {
        const r = this.api.delete(PODS, ns, p.metadata.name ?? '', {});
        if (r.ok) this.recorder.event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name ?? ''}`);
      }
      activePods = [];
    } else if (!finished && spec.suspend !== true) {
      const remaining = completions !== undefined ? completions - succeeded : parallelism;
      const want = Math.max(0, Math.min(parallelism, remaining));
      const missing = want - activePods.length;
      if (missing > 0) {
        // back-off after failures: 10s, 20s, 40s … from the last failure
        const delay = failed > 0 ? Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (failed - 1)) : 0;
        const wait = lastFailure + delay - now;
        if (failed > 0 && wait > 0) requeue = wait;
        else {
          for (let i = 0; i < missing; i++) {
            const pod = podFromTemplate(spec.template, job);
            const meta = o(pod.metadata);
            meta.finalizers = [...(Array.isArray(meta.finalizers) ? meta.finalizers : []), JOB_TRACKING_FINALIZER];
            const r = this.api.create(PODS, ns, pod);
            if (r.ok) {
              this.recorder.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${r.value.metadata.name ?? ''}`);
              activePods.push(r.value);
            } else {
              this.recorder.event(job, 'Warning', 'FailedCreate', `Error creating: ${r.status.message}`);
              break;
            }
          }
        }
      }
    }
    if (activePods.length) status.active = activePods.length;
    else delete status.active;
    if (succeeded) status.succeeded = succeeded;
    if (failed) status.failed = failed;
    status.ready = activePods.filter(isPodReady).length;
    status.terminating = pods.filter((p) => p.metadata.deletionTimestamp && podPhase(p) !== 'Succeeded' && podPhase(p) !== 'Failed').length;
    status.uncountedTerminatedPods = {};
    if (completeNow) {
      const msg = 'Reached expected number of succeeded pods';
      conditions = [...conditions, this.condition('SuccessCriteriaMet', 'CompletionsReached', msg), this.condition('Complete', 'CompletionsReached', msg)];
      status.completionTime = rfc3339(now);
    }
    if (failNow) {
      const msg = 'Job has reached the specified backoff limit';
      conditions = [...conditions, this.condition('FailureTarget', 'BackoffLimitExceeded', msg), this.condition('Failed', 'BackoffLimitExceeded', msg)];
    }
    if (conditions.length) status.conditions = conditions;
    if (!sameJson(status, old)) {
      const body = copy(job) as unknown as Obj;
      body.status = status;
      this.api.update(JOBS, ns, name, body, { subresource: 'status' });
    }
    for (const p of toUntrack) {
      const fins = (p.metadata.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
      this.api.patch(PODS, ns, p.metadata.name ?? '', 'merge', { metadata: { finalizers: fins.length ? fins : null } });
    }
    if (completeNow) this.recorder.event(job, 'Normal', 'Completed', 'Job completed');
    if (failNow) this.recorder.event(job, 'Warning', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit');
    return requeue !== undefined ? { requeueAfter: requeue } : undefined;
  }
}
