/**
 * Events, as the controllers write them.
 *
 * - `EventRecorder`: client-go's tools/record recorder (core v1 Events), used by kube-controller-manager's
 *   controllers: name `<object>.<UnixNano in hex>`, `source.component` and `reportingComponent` set to
 *   the controller's name, `count` 1, first and last timestamps; a repeat of the same event (same
 *   object, type, reason, message and source) within ten minutes bumps `count` and `lastTimestamp`
 *   instead (the EventCorrelator's dedup).
 * - `recordEventV1`: k8s.io/client-go/tools/events (events.k8s.io/v1), used by the scheduler:
 *   `eventTime` in microseconds, `reportingController`/`reportingInstance`, `action`; repeats become
 *   an event series.
 */
import type { Clock } from '../../core/clock';
import { fnv1a } from '../../core/ids';
import type { ApiServer, KubeObject } from '../apiserver';
import { EVENTS, EVENTS_V1, num, o, rfc3339, rfc3339Micro, str, type Obj } from './util';

const DEDUP_WINDOW_MS = 10 * 60 * 1000;

export function objectReference(obj: KubeObject): Obj {
  return {
    kind: obj.kind,
    namespace: obj.metadata.namespace ?? '',
    name: obj.metadata.name ?? '',
    uid: obj.metadata.uid ?? '',
    apiVersion: obj.apiVersion,
    resourceVersion: obj.metadata.resourceVersion ?? '',
  };
}

/**
 * Event names: `<object>.<UnixNano in hex>`. Real writers never share a nanosecond; here several write
 * in one simulated millisecond, so each component starts at its own microsecond within it (a
 * deterministic offset from its name) and a name already taken moves on by one nanosecond.
 */
export function uniqueEventName(api: ApiServer, namespace: string, objectName: string, nowMs: number, component: string): string {
  let n = BigInt(Math.floor(nowMs)) * 1000000n + BigInt((fnv1a(component) % 999) + 1) * 1000n;
  for (;;) {
    const name = `${objectName}.${n.toString(16)}`;
    if (!api.get(EVENTS, namespace, name).ok) return name;
    n++;
  }
}

export class EventRecorder {
  constructor(
    private readonly api: ApiServer,
    private readonly clock: Clock,
    readonly component: string,
  ) {}

  event(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const ns = obj.metadata.namespace || 'default';
    const now = this.clock.now();
    const ref = objectReference(obj);
    // EventCorrelator: the same event again bumps the count
    const existing = this.api.list(EVENTS, ns, { fieldSelector: `involvedObject.uid=${str(ref.uid)},reason=${reason}` });
    if (existing.ok) {
      const same = existing.value.items.find(
        (e) => e.message === message && e.type === type && str(o(e.source).component) === this.component && now - Date.parse(str(e.lastTimestamp)) < DEDUP_WINDOW_MS,
      );
      if (same) {
        this.api.patch(EVENTS, ns, same.metadata.name ?? '', 'merge', { count: num(same.count, 1) + 1, lastTimestamp: rfc3339(now) });
        return;
      }
    }
    const t = rfc3339(now);
    this.api.create(EVENTS, ns, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: uniqueEventName(this.api, ns, obj.metadata.name ?? '', now, this.component), namespace: ns },
      involvedObject: ref,
      reason,
      message,
      source: { component: this.component },
      firstTimestamp: t,
      lastTimestamp: t,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: this.component,
      reportingInstance: '',
    });
  }
}

export interface EventV1Options {
  reportingController: string;
  reportingInstance: string;
  action: string;
}

/**
 * An events.k8s.io/v1 event (the scheduler's recorder). A repeat of the same (object, reason,
 * action, note) becomes a series: `series.count` and `series.lastObservedTime`.
 */
export function recordEventV1(api: ApiServer, clock: Clock, regarding: KubeObject, type: 'Normal' | 'Warning', reason: string, note: string, opts: EventV1Options): void {
  const ns = regarding.metadata.namespace || 'default';
  const now = clock.now();
  const existing = api.list(EVENTS, ns, { fieldSelector: `involvedObject.uid=${regarding.metadata.uid ?? ''},reason=${reason}` });
  if (existing.ok) {
    const same = existing.value.items.find((e) => e.message === note && e.reportingComponent === opts.reportingController && e.action === opts.action);
    if (same) {
      const series = o(same.series);
      api.patch(EVENTS_V1, ns, same.metadata.name ?? '', 'merge', { series: { count: num(series.count, 1) + 1, lastObservedTime: rfc3339Micro(now) } });
      return;
    }
  }
  api.create(EVENTS_V1, ns, {
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: { name: uniqueEventName(api, ns, regarding.metadata.name ?? '', now, opts.reportingController), namespace: ns },
    eventTime: rfc3339Micro(now),
    reportingController: opts.reportingController,
    reportingInstance: opts.reportingInstance,
    action: opts.action,
    reason,
    regarding: objectReference(regarding),
    note,
    type,
  });
}
