import { describe, expect, it } from 'vitest';
import type { KubeObject } from './object';
import { printObjects, WatchPrinter } from './print';
import { podStatus } from './server';

const NOW = Date.UTC(2025, 5, 2, 10, 20, 0);
const ago = (s: number) => new Date(NOW - s * 1000).toISOString();

const runningPod = (name: string, ns = 'default', labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns, labels, creationTimestamp: ago(42) },
  spec: { nodeName: 'minikube', containers: [{ name: 'c', image: 'busybox' }] },
  status: { phase: 'Running', podIPs: [{ ip: '10.244.0.5' }], conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'c', ready: true, restartCount: 0, state: { running: { startedAt: ago(40) } } }] },
});
const svc = (name: string, type: string, ports: unknown[], clusterIP: string): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default', creationTimestamp: ago(6) }, spec: { type, clusterIPs: [clusterIP], ports, selector: { app: 'jupyter' } } });
const deploy: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'jupyter', namespace: 'default', creationTimestamp: ago(8) },
  spec: { replicas: 1, selector: { matchLabels: { app: 'jupyter' } }, template: { spec: { containers: [{ name: 'jupyter', image: 'jupyter/tensorflow-notebook' }] } } },
  status: { updatedReplicas: 1 },
};

describe('pod STATUS / READY / RESTARTS', () => {
  it('shows a waiting reason, a crash loop with the last restart, and Terminating', () => {
    const waiting: KubeObject = { kind: 'Pod', spec: { containers: [{ name: 'c' }] }, status: { phase: 'Pending', containerStatuses: [{ name: 'c', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] } };
    expect(podStatus(waiting, NOW)).toEqual({ ready: '0/1', status: 'ContainerCreating', restarts: '0' });
    const crash: KubeObject = { kind: 'Pod', spec: { containers: [{ name: 'c' }] }, status: { phase: 'Running', containerStatuses: [{ name: 'c', ready: false, restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(300) } } }] } };
    expect(podStatus(crash, NOW)).toEqual({ ready: '0/1', status: 'CrashLoopBackOff', restarts: '5 (5m ago)' });
    const deleting = { ...runningPod('x'), metadata: { name: 'x', deletionTimestamp: ago(1) } };
    expect(podStatus(deleting, NOW).status).toBe('Terminating');
    const init: KubeObject = { kind: 'Pod', spec: { initContainers: [{ name: 'i' }], containers: [{ name: 'c' }] }, status: { phase: 'Pending', initContainerStatuses: [{ name: 'i', state: { running: {} } }] } };
    expect(podStatus(init, NOW).status).toBe('Init:0/1');
  });
});

