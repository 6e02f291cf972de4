/**
 * The Endpoints and EndpointSlice controllers (k8s.io/kubernetes pkg/controller/endpoint and
 * endpointslice, v1.33). For every Service with a selector: the pods it selects that have an IP and are
 * not being deleted or finished; ready pods are `addresses`, the others `notReadyAddresses` (all ready
 * with publishNotReadyAddresses); each service port resolves its targetPort against the pod (a number,
 * or a container port's name). The Endpoints object is named after the Service and carries its labels;
 * the EndpointSlice is `<service>-xxxxx`, labelled `kubernetes.io/service-name` and
 * `endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io`, owned by the Service.
 */
import type { KubeObject } from '../apiserver';
import { Controller, selfKey, type ControllerContext, type ReconcileResult, type WatchSpec } from './queue';
import { ENDPOINTS, ENDPOINT_SLICES, PODS, SERVICES, arr, controllerRef, copy, isObj, isPodReady, num, o, podPhase, sameJson, splitKey, str, type Obj } from './util';

export const TRIGGER_TIME_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const MANAGED_BY = 'endpointslice-controller.k8s.io';
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/** time.RFC3339Nano at the clock's millisecond precision (trailing zeros dropped). */
function rfc3339Nano(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, (_, f: string) => (f === '000' ? 'Z' : `.${f.replace(/0+$/, '')}Z`));
}

function selectsPod(selector: Record<string, string>, pod: KubeObject): boolean {
  const labels = pod.metadata.labels ?? {};
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

function podIp(pod: KubeObject): string {
  const st = o(pod.status);
  return str(st.podIP) || str(arr(st.podIPs)[0]?.ip);
}

/** findPort: a service port's target on this pod, or undefined. */
export function findPort(pod: KubeObject, servicePort: Obj): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  const name = str(target);
  if (/^\d+$/.test(name)) return Number(name);
  const proto = str(servicePort.protocol) || 'TCP';
  for (const c of arr(o(pod.spec).containers)) {
    for (const p of arr(c.ports)) if (str(p.name) === name && (str(p.protocol) || 'TCP') === proto) return num(p.containerPort);
  }
  return undefined;
}

interface Member {
  pod: KubeObject;
  ip: string;
  ready: boolean;
}

/** The pods a service sends traffic to (ShouldPodBeInEndpoints). */
function members(svc: KubeObject, pods: readonly KubeObject[]): Member[] {
  const spec = o(svc.spec);
  const selector = o(spec.selector) as Record<string, string>;
  const out: Member[] = [];
  for (const pod of pods) {
    if (!selectsPod(selector, pod)) continue;
    const phase = podPhase(pod);
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    if (pod.metadata.deletionTimestamp) continue;
    const ip = podIp(pod);
    if (!ip) continue;
    out.push({ pod, ip, ready: spec.publishNotReadyAddresses === true || isPodReady(pod) });
  }
  return out;
}

function hasSelector(svc: KubeObject): boolean {
  const spec = o(svc.spec);
  return isObj(spec.selector) && Object.keys(spec.selector).length > 0 && str(spec.type) !== 'ExternalName';
}

function targetRef(pod: KubeObject): Obj {
  return { kind: 'Pod', namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '' };
}

const ipKey = (ip: string): string =>
  ip
    .split('.')
    .map((x) => x.padStart(3, '0'))
    .join('.');

abstract class ServiceWatcher extends Controller {
  protected watches(): WatchSpec[] {
    return [
      { gvr: SERVICES, keys: (svc) => selfKey(svc) },
      {
        gvr: PODS,
        keys: (pod) => {
          const l = this.api.list(SERVICES, pod.metadata.namespace ?? '');
          return l.ok ? l.value.items.filter(hasSelector).map((s) => selfKey(s)[0]!) : [];
        },
      },
    ];
  }
}

export class EndpointsController extends ServiceWatcher {
  readonly name = 'endpoint-controller';

  constructor(ctx: ControllerContext) {
    super(ctx);
  }

  protected override watches(): WatchSpec[] {
    return [...super.watches(), { gvr: ENDPOINTS, keys: (ep) => selfKey(ep) }];
  }

