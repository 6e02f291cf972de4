/**
 * Semantic validation as k8s.io/kubernetes pkg/apis/{core,apps,batch,storage}/validation does it (v1.33),
 * for the kinds Dockyard serves, on the defaulted versioned object. Errors come in the order Go appends
 * them (metadata first, then the spec in validation order); map keys are visited sorted (Go's map order
 * is random, so any order is faithful).
 */
import { goQuote } from '../../core/gotext';
import { duplicate, forbidden, goMapStringString, invalid, notFound, notSupported, num, required, str, type FieldError } from './errors';
import { inclusiveRangeError, isConfigMapKey, isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isRelaxedEnvVarName, isValidLabelValue, isValidPortName, isValidPortNum } from './names';
import { compareQuantity, formatQuantity, parseQuantity, type Quantity } from './quantity';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const o = (v: unknown): Obj => (isObj(v) ? v : {});
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(o) : []);
const s = (v: unknown): string => (typeof v === 'string' ? v : '');
const n = (v: unknown): number => (typeof v === 'number' ? v : 0);
const strMap = (v: unknown): Record<string, string> | null => (isObj(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, s(x)])) : null);

export type NameFn = (name: string) => string[];

/** The node-port range of minikube's API server (--service-node-port-range default). */
export const NODE_PORT_RANGE = { min: 30000, max: 32767 };

// ------------------------------------------------------------------ metadata

export function validateLabels(labels: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const m = strMap(labels) ?? {};
  for (const k of Object.keys(m).sort()) {
    for (const msg of isQualifiedName(k)) errs.push(invalid(path, str(k), msg));
    for (const msg of isValidLabelValue(m[k] ?? '')) errs.push(invalid(path, str(m[k] ?? ''), msg));
  }
  return errs;
}

function validateAnnotations(ann: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const m = strMap(ann) ?? {};
  let total = 0;
  for (const k of Object.keys(m).sort()) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, str(k), msg));
    total += k.length + (m[k] ?? '').length;
  }
  if (total > 256 * 1024) errs.push({ type: 'Too long', field: path, value: 'omit', detail: `may not be more than ${256 * 1024} bytes` });
  return errs;
}

/** ValidateObjectMeta: name (or generateName), namespace, labels, annotations. */
export function validateObjectMeta(meta: Obj, namespaced: boolean, nameFn: NameFn, path = 'metadata'): FieldError[] {
  const errs: FieldError[] = [];
  const name = s(meta.name);
  if (s(meta.generateName) !== '') for (const msg of nameFn(s(meta.generateName).replace(/-$/, 'a'))) errs.push(invalid(`${path}.generateName`, str(s(meta.generateName)), msg));
  if (name === '') errs.push(required(`${path}.name`, 'name or generateName is required'));
  else for (const msg of nameFn(name)) errs.push(invalid(`${path}.name`, str(name), msg));
  if (namespaced) {
    const ns = s(meta.namespace);
    if (ns === '') errs.push(required(`${path}.namespace`));
    else for (const msg of isDNS1123Label(ns)) errs.push(invalid(`${path}.namespace`, str(ns), msg));
  } else if (s(meta.namespace) !== '') errs.push(forbidden(`${path}.namespace`, 'not allowed on this type'));
  errs.push(...validateLabels(meta.labels, `${path}.labels`));
  errs.push(...validateAnnotations(meta.annotations, `${path}.annotations`));
  return errs;
}

function nonNegative(v: unknown, path: string): FieldError[] {
  return typeof v === 'number' && v < 0 ? [invalid(path, num(v), 'must be greater than or equal to 0')] : [];
}

// ------------------------------------------------------------------ label selectors

function goStringSlice(v: unknown): string {
  if (!Array.isArray(v)) return '[]string(nil)';
  return `[]string{${v.map((x) => goQuote(s(x))).join(', ')}}`;
}

/** Go %#v of a metav1.LabelSelector (pointer dereferenced). */
export function goLabelSelector(sel: Obj): string {
  const exprs = sel.matchExpressions;
  const ex = Array.isArray(exprs)
    ? `[]v1.LabelSelectorRequirement{${arr(exprs)
        .map((e) => `v1.LabelSelectorRequirement{Key:${goQuote(s(e.key))}, Operator:${goQuote(s(e.operator))}, Values:${goStringSlice(e.values)}}`)
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${goMapStringString(strMap(sel.matchLabels))}, MatchExpressions:${ex}}`;
}