describe('printObjects tables', () => {
  it('prints the pod table and -o wide as kubectl does', () => {
    expect(printObjects([runningPod('myapp-pod')], { now: NOW }).stdout).toBe('NAME        READY   STATUS    RESTARTS   AGE\nmyapp-pod   1/1     Running   0          42s\n');
    expect(printObjects([runningPod('myapp-pod')], { now: NOW, output: 'wide' }).stdout).toBe(
      'NAME        READY   STATUS    RESTARTS   AGE   IP           NODE       NOMINATED NODE   READINESS GATES\nmyapp-pod   1/1     Running   0          42s   10.244.0.5   minikube   <none>           <none>\n',
    );
  });
  it('prints services with node ports and <pending> load balancers', () => {
    const out = printObjects([svc('jupyter-service', 'NodePort', [{ port: 8888, nodePort: 30888, protocol: 'TCP' }], '10.104.203.17'), svc('lb', 'LoadBalancer', [{ port: 80, protocol: 'TCP' }], '10.96.0.20')], { now: NOW }).stdout;
    expect(out).toBe('NAME              TYPE           CLUSTER-IP      EXTERNAL-IP   PORT(S)          AGE\njupyter-service   NodePort       10.104.203.17   <none>        8888:30888/TCP   6s\nlb                LoadBalancer   10.96.0.20      <pending>     80/TCP           6s\n');
  });
  it('separates kinds with a blank line and prefixes names with kind[.group]', () => {
    const out = printObjects([runningPod('web'), deploy], { now: NOW }).stdout;
    expect(out).toBe('NAME      READY   STATUS    RESTARTS   AGE\npod/web   1/1     Running   0          42s\n\nNAME                      READY   UP-TO-DATE   AVAILABLE   AGE\ndeployment.apps/jupyter   0/1     1            0           8s\n');
    expect(printObjects([deploy], { now: NOW, output: 'wide' }).stdout).toContain('CONTAINERS   IMAGES                        SELECTOR\njupyter   0/1     1            0           8s    jupyter      jupyter/tensorflow-notebook   app=jupyter\n');
  });
  it('adds NAMESPACE with -A, label columns with -L and LABELS with --show-labels', () => {
    const out = printObjects([runningPod('a', 'kube-system', { app: 'x', tier: 'web' })], { now: NOW, namespaceColumn: true, labelColumns: ['app'], showLabels: true }).stdout;
    expect(out).toBe('NAMESPACE     NAME   READY   STATUS    RESTARTS   AGE   APP   LABELS\nkube-system   a      1/1     Running   0          42s   x     app=x,tier=web\n');
  });
  it('says No resources found on stderr', () => {
    expect(printObjects([], { now: NOW, namespace: 'default' })).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
    expect(printObjects([], { now: NOW })).toEqual({ stdout: '', stderr: 'No resources found\n', exitCode: 0 });
  });
  it('sorts with --sort-by and reports a path no object has', () => {
    const out = printObjects([runningPod('b'), runningPod('a')], { now: NOW, sortBy: '.metadata.name', noHeaders: true }).stdout;
    expect(out.split('\n').map((l) => l.split(' ')[0])).toEqual(['a', 'b', '']);
    expect(printObjects([runningPod('b'), runningPod('a')], { now: NOW, sortBy: '.metadata.nope' }).stderr).toBe('error: couldn\'t find any field with path "{.metadata.nope}" in the list of objects\n');
  });
  it('shows the default storage class', () => {
    const sc: KubeObject = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'standard', creationTimestamp: ago(24 * 60), annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'k8s.io/minikube-hostpath', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' };
    expect(printObjects([sc], { now: NOW }).stdout).toBe('NAME                 PROVISIONER                RECLAIMPOLICY   VOLUMEBINDINGMODE   ALLOWVOLUMEEXPANSION   AGE\nstandard (default)   k8s.io/minikube-hostpath   Delete          Immediate           false                  24m\n');
  });
  it('prints a bound claim with VOLUMEATTRIBUTESCLASS <unset>', () => {
    const pvc: KubeObject = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'notebooks', namespace: 'default', creationTimestamp: ago(5) }, spec: { volumeName: 'pvc-1', storageClassName: 'standard' }, status: { phase: 'Bound', capacity: { storage: '3Gi' }, accessModes: ['ReadWriteOnce'] } };
    expect(printObjects([pvc], { now: NOW }).stdout).toBe('NAME        STATUS   VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\nnotebooks   Bound    pvc-1    3Gi        RWO            standard       <unset>                 5s\n');
  });
});

describe('printObjects -o formats', () => {
  it('-o name uses kind[.group]/name', () => {
    expect(printObjects([runningPod('web'), deploy], { now: NOW, output: 'name' }).stdout).toBe('pod/web\ndeployment.apps/jupyter\n');
  });
  it('-o json wraps several objects in a List; a single named object prints bare', () => {
    const list = printObjects([], { now: NOW, output: 'json' }).stdout;
    expect(list).toBe('{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n');
    expect(printObjects([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } }], { now: NOW, output: 'yaml', single: true }).stdout).toBe('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: dev\n');
  });
  it('-o jsonpath, go-template and custom-columns see the List', () => {
    const objs = [runningPod('a'), runningPod('b')];
    expect(printObjects(objs, { now: NOW, output: 'jsonpath={.items[*].metadata.name}' }).stdout).toBe('a b');
    expect(printObjects(objs, { now: NOW, output: 'go-template={{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}' }).stdout).toBe('a\nb\n');
    expect(printObjects(objs, { now: NOW, output: 'custom-columns=NAME:.metadata.name,IP:.status.podIPs[0].ip' }).stdout).toBe('NAME   IP\na      10.244.0.5\nb      10.244.0.5\n');
  });
  it('rejects an unknown format and --show-labels with a generic printer', () => {
    expect(printObjects([], { now: NOW, output: 'xml' }).stderr).toBe('error: unable to match a printer suitable for the output format "xml", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n');
    expect(printObjects([], { now: NOW, output: 'json', showLabels: true })).toMatchObject({ exitCode: 1, stderr: 'error: --show-labels option cannot be used with json printer\n' });
  });
});

describe('WatchPrinter', () => {
  it('prints the header once and keeps column widths from earlier rows', () => {
    const w = new WatchPrinter({ now: NOW });
    expect(w.print([runningPod('a')]).stdout).toBe('NAME   READY   STATUS    RESTARTS   AGE\na      1/1     Running   0          42s\n');
    const longer = { ...runningPod('a-much-longer-name') };
    expect(w.print([longer], 'MODIFIED').stdout).toBe('a-much-longer-name   1/1     Running   0          42s\n');
    expect(w.print([runningPod('b')], 'MODIFIED').stdout).toBe('b                    1/1     Running   0          42s\n');
  });
});