  reconcile(key: string): ReconcileResult | void {
    const [ns, name] = splitKey(key);
    const svcR = this.api.get(SERVICES, ns, name);
    const epR = this.api.get(ENDPOINTS, ns, name);
    if (!svcR.ok) {
      // the service is gone: so are its endpoints (unless someone else manages them)
      if (epR.ok && epR.value.metadata.annotations?.[TRIGGER_TIME_ANNOTATION] !== undefined) this.api.delete(ENDPOINTS, ns, name, {});
      return;
    }
    const svc = svcR.value;
    if (!hasSelector(svc)) return;
    const pods = this.api.list(PODS, ns);
    if (!pods.ok) return;
    const ready: Obj[] = [];
    const notReady: Obj[] = [];
    let ports: Obj[] | undefined;
    for (const m of members(svc, pods.value.items).sort((a, b) => (ipKey(a.ip) < ipKey(b.ip) ? -1 : 1))) {
      const ps: Obj[] = [];
      for (const sp of arr(o(svc.spec).ports)) {
        const port = findPort(m.pod, sp);
        if (port === undefined) continue;
        ps.push({ ...(str(sp.name) ? { name: str(sp.name) } : {}), port, protocol: str(sp.protocol) || 'TCP' });
      }
      if (ps.length === 0 && arr(o(svc.spec).ports).length > 0) continue;
      ports ??= ps;
      const addr: Obj = { ip: m.ip, ...(str(o(m.pod.spec).nodeName) ? { nodeName: str(o(m.pod.spec).nodeName) } : {}), targetRef: targetRef(m.pod) };
      (m.ready ? ready : notReady).push(addr);
    }
    const subsets = ready.length || notReady.length ? [{ ...(ready.length ? { addresses: ready } : {}), ...(notReady.length ? { notReadyAddresses: notReady } : {}), ...(ports && ports.length ? { ports } : {}) }] : undefined;
    const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
    if (str(o(svc.spec).clusterIP) === 'None') labels['service.kubernetes.io/headless'] = '';
    const existing = epR.ok ? epR.value : undefined;
    if (existing && sameJson(existing.subsets ?? null, subsets ?? null) && sameJson(existing.metadata.labels ?? {}, labels)) return;
    const body: Obj = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {
        name,
        namespace: ns,
        ...(Object.keys(labels).length ? { labels } : {}),
        annotations: { ...(existing?.metadata.annotations ?? {}), [TRIGGER_TIME_ANNOTATION]: rfc3339Nano(this.clock.now()) },
      },
      ...(subsets ? { subsets } : {}),
    };
    if (existing) {
      const m = o(body.metadata);
      body.metadata = { ...copy(existing.metadata), labels: m.labels, annotations: m.annotations };
      this.api.update(ENDPOINTS, ns, name, body);
    } else this.api.create(ENDPOINTS, ns, body);
  }
}

export class EndpointSliceController extends ServiceWatcher {
  readonly name = 'endpointslice-controller';

  constructor(ctx: ControllerContext) {
    super(ctx);
  }

  protected override watches(): WatchSpec[] {
    return [
      ...super.watches(),
      {
        gvr: ENDPOINT_SLICES,
        keys: (s) => {
          const svc = s.metadata.labels?.[SERVICE_NAME_LABEL];
          return svc && s.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY ? [`${s.metadata.namespace ?? ''}/${svc}`] : [];
        },
      },
    ];
  }

  reconcile(key: string): ReconcileResult | void {
    const [ns, name] = splitKey(key);
    const slices = this.api.list(ENDPOINT_SLICES, ns, { labelSelector: `${SERVICE_NAME_LABEL}=${name},${MANAGED_BY_LABEL}=${MANAGED_BY}` });
    const mine = slices.ok ? slices.value.items : [];
    const svcR = this.api.get(SERVICES, ns, name);
    if (!svcR.ok || !hasSelector(svcR.value)) {
      // the garbage collector removes slices of a deleted service (owner reference); a selector removed means ours go
      if (svcR.ok) for (const s of mine) this.api.delete(ENDPOINT_SLICES, ns, s.metadata.name ?? '', {});
      return;
    }
    const svc = svcR.value;
    const pods = this.api.list(PODS, ns);
    if (!pods.ok) return;
    const endpoints: Obj[] = [];
    let ports: Obj[] | undefined;
    for (const m of members(svc, pods.value.items)) {
      const ps: Obj[] = [];
      for (const sp of arr(o(svc.spec).ports)) {
        const port = findPort(m.pod, sp);
        if (port === undefined) continue;
        ps.push({ name: str(sp.name), port, protocol: str(sp.protocol) || 'TCP' });
      }
      ports ??= ps;
      const nodeName = str(o(m.pod.spec).nodeName);
      endpoints.push({
        addresses: [m.ip],
        conditions: { ready: m.ready, serving: m.ready, terminating: false },
        ...(nodeName ? { nodeName } : {}),
        targetRef: targetRef(m.pod),
      });
    }
    const labels: Record<string, string> = {};
    for (const [k, v] of Object.entries(svc.metadata.labels ?? {})) if (k !== SERVICE_NAME_LABEL && k !== MANAGED_BY_LABEL) labels[k] = v;
    labels[MANAGED_BY_LABEL] = MANAGED_BY;
    labels[SERVICE_NAME_LABEL] = name;
    if (str(o(svc.spec).clusterIP) === 'None') labels['service.kubernetes.io/headless'] = '';
    const content: Obj = {
      addressType: 'IPv4',
      ...(endpoints.length ? { endpoints } : {}),
      ...(ports && ports.length ? { ports } : {}),
    };
    const [first, ...extra] = mine;
    for (const s of extra) this.api.delete(ENDPOINT_SLICES, ns, s.metadata.name ?? '', {});
    if (first && sameJson({ addressType: first.addressType, endpoints: first.endpoints, ports: first.ports }, { addressType: 'IPv4', endpoints: content.endpoints, ports: content.ports }) && sameJson(first.metadata.labels ?? {}, labels)) return;
    const annotations = { [TRIGGER_TIME_ANNOTATION]: rfc3339Nano(this.clock.now()) };
    if (first) {
      const body = copy(first) as unknown as Obj;
      delete body.endpoints;
      delete body.ports;
      Object.assign(body, content);
      body.metadata = { ...copy(first.metadata), labels, annotations };
      this.api.update(ENDPOINT_SLICES, ns, first.metadata.name ?? '', body);
    } else {
      this.api.create(ENDPOINT_SLICES, ns, {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { generateName: `${name}-`, namespace: ns, labels, annotations, ownerReferences: [controllerRef(svc)] },
        ...content,
      });
    }
  }
}