/** metav1.LabelSelectorAsSelector + Matches: null selector matches nothing, empty matches everything. */
export function selectorMatches(sel: unknown, labels: Record<string, string>): boolean {
  if (!isObj(sel)) return false;
  for (const [k, v] of Object.entries(strMap(sel.matchLabels) ?? {})) if (labels[k] !== v) return false;
  for (const e of arr(sel.matchExpressions)) {
    const key = s(e.key);
    const values = Array.isArray(e.values) ? e.values.map(s) : [];
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (s(e.operator)) {
      case 'In':
        if (!has || !values.includes(labels[key] ?? '')) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[key] ?? '')) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

function selectorIsEmpty(sel: Obj): boolean {
  return Object.keys(strMap(sel.matchLabels) ?? {}).length + arr(sel.matchExpressions).length === 0;
}

function validateLabelSelector(sel: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(sel.matchExpressions).forEach((e, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    const op = s(e.operator);
    const values = Array.isArray(e.values) ? e.values : [];
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) errs.push(required(`${p}.values`, 'must be specified when `operator` is \'In\' or \'NotIn\''));
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0) errs.push(forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else errs.push(invalid(`${p}.operator`, str(op), 'not a valid selector operator'));
    for (const msg of isQualifiedName(s(e.key))) errs.push(invalid(`${p}.key`, str(s(e.key)), msg));
  });
  errs.push(...validateLabels(sel.matchLabels, `${path}.matchLabels`));
  return errs;
}

// ------------------------------------------------------------------ pods

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const RESOURCE_NAMES_STANDARD = ['cpu', 'memory', 'ephemeral-storage', 'hugepages-'];

function validateContainerPorts(ports: Obj[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const ip = `${path}[${i}]`;
    const name = s(p.name);
    if (name !== '') {
      const msgs = isValidPortName(name);
      if (msgs.length) for (const m of msgs) errs.push(invalid(`${ip}.name`, str(name), m));
      else if (names.has(name)) errs.push(duplicate(`${ip}.name`, str(name)));
      else names.add(name);
    }
    if (n(p.containerPort) === 0) errs.push(required(`${ip}.containerPort`));
    else for (const m of isValidPortNum(n(p.containerPort))) errs.push(invalid(`${ip}.containerPort`, num(n(p.containerPort)), m));
    if (n(p.hostPort) !== 0) for (const m of isValidPortNum(n(p.hostPort))) errs.push(invalid(`${ip}.hostPort`, num(n(p.hostPort)), m));
    const proto = s(p.protocol);
    if (proto === '') errs.push(required(`${ip}.protocol`));
    else if (!PROTOCOLS.includes(proto)) errs.push(notSupported(`${ip}.protocol`, str(proto), PROTOCOLS));
  });
  return errs;
}

