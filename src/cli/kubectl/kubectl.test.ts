import { describe, expect, it } from 'vitest';
import { IdGen } from '../../engine/core/ids';
import { ApiServer, bootstrapCluster, ControlPlaneLoops } from '../../engine/kube/apiserver';
import type { ProgramInfo } from '../../engine/runtime/programs';
import { makeWorld, run, type World } from '../../shell/commands/testing/harness';
import { kubectlMain, kubeSocketName } from './index';

const KUBECONFIG = `apiVersion: v1
clusters:
- cluster:
    certificate-authority: /home/learner/.minikube/ca.crt
    server: https://192.168.49.2:8443
  name: minikube
contexts:
- context:
    cluster: minikube
    namespace: default
    user: minikube
  name: minikube
current-context: minikube
kind: Config
preferences: {}
users:
- name: minikube
  user:
    client-certificate: /home/learner/.minikube/profiles/minikube/client.crt
    client-key: /home/learner/.minikube/profiles/minikube/client.key
`;

const NODE = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'minikube', labels: { 'kubernetes.io/hostname': 'minikube', 'node-role.kubernetes.io/control-plane': '' } },
  status: {
    addresses: [
      { address: '192.168.49.2', type: 'InternalIP' },
      { address: 'minikube', type: 'Hostname' },
    ],
    conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: '2026-01-05T09:00:00Z', lastTransitionTime: '2026-01-05T09:00:00Z' }],
    nodeInfo: { kubeletVersion: 'v1.33.1', osImage: 'Ubuntu 22.04.5 LTS', kernelVersion: '6.1.0-28-amd64', containerRuntimeVersion: 'docker://28.1.1', architecture: 'amd64', operatingSystem: 'linux' },
  },
};

/** A fake $EDITOR: replaces `nginx:1.27` with `nginx:1.28` in the file it is given. */
const sedEditor: ProgramInfo = {
  name: 'fake-editor',
  program: async (ctx) => {
    const path = ctx.argv[1]!;
    ctx.fs.writeFile(path, ctx.fs.readText(path).replace('image: nginx:1.27', 'image: nginx:1.28'));
    return 0;
  },
};
const noopEditor: ProgramInfo = { name: 'noop-editor', program: async () => 0 };

const kubectl: ProgramInfo = { name: 'kubectl', program: kubectlMain };

function cluster(opts: { config?: boolean; socket?: boolean } = {}): { w: World; api: ApiServer } {
  const files: Record<string, string> = {};
  if (opts.config !== false) files['/home/learner/.kube/config'] = KUBECONFIG;
  const w = makeWorld(files, [kubectl, sedEditor, noopEditor]);
  if (opts.config !== false) {
    w.fs.chown('/home/learner/.kube', 1000, 1000);
    w.fs.chown('/home/learner/.kube/config', 1000, 1000);
  }
  const api = new ApiServer({ clock: w.clock, ids: new IdGen({ seed: 3, counters: {} }) });
  bootstrapCluster(api, { advertiseAddress: '192.168.49.2' });
  api.create({ group: '', version: 'v1', resource: 'nodes' }, '', NODE);
  new ControlPlaneLoops(api, w.clock);
  w.clock.settle();
  if (opts.socket !== false) w.kernel.sockets.set(kubeSocketName('192.168.49.2', 8443), { connect: async () => api });
  return { w, api };
}

const k = (w: World, line: string, opts: Parameters<typeof run>[2] = {}) => run(w, ['kubectl', ...splitArgs(line)], opts);