function validateEnv(env: Obj[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  env.forEach((e, i) => {
    const ip = `${path}[${i}]`;
    const name = s(e.name);
    if (name === '') errs.push(required(`${ip}.name`));
    else for (const m of isRelaxedEnvVarName(name)) errs.push(invalid(`${ip}.name`, str(name), m));
    if (isObj(e.valueFrom)) {
      const vf = e.valueFrom;
      const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef', 'fileKeyRef'].filter((k) => isObj(vf[k]));
      if (s(e.value) !== '' && sources.length) errs.push(invalid(`${ip}.valueFrom`, 'omit', "may not be specified when `value` is not empty"));
      if (sources.length === 0) errs.push(invalid(`${ip}.valueFrom`, str(''), 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
      else if (sources.length > 1) errs.push(invalid(`${ip}.valueFrom`, str(''), 'may not have more than one field specified at a time'));
      for (const k of ['configMapKeyRef', 'secretKeyRef']) {
        const ref = vf[k];
        if (!isObj(ref)) continue;
        if (s(ref.name) === '') errs.push(required(`${ip}.valueFrom.${k}.name`));
        if (s(ref.key) === '') errs.push(required(`${ip}.valueFrom.${k}.key`));
        else for (const m of isConfigMapKey(s(ref.key))) errs.push(invalid(`${ip}.valueFrom.${k}.key`, str(s(ref.key)), m));
      }
    }
  });
  return errs;
}

function validateVolumeMounts(mounts: Obj[], volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  mounts.forEach((m, i) => {
    const ip = `${path}[${i}]`;
    const name = s(m.name);
    if (name === '') errs.push(required(`${ip}.name`));
    if (!volumes.has(name)) errs.push(notFound(`${ip}.name`, str(name)));
    const mp = s(m.mountPath);
    if (mp === '') errs.push(required(`${ip}.mountPath`));
    if (seen.has(mp)) errs.push(invalid(`${ip}.mountPath`, str(mp), 'must be unique'));
    seen.add(mp);
    if (s(m.subPath) !== '') {
      const sp = s(m.subPath);
      if (sp.startsWith('/')) errs.push(invalid(`${ip}.subPath`, str(sp), 'must be a relative path'));
      else if (sp.split('/').includes('..')) errs.push(invalid(`${ip}.subPath`, str(sp), "must not contain '..'"));
    }
  });
  return errs;
}

function quantityOf(v: unknown): Quantity | null {
  const r = parseQuantity(typeof v === 'number' ? String(v) : s(v));
  return r.ok ? r.value : null;
}

function validateResourceName(name: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const m of isQualifiedName(name)) errs.push(invalid(path, str(name), m));
  if (errs.length) return errs;
  if (!name.includes('/') && !RESOURCE_NAMES_STANDARD.some((r) => (r.endsWith('-') ? name.startsWith(r) : name === r))) {
    errs.push(invalid(path, str(name), 'must be a standard resource type or fully qualified'));
  }
  return errs;
}

function validateResources(res: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const limits = o(res.limits);
  const requests = o(res.requests);
  for (const k of Object.keys(limits).sort()) {
    const p = `${path}.limits[${k}]`;
    errs.push(...validateResourceName(k, p));
    const q = quantityOf(limits[k]);
    if (q && q.nanos < 0n) errs.push(invalid(p, str(formatQuantity(q)), 'must be greater than or equal to 0'));
  }
  for (const k of Object.keys(requests).sort()) {
    const p = `${path}.requests[${k}]`;
    errs.push(...validateResourceName(k, p));
    const q = quantityOf(requests[k]);
    if (q && q.nanos < 0n) errs.push(invalid(p, str(formatQuantity(q)), 'must be greater than or equal to 0'));
    const lim = k in limits ? quantityOf(limits[k]) : null;
    if (q && lim && compareQuantity(q, lim) > 0) errs.push(invalid(`${path}.requests`, str(formatQuantity(q)), `must be less than or equal to ${k} limit of ${formatQuantity(lim)}`));
  }
  return errs;
}

function validateContainer(c: Obj, volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = s(c.name);
  if (name === '') errs.push(required(`${path}.name`));
  else for (const m of isDNS1123Label(name)) errs.push(invalid(`${path}.name`, str(name), m));
  if (s(c.image) === '') errs.push(required(`${path}.image`));
  const tmp = s(c.terminationMessagePolicy);
  if (tmp === '') errs.push(required(`${path}.terminationMessagePolicy`, "must be 'File' or 'FallbackToLogsOnError'"));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') errs.push(notSupported(`${path}.terminationMessagePolicy`, str(tmp), ['File', 'FallbackToLogsOnError']));
  errs.push(...validateContainerPorts(arr(c.ports), `${path}.ports`));
  errs.push(...validateEnv(arr(c.env), `${path}.env`));
  errs.push(...validateVolumeMounts(arr(c.volumeMounts), volumes, `${path}.volumeMounts`));
  const pp = s(c.imagePullPolicy);
  if (pp === '') errs.push(required(`${path}.imagePullPolicy`));
  else if (!PULL_POLICIES.includes(pp)) errs.push(notSupported(`${path}.imagePullPolicy`, str(pp), PULL_POLICIES));
  errs.push(...validateResources(o(c.resources), `${path}.resources`));
  return errs;
}

function validateVolumes(vols: Obj[], path: string): { names: Set<string>; errs: FieldError[] } {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  const sources = ['hostPath', 'emptyDir', 'configMap', 'secret', 'persistentVolumeClaim', 'projected', 'downwardAPI', 'nfs', 'csi', 'ephemeral', 'image', 'gitRepo', 'iscsi', 'glusterfs', 'rbd', 'cephfs', 'cinder', 'fc', 'flocker', 'azureFile', 'azureDisk', 'vsphereVolume', 'quobyte', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos', 'gcePersistentDisk', 'awsElasticBlockStore', 'flexVolume'];
  vols.forEach((v, i) => {
    const ip = `${path}[${i}]`;
    const name = s(v.name);
    if (name === '') errs.push(required(`${ip}.name`));
    else for (const m of isDNS1123Label(name)) errs.push(invalid(`${ip}.name`, str(name), m));
    if (name !== '' && names.has(name)) errs.push(duplicate(`${ip}.name`, str(name)));
    else if (name !== '') names.add(name);
    const set = sources.filter((k) => isObj(v[k]));
    if (set.length === 0) errs.push(required(ip, 'must specify a volume type'));
    else if (set.length > 1) errs.push(forbidden(`${ip}.${set[1] ?? ''}`, 'may not specify more than 1 volume type'));
    if (isObj(v.persistentVolumeClaim) && s(v.persistentVolumeClaim.claimName) === '') errs.push(required(`${ip}.persistentVolumeClaim.claimName`));
    if (isObj(v.hostPath) && s(v.hostPath.path) === '') errs.push(required(`${ip}.hostPath.path`));
    if (isObj(v.configMap) && s(v.configMap.name) === '') errs.push(required(`${ip}.configMap.name`));
    if (isObj(v.secret) && s(v.secret.secretName) === '') errs.push(required(`${ip}.secret.secretName`));
  });
  return { names, errs };
}

/** ValidatePodSpec. */
export function validatePodSpec(spec: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const { names, errs: vErrs } = validateVolumes(arr(spec.volumes), `${path}.volumes`);
  errs.push(...vErrs);
  const containers = arr(spec.containers);
  if (containers.length === 0) errs.push(required(`${path}.containers`));
  else {
    const seen = new Set<string>();
    containers.forEach((c, i) => {
      const cp = `${path}.containers[${i}]`;
      errs.push(...validateContainer(c, names, cp));
      const name = s(c.name);
      if (seen.has(name)) errs.push(duplicate(`${cp}.name`, str(name)));
      else seen.add(name);
      if (c.restartPolicy !== undefined && c.restartPolicy !== null) errs.push(forbidden(`${cp}.restartPolicy`, 'may not be set for non-init containers'));
    });
  }
  const initSeen = new Set(containers.map((c) => s(c.name)));
  arr(spec.initContainers).forEach((c, i) => {
    const cp = `${path}.initContainers[${i}]`;
    errs.push(...validateContainer(c, names, cp));
    const name = s(c.name);
    if (initSeen.has(name)) errs.push(duplicate(`${cp}.name`, str(name)));
    else initSeen.add(name);
  });
  const rp = s(spec.restartPolicy);
  if (rp === '') errs.push(required(`${path}.restartPolicy`));
  else if (!['Always', 'OnFailure', 'Never'].includes(rp)) errs.push(notSupported(`${path}.restartPolicy`, str(rp), ['Always', 'OnFailure', 'Never']));
  const dns = s(spec.dnsPolicy);
  if (dns === '') errs.push(required(`${path}.dnsPolicy`));
  else if (!['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'].includes(dns)) errs.push(notSupported(`${path}.dnsPolicy`, str(dns), ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']));
  errs.push(...validateLabels(spec.nodeSelector, `${path}.nodeSelector`));
  if (s(spec.serviceAccountName) !== '') for (const m of isDNS1123Subdomain(s(spec.serviceAccountName))) errs.push(invalid(`${path}.serviceAccountName`, str(s(spec.serviceAccountName)), m));
  if (s(spec.nodeName) !== '') for (const m of isDNS1123Subdomain(s(spec.nodeName))) errs.push(invalid(`${path}.nodeName`, str(s(spec.nodeName)), m));
  if (typeof spec.activeDeadlineSeconds === 'number' && (spec.activeDeadlineSeconds < 1 || spec.activeDeadlineSeconds > 2147483647)) {
    errs.push(invalid(`${path}.activeDeadlineSeconds`, num(spec.activeDeadlineSeconds), inclusiveRangeError(1, 2147483647)));
  }
  if (s(spec.hostname) !== '') for (const m of isDNS1123Label(s(spec.hostname))) errs.push(invalid(`${path}.hostname`, str(s(spec.hostname)), m));
  return errs;
}

function validatePodTemplateSpec(t: Obj, path: string): FieldError[] {
  const meta = o(t.metadata);
  return [...validateLabels(meta.labels, `${path}.metadata.labels`), ...validateAnnotations(meta.annotations, `${path}.metadata.annotations`), ...validatePodSpec(o(t.spec), `${path}.spec`)];
}

// ------------------------------------------------------------------ workloads

function validateTemplateForSelector(spec: Obj, path: string, allowedRestart: string[], selector: unknown): FieldError[] {
  const errs: FieldError[] = [];
  const t = spec.template;
  if (!isObj(t)) return [required(`${path}.template`)];
  const labels = strMap(o(t.metadata).labels);
  const selectsNothing = !isObj(selector);
  const everything = isObj(selector) && selectorIsEmpty(selector);
  if (!everything && (selectsNothing || !selectorMatches(selector, labels ?? {}))) {
    errs.push(invalid(`${path}.template.metadata.labels`, { go: goMapStringString(labels) }, '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(t, `${path}.template`));
  const rp = s(o(t.spec).restartPolicy);
  if (!allowedRestart.includes(rp)) errs.push(notSupported(`${path}.template.spec.restartPolicy`, str(rp), allowedRestart));
  if (o(t.spec).activeDeadlineSeconds !== undefined && o(t.spec).activeDeadlineSeconds !== null) {
    errs.push(invalid(`${path}.template.spec.activeDeadlineSeconds`, num(n(o(t.spec).activeDeadlineSeconds)), 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  }
  return errs;
}

function validateSelectorField(spec: Obj, path: string, what: string): FieldError[] {
  const sel = spec.selector;
  if (!isObj(sel)) return [required(`${path}.selector`)];
  const errs = validateLabelSelector(sel, `${path}.selector`);
  if (selectorIsEmpty(sel)) errs.push(invalid(`${path}.selector`, { go: goLabelSelector(sel) }, `empty selector is invalid for ${what}`));
  return errs;
}

function validateDeploymentSpec(spec: Obj): FieldError[] {
  const p = 'spec';
  const errs: FieldError[] = [...nonNegative(spec.replicas, `${p}.replicas`)];
  errs.push(...validateSelectorField(spec, p, 'deployment'));
  errs.push(...validateTemplateForSelector(spec, p, ['Always'], spec.selector));
  const strategy = o(spec.strategy);
  const type = s(strategy.type);
  if (type === 'Recreate') {
    if (isObj(strategy.rollingUpdate)) errs.push(forbidden(`${p}.strategy.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'"));
  } else if (type === 'RollingUpdate') {
    const ru = o(strategy.rollingUpdate);
    const zero = (v: unknown): boolean => v === 0 || v === '0%' || v === '0';
    if (zero(ru.maxUnavailable) && zero(ru.maxSurge)) errs.push(invalid(`${p}.strategy.rollingUpdate.maxUnavailable`, typeof ru.maxUnavailable === 'number' ? num(ru.maxUnavailable) : str(s(ru.maxUnavailable)), 'may not be 0 when `maxSurge` is 0'));
  } else errs.push(notSupported(`${p}.strategy.type`, str(type), ['Recreate', 'RollingUpdate']));
  errs.push(...nonNegative(spec.minReadySeconds, `${p}.minReadySeconds`));
  errs.push(...nonNegative(spec.revisionHistoryLimit, `${p}.revisionHistoryLimit`));
  if (typeof spec.progressDeadlineSeconds === 'number') {
    errs.push(...nonNegative(spec.progressDeadlineSeconds, `${p}.progressDeadlineSeconds`));
    if (spec.progressDeadlineSeconds <= n(spec.minReadySeconds)) errs.push(invalid(`${p}.progressDeadlineSeconds`, num(spec.progressDeadlineSeconds), 'must be greater than minReadySeconds'));
  }
  return errs;
}

function validateReplicaSetSpec(spec: Obj): FieldError[] {
  const errs: FieldError[] = [...nonNegative(spec.replicas, 'spec.replicas'), ...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds')];
  errs.push(...validateSelectorField(spec, 'spec', 'deployment'));
  errs.push(...validateTemplateForSelector(spec, 'spec', ['Always'], spec.selector));
  return errs;
}

function validateJobSpec(spec: Obj): FieldError[] {
  const errs: FieldError[] = [...nonNegative(spec.parallelism, 'spec.parallelism'), ...nonNegative(spec.completions, 'spec.completions'), ...nonNegative(spec.backoffLimit, 'spec.backoffLimit')];
  if (typeof spec.activeDeadlineSeconds === 'number' && spec.activeDeadlineSeconds <= 0) errs.push(invalid('spec.activeDeadlineSeconds', num(spec.activeDeadlineSeconds), 'must be greater than 0'));
  const t = o(spec.template);
  // the server generates the selector (manualSelector unset), so only the template is checked here
  errs.push(...validatePodTemplateSpec(t, 'spec.template'));
  const rp = s(o(t.spec).restartPolicy);
  if (rp !== 'OnFailure' && rp !== 'Never') errs.push(notSupported('spec.template.spec.restartPolicy', str(rp), ['OnFailure', 'Never']));
  return errs;
}

// ------------------------------------------------------------------ services

function validateService(svc: Obj): FieldError[] {
  const spec = o(svc.spec);
  const errs: FieldError[] = [];
  const type = s(spec.type);
  const ports = arr(spec.ports);
  const headless = spec.clusterIP === 'None';
  if (ports.length === 0 && !headless && type !== 'ExternalName') errs.push(required('spec.ports'));
  if (type === 'ExternalName') {
    if (s(spec.externalName) === '') errs.push(required('spec.externalName'));
    else for (const m of isDNS1123Subdomain(s(spec.externalName).replace(/\.$/, ''))) errs.push(invalid('spec.externalName', str(s(spec.externalName)), m));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const ip = `spec.ports[${i}]`;
    const name = s(p.name);
    if (ports.length > 1 && name === '') errs.push(required(`${ip}.name`));
    else if (name !== '') {
      for (const m of isDNS1123Label(name)) errs.push(invalid(`${ip}.name`, str(name), m));
      if (names.has(name)) errs.push(duplicate(`${ip}.name`, str(name)));
      else names.add(name);
    }
    for (const m of isValidPortNum(n(p.port))) errs.push(invalid(`${ip}.port`, num(n(p.port)), m));
    const proto = s(p.protocol);
    if (proto === '') errs.push(required(`${ip}.protocol`));
    else if (!PROTOCOLS.includes(proto)) errs.push(notSupported(`${ip}.protocol`, str(proto), PROTOCOLS));
    const tp = p.targetPort;
    if (typeof tp === 'number') for (const m of isValidPortNum(tp)) errs.push(invalid(`${ip}.targetPort`, num(tp), m));
    else if (typeof tp === 'string') for (const m of isValidPortName(tp)) errs.push(invalid(`${ip}.targetPort`, str(tp), m));
  });
  if (isObj(spec.selector)) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  const aff = s(spec.sessionAffinity);
  if (aff === '') errs.push(required('spec.sessionAffinity'));
  else if (aff !== 'ClientIP' && aff !== 'None') errs.push(notSupported('spec.sessionAffinity', str(aff), ['ClientIP', 'None']));
  const types = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
  if (type === '') errs.push(required('spec.type'));
  else if (!types.includes(type)) errs.push(notSupported('spec.type', str(type), types));
  if (type === 'ClusterIP') ports.forEach((p, i) => n(p.nodePort) !== 0 && errs.push(forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'")));
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (n(p.nodePort) === 0) return;
    const key = `${s(p.protocol)}/${n(p.nodePort)}`;
    if (nodePorts.has(key)) errs.push(duplicate(`spec.ports[${i}].nodePort`, num(n(p.nodePort))));
    nodePorts.add(key);
  });
  return errs;
}

/**
 * The node-port allocator's checks, run by the Service storage after validation: a requested nodePort
 * outside the range, or one already in use (`allocated` holds the ports of other Services).
 */
export function validateNodePorts(svc: unknown, allocated: ReadonlySet<number>, range = NODE_PORT_RANGE): FieldError[] {
  const errs: FieldError[] = [];
  arr(o(o(svc).spec).ports).forEach((p, i) => {
    const np = n(p.nodePort);
    if (np === 0) return;
    if (np < range.min || np > range.max) errs.push(invalid(`spec.ports[${i}].nodePort`, num(np), `provided port is not in the valid range. The range of valid ports is ${range.min}-${range.max}`));
    else if (allocated.has(np)) errs.push(invalid(`spec.ports[${i}].nodePort`, num(np), 'provided port is already allocated'));
  });
  return errs;
}

// ------------------------------------------------------------------ config and storage

function validateDataKeys(data: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of Object.keys(o(data)).sort()) for (const m of isConfigMapKey(k)) errs.push(invalid(`${path}[${k}]`, str(k), m));
  return errs;
}

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

function validateAccessModes(modes: unknown, path: string, detail: string): FieldError[] {
  const list = Array.isArray(modes) ? modes.map(s) : [];
  const errs: FieldError[] = [];
  if (list.length === 0) errs.push(required(path, detail));
  for (const m of list) if (!ACCESS_MODES.includes(m)) errs.push(notSupported(path, str(m), ACCESS_MODES));
  return errs;
}

function validatePVC(pvc: Obj): FieldError[] {
  const spec = o(pvc.spec);
  const errs = validateAccessModes(spec.accessModes, 'spec.accessModes', 'at least 1 access mode is required');
  if (isObj(spec.selector)) errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  const req = o(o(spec.resources).requests);
  if (!('storage' in req)) errs.push(required('spec.resources[storage]'));
  else {
    const q = quantityOf(req.storage);
    if (q && q.nanos <= 0n) errs.push(invalid('spec.resources[storage]', str(formatQuantity(q)), 'must be greater than zero'));
  }
  const vm = spec.volumeMode;
  if (typeof vm === 'string' && vm !== 'Block' && vm !== 'Filesystem') errs.push(notSupported('spec.volumeMode', str(vm), ['Block', 'Filesystem']));
  return errs;
}

function validatePV(pv: Obj): FieldError[] {
  const spec = o(pv.spec);
  const errs = validateAccessModes(spec.accessModes, 'spec.accessModes', '');
  const cap = o(spec.capacity);
  if (Object.keys(cap).length === 0) errs.push(required('spec.capacity'));
  else if (!('storage' in cap) || Object.keys(cap).length > 1) errs.push(notSupported('spec.capacity', { go: `core.ResourceList{${Object.keys(cap).sort().map((k) => `${goQuote(k)}:resource.Quantity{...}`).join(', ')}}` }, ['storage']));
  else {
    const q = quantityOf(cap.storage);
    if (q && q.nanos <= 0n) errs.push(invalid('spec.capacity[storage]', str(formatQuantity(q)), 'must be greater than zero'));
  }
  const sources = ['hostPath', 'nfs', 'local', 'csi', 'iscsi', 'fc', 'gcePersistentDisk', 'awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'flexVolume', 'flocker', 'glusterfs', 'photonPersistentDisk', 'portworxVolume', 'quobyte', 'rbd', 'scaleIO', 'storageos', 'vsphereVolume'].filter((k) => isObj(spec[k]));
  if (sources.length === 0) errs.push(required('spec', 'must specify a volume type'));
  if (isObj(spec.hostPath) && s(spec.hostPath.path) === '') errs.push(required('spec.hostPath.path'));
  const rp = s(spec.persistentVolumeReclaimPolicy);
  if (rp !== '' && !['Delete', 'Recycle', 'Retain'].includes(rp)) errs.push(notSupported('spec.persistentVolumeReclaimPolicy', str(rp), ['Delete', 'Recycle', 'Retain']));
  return errs;
}

function validateStorageClass(sc: Obj): FieldError[] {
  const errs: FieldError[] = [];
  if (s(sc.provisioner) === '') errs.push(required('provisioner'));
  else for (const m of isQualifiedName(s(sc.provisioner).toLowerCase())) errs.push(invalid('provisioner', str(s(sc.provisioner)), m));
  const rp = s(sc.reclaimPolicy);
  if (rp !== '' && rp !== 'Delete' && rp !== 'Retain') errs.push(notSupported('reclaimPolicy', str(rp), ['Delete', 'Retain']));
  const bm = s(sc.volumeBindingMode);
  if (bm !== '' && bm !== 'Immediate' && bm !== 'WaitForFirstConsumer') errs.push(notSupported('volumeBindingMode', str(bm), ['Immediate', 'WaitForFirstConsumer']));
  return errs;
}

// ------------------------------------------------------------------ per kind

interface KindRule {
  namespaced: boolean;
  name: NameFn;
  group: string;
  spec?: (obj: Obj) => FieldError[];
}

export const KIND_RULES: Record<string, KindRule> = {
  Namespace: { namespaced: false, name: isDNS1123Label, group: '' },
  Pod: {
    namespaced: true,
    name: isDNS1123Subdomain,
    group: '',
    spec: (x) => {
      const errs = validatePodSpec(o(x.spec), 'spec');
      arr(o(x.spec).containers).forEach((c, i) => {
        const img = s(c.image);
        if (img.length !== img.trim().length) errs.push(invalid(`spec.containers[${i}].image`, str(img), 'must not have leading or trailing whitespace'));
      });
      return errs;
    },
  },
  ReplicaSet: { namespaced: true, name: isDNS1123Subdomain, group: 'apps', spec: (x) => validateReplicaSetSpec(o(x.spec)) },
  Deployment: { namespaced: true, name: isDNS1123Subdomain, group: 'apps', spec: (x) => validateDeploymentSpec(o(x.spec)) },
  Job: { namespaced: true, name: isDNS1123Subdomain, group: 'batch', spec: (x) => validateJobSpec(o(x.spec)) },
  Service: { namespaced: true, name: isDNS1035Label, group: '', spec: validateService },
  Endpoints: { namespaced: true, name: isDNS1123Subdomain, group: '' },
  ConfigMap: { namespaced: true, name: isDNS1123Subdomain, group: '', spec: (x) => [...validateDataKeys(x.data, 'data'), ...validateDataKeys(x.binaryData, 'binaryData')] },
  Secret: { namespaced: true, name: isDNS1123Subdomain, group: '', spec: (x) => [...validateDataKeys(x.data, 'data')] },
  ServiceAccount: { namespaced: true, name: isDNS1123Subdomain, group: '' },
  PersistentVolume: { namespaced: false, name: isDNS1123Subdomain, group: '', spec: validatePV },
  PersistentVolumeClaim: { namespaced: true, name: isDNS1123Subdomain, group: '', spec: validatePVC },
  StorageClass: { namespaced: false, name: isDNS1123Subdomain, group: 'storage.k8s.io', spec: validateStorageClass },
  Node: { namespaced: false, name: isDNS1123Subdomain, group: '' },
  Event: { namespaced: true, name: isDNS1123Subdomain, group: '' },
};

/** Validation of a new object (after defaulting). Kinds without rules only get their metadata checked. */
export function validateCreate(obj: unknown): FieldError[] {
  const x = o(obj);
  const rule = KIND_RULES[s(x.kind)];
  const errs = validateObjectMeta(o(x.metadata), rule?.namespaced ?? true, rule?.name ?? isDNS1123Subdomain);
  if (rule?.spec) errs.push(...rule.spec(x));
  return errs;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isObj(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}

const POD_UPDATE_FORBIDDEN =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** A go-cmp-like diff of two pod specs: not byte-exact (go-cmp randomises its own whitespace). */
function specDiff(oldSpec: Obj, newSpec: Obj): string {
  const lines = ['  core.PodSpec{'];
  const keys = [...new Set([...Object.keys(oldSpec), ...Object.keys(newSpec)])].sort();
  for (const k of keys) {
    if (same(oldSpec[k], newSpec[k])) continue;
    const field = k.charAt(0).toUpperCase() + k.slice(1);
    if (oldSpec[k] !== undefined) lines.push(`- \t${field}: ${JSON.stringify(sortKeys(oldSpec[k]))},`);
    if (newSpec[k] !== undefined) lines.push(`+ \t${field}: ${JSON.stringify(sortKeys(newSpec[k]))},`);
  }
  lines.push('  }');
  return lines.join('\n');
}

/** Validation of an update: the new object's own checks, then the fields that may not change. */
export function validateUpdate(newObj: unknown, oldObj: unknown): FieldError[] {
  const nx = o(newObj);
  const ox = o(oldObj);
  const errs: FieldError[] = [];
  const nm = o(nx.metadata);
  const om = o(ox.metadata);
  for (const f of ['name', 'namespace', 'uid', 'creationTimestamp']) {
    if (om[f] !== undefined && nm[f] !== om[f]) errs.push(invalid(`metadata.${f}`, typeof nm[f] === 'string' ? str(s(nm[f])) : null, 'field is immutable'));
  }
  errs.push(...validateCreate(newObj));
  const kind = s(nx.kind);
  const ns = o(nx.spec);
  const os = o(ox.spec);
  if ((kind === 'Deployment' || kind === 'ReplicaSet') && !same(ns.selector, os.selector)) {
    errs.push(invalid('spec.selector', isObj(ns.selector) ? { go: goLabelSelector(ns.selector) } : null, 'field is immutable'));
  }
  if (kind === 'Job' && !same(o(ns.template), o(os.template))) errs.push(invalid('spec.template', { go: 'core.PodTemplateSpec{...}' }, 'field is immutable'));
  if (kind === 'PersistentVolumeClaim') {
    const strip = (x: Obj): Obj => ({ ...x, resources: { ...o(x.resources), requests: undefined }, volumeName: undefined, volumeAttributesClassName: undefined });
    if (!same(strip(ns), strip(os))) errs.push(forbidden('spec', 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims'));
  }
  if (kind === 'Pod') {
    const nc = arr(ns.containers);
    const oc = arr(os.containers);
    if (nc.length !== oc.length) errs.push(forbidden('spec.containers', 'pod updates may not add or remove containers'));
    else {
      const mutable = (spec: Obj, from: Obj): Obj => ({
        ...spec,
        containers: arr(spec.containers).map((c, i) => ({ ...c, image: arr(from.containers)[i]?.image })),
        initContainers: Array.isArray(spec.initContainers) ? arr(spec.initContainers).map((c, i) => ({ ...c, image: arr(from.initContainers)[i]?.image })) : spec.initContainers,
        activeDeadlineSeconds: undefined,
        tolerations: undefined,
        terminationGracePeriodSeconds: undefined,
      });
      const a = mutable(ns, os);
      const b = mutable(os, os);
      if (!same(a, b)) errs.push(forbidden('spec', `${POD_UPDATE_FORBIDDEN}\n${specDiff(b, a)}`));
    }
  }
  return errs;
}

/** The API group of a kind Dockyard validates ("" for core), for the Status' qualified kind. */
export function kindGroup(kind: string): string {
  return KIND_RULES[kind]?.group ?? '';
}