function splitArgs(line: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

const POD_YAML = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - containerPort: 80
`;

describe('connection', () => {
  it('without a kubeconfig talks to localhost:8080 and is refused, after five memcache lines', async () => {
    const { w } = cluster({ config: false });
    const r = await k(w, 'get pods');
    expect(r.status).toBe(1);
    expect(r.out).toBe('');
    const lines = r.err.split('\n');
    expect(lines).toHaveLength(7);
    for (const l of lines.slice(0, 5)) {
      expect(l).toMatch(/^E0105 09:00:00\.\d{6} +\d+ memcache\.go:265\] "Unhandled Error" err="couldn't get current server API group list: Get \\"http:\/\/localhost:8080\/api\?timeout=32s\\": dial tcp 127\.0\.0\.1:8080: connect: connection refused"$/);
    }
    expect(lines[5]).toBe('The connection to the server localhost:8080 was refused - did you specify the right host or port?');
  });

  it('a server nobody serves is unreachable', async () => {
    const { w } = cluster({ socket: false });
    const r = await k(w, 'get pods');
    expect(r.status).toBe(1);
    expect(r.err.endsWith('Unable to connect to the server: dial tcp 192.168.49.2:8443: connect: no route to host\n')).toBe(true);
  });

  it('version prints the client lines, then the server or the error', async () => {
    const { w } = cluster();
    expect((await k(w, 'version')).out).toBe('Client Version: v1.33.1\nKustomize Version: v5.6.0\nServer Version: v1.33.1\n');
    const { w: w2 } = cluster({ config: false });
    const r = await k(w2, 'version');
    expect(r.out).toBe('Client Version: v1.33.1\nKustomize Version: v5.6.0\n');
    expect(r.err).toBe('The connection to the server localhost:8080 was refused - did you specify the right host or port?\n');
    expect(r.status).toBe(1);
    expect((await k(w2, 'version --client')).status).toBe(0);
  });

  it('apply -f without a server fails on downloading the openapi document', async () => {
    const { w } = cluster({ config: false });
    w.fs.writeFile('/home/learner/pod.yaml', POD_YAML);
    const r = await k(w, 'apply -f pod.yaml');
    expect(r.err).toBe(
      'error: error validating "pod.yaml": error validating data: failed to download openapi: Get "http://localhost:8080/openapi/v2?timeout=32s": dial tcp 127.0.0.1:8080: connect: connection refused; if you choose to ignore these errors, turn validation off with --validate=false\n',
    );
  });
});

describe('get', () => {
  it('says no resources found, and names missing pods and unknown types', async () => {
    const { w } = cluster();
    const r = await k(w, 'get pods');
    expect(r).toMatchObject({ out: '', err: 'No resources found in default namespace.\n', status: 0 });
    expect(await k(w, 'get pod x')).toMatchObject({ err: 'Error from server (NotFound): pods "x" not found\n', status: 1 });
    expect(await k(w, 'get podz')).toMatchObject({ err: 'error: the server doesn\'t have a resource type "podz"\n', status: 1 });
    expect(await k(w, 'get pod x --ignore-not-found')).toMatchObject({ err: '', status: 0 });
  });

  it('asks for a resource type', async () => {
    const { w } = cluster();
    const r = await k(w, 'get');
    expect(r.status).toBe(1);
    expect(r.err).toBe(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
    );
  });

  it('rejects an unknown flag the cobra way', async () => {
    const { w } = cluster();
    expect(await k(w, 'get pods --foo')).toMatchObject({ err: "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n", status: 1 });
  });

  it('lists the cluster: nodes, services in all namespaces, several types', async () => {
    const { w } = cluster();
    expect((await k(w, 'get nodes')).out).toBe('NAME       STATUS   ROLES           AGE   VERSION\nminikube   Ready    control-plane   0s    v1.33.1\n');
    expect((await k(w, 'get svc')).out).toBe('NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nkubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   0s\n');
    expect((await k(w, 'get ns -o name')).out).toBe('namespace/default\nnamespace/kube-node-lease\nnamespace/kube-public\nnamespace/kube-system\n');
    const all = await k(w, 'get all');
    expect(all.out).toBe('NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nservice/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   0s\n');
    const two = await k(w, 'get svc/kubernetes ns/default');
    expect(two.out).toContain('service/kubernetes');
    expect(two.out).toContain('\n\nNAME              STATUS   AGE\nnamespace/default   Active   0s\n'.replace('NAME              STATUS', 'NAME                STATUS'));
  });

  it('refuses to mix type/name with a separate type', async () => {
    const { w } = cluster();
    const r = await k(w, 'get pods pod/web');
    expect(r.err).toMatch(/^error: there is no need to specify a resource type as a separate argument/);
  });

  it('watches: the list, then each change until interrupted', async () => {
    const { w, api } = cluster();
    w.clock.schedule(2000, () => void api.create({ group: '', version: 'v1', resource: 'configmaps' }, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late' } }));
    w.clock.schedule(5000, () => {
      for (const p of w.kernel.processes.values()) if (p.argv[0] === 'kubectl') w.kernel.kill(p.pid, 'SIGINT');
    });
    const r = await k(w, 'get cm -w');
    expect(r.out).toBe('NAME               DATA   AGE\nkube-root-ca.crt   1      0s\nlate               0      0s\n');
    expect(r.status).toBe(130);
  });
});

describe('run, create, apply, delete', () => {
  it('runs a pod, lists it, deletes it and waits until it is gone', async () => {
    const { w } = cluster();
    expect(await k(w, 'run web --image=nginx')).toMatchObject({ out: 'pod/web created\n', status: 0 });
    const g = await k(w, 'get pods');
    expect(g.out).toBe('NAME   READY   STATUS    RESTARTS   AGE\nweb    0/1     Pending   0          0s\n');
    const y = await k(w, 'get pod web -o jsonpath={.metadata.labels.run}');
    expect(y.out).toBe('web');
    expect(await k(w, 'delete pod web')).toMatchObject({ out: 'pod "web" deleted\n', status: 0 });
    expect((await k(w, 'get pod web')).status).toBe(1);
  });

  it('create -f twice: created, then AlreadyExists with the file named', async () => {
    const { w } = cluster();
    w.fs.writeFile('/home/learner/pod.yaml', POD_YAML);
    expect(await k(w, 'create -f pod.yaml')).toMatchObject({ out: 'pod/web created\n', status: 0 });
    expect(await k(w, 'create -f pod.yaml')).toMatchObject({ out: '', err: 'Error from server (AlreadyExists): error when creating "pod.yaml": pods "web" already exists\n', status: 1 });
  });

  it('apply: created with the last-applied annotation, unchanged, configured', async () => {
    const { w, api } = cluster();
    w.fs.writeFile('/home/learner/pod.yaml', POD_YAML);
    expect((await k(w, 'apply -f pod.yaml')).out).toBe('pod/web created\n');
    const pod = api.get({ group: '', version: 'v1', resource: 'pods' }, 'default', 'web');
    expect(pod.ok && pod.value.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBe(
      '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"labels":{"app":"web"},"name":"web","namespace":"default"},"spec":{"containers":[{"image":"nginx:1.27","name":"web","ports":[{"containerPort":80}]}]}}\n',
    );
    expect((await k(w, 'apply -f pod.yaml')).out).toBe('pod/web unchanged\n');
    w.fs.writeFile('/home/learner/pod.yaml', POD_YAML.replace('app: web', 'app: web\n    tier: front'));
    expect((await k(w, 'apply -f pod.yaml')).out).toBe('pod/web configured\n');
    w.fs.writeFile('/home/learner/pod.yaml', POD_YAML);
    expect((await k(w, 'apply -f pod.yaml')).out).toBe('pod/web configured\n');
    const after = api.get({ group: '', version: 'v1', resource: 'pods' }, 'default', 'web');
    expect(after.ok && after.value.metadata.labels).toEqual({ app: 'web' });
  });

  it('apply to an object made by create warns about the missing annotation', async () => {
    const { w } = cluster();
    w.fs.writeFile('/home/learner/pod.yaml', POD_YAML);
    await k(w, 'create -f pod.yaml');
    const r = await k(w, 'apply -f pod.yaml');
    expect(r.out).toBe('pod/web configured\n');
    expect(r.err).toBe(
      'Warning: resource pods/web is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n',
    );
  });

  it('applies a multi-document file and a folder; reports YAML and validation errors', async () => {
    const { w } = cluster();
    w.fs.mkdir('/home/learner/k8s', { recursive: true });
    w.fs.writeFile('/home/learner/k8s/all.yaml', `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: "1"\n`);
    expect((await k(w, 'apply -f k8s')).out).toBe('namespace/shop created\nconfigmap/cfg created\n');
    w.fs.writeFile('/home/learner/bad.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   labels: a\n');
    const bad = await k(w, 'apply -f bad.yaml');
    expect(bad.status).toBe(1);
    expect(bad.err).toMatch(/^error: error parsing bad\.yaml: error converting YAML to JSON: yaml: line \d+: /);
    w.fs.writeFile('/home/learner/nokind.yaml', 'apiVersion: v1\nmetadata:\n  name: x\n');
    expect((await k(w, 'apply -f nokind.yaml')).err).toBe('error: error validating "nokind.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n');
    w.fs.writeFile('/home/learner/invalid.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: c\n');
    expect((await k(w, 'apply -f invalid.yaml')).err).toBe('The Pod "x" is invalid: spec.containers[0].image: Required value\n');
    expect((await k(w, 'apply -f missing.yaml')).err).toBe('error: the path "missing.yaml" does not exist\n');
    expect((await k(w, 'apply')).err).toBe('error: must specify one of -f and -k\n');
  });

  it('delete needs resources, and deletes by label', async () => {
    const { w } = cluster();
    expect((await k(w, 'delete')).err).toBe("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n");
    expect((await k(w, 'delete pods')).err).toBe('error: resource(s) were provided, but no name was specified\n');
    await k(w, 'run a --image=nginx --labels=app=x');
    await k(w, 'run b --image=nginx --labels=app=x');
    expect((await k(w, 'delete pods -l app=x')).out).toBe('pod "a" deleted\npod "b" deleted\n');
    expect((await k(w, 'delete pods -l app=x')).out).toBe('No resources found\n');
    expect(await k(w, 'delete pod nope')).toMatchObject({ err: 'Error from server (NotFound): pods "nope" not found\n', status: 1 });
  });
});

describe('generators', () => {
  it('create deployment --dry-run=client -o yaml prints what kubectl would send', async () => {
    const { w } = cluster();
    const r = await k(w, 'create deployment web --image=nginx:1.27 --dry-run=client -o yaml');
    expect(r.out).toBe(`apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx:1.27
        name: nginx
        resources: {}
status: {}
`);
  });

  it('creates a deployment, scales it, exposes it, sets its image', async () => {
    const { w, api } = cluster();
    expect((await k(w, 'create deployment web --image=nginx:1.27 --port=80')).out).toBe('deployment.apps/web created\n');
    expect((await k(w, 'scale deployment web --replicas=3')).out).toBe('deployment.apps/web scaled\n');
    const d = api.get({ group: 'apps', version: 'v1', resource: 'deployments' }, 'default', 'web');
    expect(d.ok && (d.value.spec as { replicas: number }).replicas).toBe(3);
    expect((await k(w, 'expose deployment web --type=NodePort')).out).toBe('service/web exposed\n');
    const svc = api.get({ group: '', version: 'v1', resource: 'services' }, 'default', 'web');
    expect(svc.ok && (svc.value.spec as { selector: unknown; type: string; ports: { port: number; targetPort: number }[] })).toMatchObject({ selector: { app: 'web' }, type: 'NodePort', ports: [{ port: 80, targetPort: 80 }] });
    expect((await k(w, 'set image deployment/web nginx=nginx:1.28')).out).toBe('deployment.apps/web image updated\n');
    expect((await k(w, 'set image deployment/web nope=x')).err).toBe('error: unable to find container named "nope"\n');
    expect((await k(w, 'create namespace shop')).out).toBe('namespace/shop created\n');
    expect((await k(w, 'create configmap cfg --from-literal=a=1 -n shop')).out).toBe('configmap/cfg created\n');
    expect((await k(w, 'create service nodeport np --tcp=80:8080')).out).toBe('service/np created\n');
    expect((await k(w, 'create deployment x')).err).toBe('error: required flag(s) "image" not set\n');
  });

  it('run needs an image', async () => {
    const { w } = cluster();
    expect((await k(w, 'run web')).err).toBe('error: --image is required\n');
    expect((await k(w, 'run')).err).toBe("error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n");
    expect((await k(w, 'create')).err).toBe('error: must specify one of -f and -k\n');
  });
});

describe('label, annotate', () => {
  it('labels, refuses to overwrite without --overwrite, removes', async () => {
    const { w } = cluster();
    await k(w, 'run web --image=nginx');
    expect((await k(w, 'label pod web tier=front')).out).toBe('pod/web labeled\n');
    expect((await k(w, 'label pod web tier=back')).err).toBe("error: 'tier' already has a value (front), and --overwrite is false\n");
    expect((await k(w, 'label pod web tier=back --overwrite')).out).toBe('pod/web labeled\n');
    expect((await k(w, 'label pod web tier-')).out).toBe('pod/web unlabeled\n');
    expect((await k(w, 'annotate pod web note=hi')).out).toBe('pod/web annotated\n');
    expect((await k(w, 'get pod web --show-labels')).out).toContain('run=web');
  });
});

describe('describe', () => {
  it('describes a namespace as kubectl does', async () => {
    const { w } = cluster();
    const r = await k(w, 'describe ns default');
    expect(r.out).toBe('Name:         default\nLabels:       kubernetes.io/metadata.name=default\nAnnotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n');
  });

  it('describes a pod with its containers, volumes, tolerations and events', async () => {
    const { w } = cluster();
    w.fs.writeFile('/home/learner/pod.yaml', POD_YAML);
    await k(w, 'apply -f pod.yaml');
    const r = await k(w, 'describe pod web');
    expect(r.status).toBe(0);
    const lines = r.out.split('\n');
    expect(lines.slice(0, 8)).toEqual(['Name:             web', 'Namespace:        default', 'Priority:         0', 'Service Account:  default', 'Node:             <none>', 'Labels:           app=web', 'Annotations:      <none>', 'Status:           Pending']);
    expect(r.out).toContain('Containers:\n  web:\n    Image:        nginx:1.27\n    Port:         80/TCP\n    Host Port:    0/TCP\n    Environment:  <none>\n    Mounts:\n      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-');
    expect(r.out).toContain('Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n');
    expect(r.out.endsWith('Events:                      <none>\n')).toBe(true);
  });

  it('describes a node, a service, and says when nothing matches', async () => {
    const { w } = cluster();
    const n = await k(w, 'describe node minikube');
    expect(n.out).toMatch(/^Name: {15}minikube\nRoles: {14}control-plane\n/);
    const s = await k(w, 'describe svc kubernetes');
    expect(s.out).toContain('Type:                     ClusterIP\n');
    expect(s.out).toContain('Port:                     https  443/TCP\nTargetPort:               8443/TCP\n');
    expect((await k(w, 'describe pods')).err).toBe('No resources found in default namespace.\n');
    expect((await k(w, 'describe pod nope')).err).toBe('Error from server (NotFound): pods "nope" not found\n');
  });
});

describe('edit', () => {
  it('applies what the editor saved, or cancels when nothing changed', async () => {
    const { w, api } = cluster();
    await k(w, 'create deployment web --image=nginx:1.27');
    const r = await k(w, 'edit deployment web', { env: { EDITOR: 'fake-editor' } });
    expect(r).toMatchObject({ out: 'deployment.apps/web edited\n', status: 0 });
    const d = api.get({ group: 'apps', version: 'v1', resource: 'deployments' }, 'default', 'web');
    expect(d.ok && JSON.stringify(d.value.spec)).toContain('nginx:1.28');
    expect(await k(w, 'edit deploy/web', { env: { EDITOR: 'noop-editor' } })).toMatchObject({ err: 'Edit cancelled, no changes made.\n', status: 0 });
    expect((await k(w, 'edit deploy/web', { env: { EDITOR: 'no-such-editor' } })).err).toBe('error: there was a problem with the editor "no-such-editor"\n');
  });
});

describe('info commands', () => {
  it('config view, current-context, get-contexts, use-context', async () => {
    const { w } = cluster();
    expect((await k(w, 'config current-context')).out).toBe('minikube\n');
    expect((await k(w, 'config get-contexts')).out).toBe('CURRENT   NAME       CLUSTER    AUTHINFO   NAMESPACE\n*         minikube   minikube   minikube   default\n');
    expect((await k(w, 'config use-context nope')).err).toBe('error: no context exists with the name: "nope"\n');
    expect((await k(w, 'config use-context minikube')).out).toBe('Switched to context "minikube".\n');
    expect((await k(w, 'config view')).out).toContain('server: https://192.168.49.2:8443\n');
  });

  it('api-resources lists core resources first', async () => {
    const { w } = cluster();
    const r = await k(w, 'api-resources');
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^NAME +SHORTNAMES +APIVERSION +NAMESPACED +KIND$/);
    expect(lines[1]).toMatch(/^configmaps +cm +v1 +true +ConfigMap$/);
    expect(r.out).toMatch(/\ndeployments +deploy +apps\/v1 +true +Deployment\n/);
  });

  it('explain shows the kind, the description and the fields', async () => {
    const { w } = cluster();
    const r = await k(w, 'explain pods');
    expect(r.out.startsWith('KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n    Pod is a collection of containers that can run on a host. This resource is\n    created by clients and scheduled onto hosts.\n    \nFIELDS:\n  apiVersion\t<string>\n')).toBe(true);
    const f = await k(w, 'explain deploy.spec.replicas');
    expect(f.out.startsWith('GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: replicas <integer>\n\n\nDESCRIPTION:\n')).toBe(true);
    expect((await k(w, 'explain pods.spec.nope')).err).toBe('error: field "nope" does not exist\n');
  });

  it('cluster-info names the control plane', async () => {
    const { w } = cluster();
    expect((await k(w, 'cluster-info')).out).toBe("Kubernetes control plane is running at https://192.168.49.2:8443\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
  });

  it('logs and exec find the pod but say the kubelet is not simulated', async () => {
    const { w } = cluster();
    expect((await k(w, 'logs nope')).err).toBe('Error from server (NotFound): pods "nope" not found\n');
    await k(w, 'run web --image=nginx');
    const r = await k(w, 'logs web');
    expect(r).toMatchObject({ status: 1, err: "dockyard: 'kubectl logs' needs the node's kubelet, which is not simulated yet\n" });
  });

  it('rollout status of a deployment no controller has seen waits for the spec to be observed', async () => {
    const { w } = cluster();
    await k(w, 'create deployment web --image=nginx');
    const r = await k(w, 'rollout status deployment/web --timeout=3s');
    expect(r.out).toBe('Waiting for deployment spec update to be observed...\n');
    expect(r.err).toBe('error: timed out waiting for the condition\n');
  });
});

const DEPLOY_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: jupyter
spec:
  replicas: 1
  selector:
    matchLabels:
      app: jupyter
  template:
    metadata:
      labels:
        app: jupyter
    spec:
      containers:
      - name: jupyter
        image: jupyter/tensorflow-notebook
        ports:
        - containerPort: 8888
        volumeMounts:
        - name: notebooks
          mountPath: /home/jovyan
      volumes:
      - name: notebooks
        persistentVolumeClaim:
          claimName: notebooks
---
apiVersion: v1
kind: Service
metadata:
  name: jupyter-service
spec:
  type: NodePort
  selector:
    app: jupyter
  ports:
  - port: 8888
    targetPort: 8888
    nodePort: 30888
`;

describe('apply of the book appendix manifests', () => {
  it('is unchanged when applied twice despite server defaults, configured after an edit', async () => {
    const { w, api } = cluster();
    w.fs.writeFile('/home/learner/jupyter.yaml', DEPLOY_YAML);
    expect((await k(w, 'apply -f jupyter.yaml')).out).toBe('deployment.apps/jupyter created\nservice/jupyter-service created\n');
    expect((await k(w, 'apply -f jupyter.yaml')).out).toBe('deployment.apps/jupyter unchanged\nservice/jupyter-service unchanged\n');
    w.fs.writeFile('/home/learner/jupyter.yaml', DEPLOY_YAML.replace('replicas: 1', 'replicas: 2'));
    expect((await k(w, 'apply -f jupyter.yaml')).out).toBe('deployment.apps/jupyter configured\nservice/jupyter-service unchanged\n');
    const d = api.get({ group: 'apps', version: 'v1', resource: 'deployments' }, 'default', 'jupyter');
    expect(d.ok && (d.value.spec as { replicas: number }).replicas).toBe(2);
    expect((await k(w, 'get svc jupyter-service -o jsonpath={.spec.ports[0].nodePort}')).out).toBe('30888');
    const desc = await k(w, 'describe deployment jupyter');
    expect(desc.out).toContain('Replicas:               2 desired | 0 updated | 0 total | 0 available | 0 unavailable\n');
    expect(desc.out).toContain('    Mounts:\n      /home/jovyan from notebooks (rw)\n');
    expect(desc.out).toContain(
      '   notebooks:\n    Type:          PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:     notebooks\n    ReadOnly:      false\n  Node-Selectors:  <none>\n  Tolerations:     <none>\nEvents:            <none>\n',
    );
    expect((await k(w, 'rollout history deployment/jupyter')).out).toBe('deployment.apps/jupyter\nNo rollout history found.\n');
    expect((await k(w, 'rollout restart deployment/jupyter')).out).toBe('deployment.apps/jupyter restarted\n');
    expect((await k(w, 'rollout pause deployment/jupyter')).out).toBe('deployment.apps/jupyter paused\n');
    expect((await k(w, 'rollout pause deployment/jupyter')).out).toBe('deployment.apps/jupyter already paused\n');
    expect((await k(w, 'delete -f jupyter.yaml')).out).toBe('deployment.apps "jupyter" deleted\nservice "jupyter-service" deleted\n');
  });

  it('wait --for=delete returns once the object is gone', async () => {
    const { w, api } = cluster();
    await k(w, 'create configmap c');
    w.clock.schedule(3000, () => void api.delete({ group: '', version: 'v1', resource: 'configmaps' }, 'default', 'c'));
    expect((await k(w, 'wait --for=delete configmap/c --timeout=10s')).out).toBe('configmap/c condition met\n');
  });
});

describe('completion', () => {
  it('completes commands and resource types', async () => {
    const { kubectlComplete } = await import('./index');
    expect(kubectlComplete(['ge'])).toContain('get');
    const types = kubectlComplete(['get', '']) ?? [];
    expect(types).toContain('pods');
    expect(types).toContain('deployments');
  });
});

describe('selectors and namespaces', () => {
  it('-A adds the namespace column; -l and --field-selector filter; -n scopes', async () => {
    const { w } = cluster();
    await k(w, 'run a --image=nginx --labels=app=x');
    await k(w, 'create namespace shop');
    const early = await k(w, 'run b --image=nginx -n shop');
    expect(early.err).toBe('Error from server (Forbidden): pods "b" is forbidden: error looking up service account shop/default: serviceaccount "default" not found\n');
    w.clock.settle();
    expect((await k(w, 'run b --image=nginx -n shop')).out).toBe('pod/b created\n');
    const all = await k(w, 'get pods -A');
    expect(all.out).toBe('NAMESPACE   NAME   READY   STATUS    RESTARTS   AGE\ndefault     a      0/1     Pending   0          0s\nshop        b      0/1     Pending   0          0s\n');
    expect((await k(w, 'get pods -l app=x -o name')).out).toBe('pod/a\n');
    expect((await k(w, 'get pods -A --field-selector metadata.namespace=shop -o name')).out).toBe('pod/b\n');
    expect((await k(w, 'get pods -n shop -o name')).out).toBe('pod/b\n');
    expect((await k(w, 'get pods -n nowhere')).err).toBe('No resources found in nowhere namespace.\n');
    expect((await k(w, 'get pods -A -l app=none')).err).toBe('No resources found\n');
  });

  it('describes a claim', async () => {
    const { w } = cluster();
    w.fs.writeFile('/home/learner/pvc.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: notebooks\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 3Gi\n');
    expect((await k(w, 'apply -f pvc.yaml')).out).toBe('persistentvolumeclaim/notebooks created\n');
    const d = await k(w, 'describe pvc notebooks');
    expect(d.out).toMatch(/^Name: {10}notebooks\nNamespace: {5}default\nStorageClass: {2}\nStatus: {8}Pending\nVolume: {8}\nLabels: {8}<none>\nAnnotations: {3}<none>\nFinalizers: {4}\[kubernetes.io\/pvc-protection\]\nCapacity: {6}\nAccess Modes: {2}\nVolumeMode: {4}Filesystem\nUsed By: {7}<none>\nEvents: {8}<none>\n$/);
  });
});
