/**
 * kubectl run (a Pod) and kubectl expose (a Service for a Pod, Deployment, ReplicaSet or Service)
 * (k8s.io/kubectl pkg/cmd/run/run.go, expose/expose.go, generate/versioned, v1.33).
 */
import { defineCommand, flag, type CliContext } from '../lib/command';
import { kubectlUsageError } from '../lib/command';
import { StatusError, UsageError } from './client';
import { gvr, guard, isObj, str, type Obj } from './common';
import { createOptionFlags, sendGenerated, type CreateOptionValues } from './generators';
import { mapType } from './resource';

const o = (v: unknown): Obj => (isObj(v) ? v : {});

function parseLabels(s: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const part of s.split(',')) {
    const i = part.indexOf('=');
    if (i <= 0) return `invalid label spec: ${part}`;
    out[part.slice(0, i)] = part.slice(i + 1);
  }
  return out;
}

export function runCommand() {
  return defineCommand({
    use: 'run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...]',
    short: 'Run a particular image on the cluster',
    long: 'Create and run a particular image in a pod.',
    example:
      '  # Start a nginx pod\n  kubectl run nginx --image=nginx\n\n  # Start a hazelcast pod and let the container expose port 5701\n  kubectl run hazelcast --image=hazelcast/hazelcast --port=5701\n\n  # Start a hazelcast pod and set environment variables "DNS_DOMAIN=cluster" and "POD_NAMESPACE=default" in the container\n  kubectl run hazelcast --image=hazelcast/hazelcast --env="DNS_DOMAIN=cluster" --env="POD_NAMESPACE=default"\n\n  # Start a busybox pod and keep it in the foreground, don\'t restart it if it exits\n  kubectl run -i -t busybox --image=busybox --restart=Never\n\n  # Start the nginx pod using the default command, but use custom arguments (arg1 .. argN) for that command\n  kubectl run nginx --image=nginx -- <arg1> <arg2> ... <argN>\n\n  # Start the nginx pod using a different command and custom arguments\n  kubectl run nginx --image=nginx --command -- <cmd> <arg1> ... <argN>',
    flags: {
      ...createOptionFlags(),
      annotations: flag.stringArray('annotations', { usage: 'Annotations to apply to the pod.' }),
      attach: flag.bool('attach', { usage: 'If true, wait for the Pod to start running, and then attach to the Pod as if \'kubectl attach ...\' were called.  Default false, unless \'-i/--stdin\' is set, in which case the default is true. With \'--restart=Never\' the exit code of the container process is returned.' }),
      command: flag.bool('command', { usage: 'If true and extra arguments are present, use them as the \'command\' field in the container, rather than the \'args\' field which is the default.' }),
      env: flag.stringArray('env', { usage: 'Environment variables to set in the container.' }),
      expose: flag.bool('expose', { usage: 'If true, create a ClusterIP service associated with the pod.  Requires `--port`.' }),
      image: flag.string('image', { usage: 'The image for the container to run.' }),
      imagePullPolicy: flag.string('image-pull-policy', { usage: 'The image pull policy for the container.  If left empty, this value will not be specified by the client and defaulted by the server.' }),
      labels: flag.string('labels', { short: 'l', usage: 'Comma separated labels to apply to the pod. Will override previous values.' }),
      overrides: flag.string('overrides', { usage: 'An inline JSON override for the generated object. If this is non-empty, it is used to override the generated object. Requires that the object supply a valid apiVersion field.' }),
      port: flag.string('port', { usage: 'The port that this container exposes.' }),
      privileged: flag.bool('privileged', { usage: 'If true, run the container in privileged mode.' }),
      quiet: flag.bool('quiet', { short: 'q', usage: 'If true, suppress prompt messages.' }),
      restart: flag.string('restart', { usage: "The restart policy for this Pod.  Legal values [Always, OnFailure, Never].", default: 'Always' }),
      rm: flag.bool('rm', { usage: 'If true, delete the pod after it exits.  Only valid when attaching to the container, e.g. with \'--attach\' or with \'-i/--stdin\'.' }),
      stdin: flag.bool('stdin', { short: 'i', usage: 'Keep stdin open on the container in the pod, even if nothing is attached.' }),
      tty: flag.bool('tty', { short: 't', usage: 'Allocate a TTY for the container in the pod.' }),
    },
    run: async (cli, args, f) => {
      const name = args[0];
      if (!name) {
        await cli.err(`error: ${kubectlUsageError(cli.command, 'NAME is required for run')}\n`);
        return 1;
      }
      if (!f.image) {
        await cli.err('error: --image is required\n');
        return 1;
      }
      if (!['Always', 'OnFailure', 'Never'].includes(f.restart)) {
        await cli.err(`error: invalid restart policy: ${f.restart}\n`);
        return 1;
      }
      if (f.stdin || f.tty || f.attach || f.rm) {
        await cli.err(`dockyard: 'kubectl run -i/-t/--attach/--rm' needs the node's kubelet, which is not simulated yet\n`);
        return 1;
      }
      if (f.expose || f.overrides) {
        await cli.err(`dockyard: 'kubectl run ${f.expose ? '--expose' : '--overrides'}' is not simulated here\n`);
        return 1;
      }
      let labels: Record<string, string> = { run: name };
      if (f.labels) {
        const l = parseLabels(f.labels);
        if (typeof l === 'string') {
          await cli.err(`error: ${l}\n`);
          return 1;
        }
        labels = l;
      }
      const container: Obj = { image: f.image, name };
      const rest = args.slice(1);
      if (rest.length) container[f.command ? 'command' : 'args'] = rest;
      if (f.env.length) container.env = f.env.map((e) => ({ name: e.slice(0, e.indexOf('=') < 0 ? e.length : e.indexOf('=')), value: e.includes('=') ? e.slice(e.indexOf('=') + 1) : '' }));
      if (f.imagePullPolicy) container.imagePullPolicy = f.imagePullPolicy;
      if (f.port) {
        if (!/^\d+$/.test(f.port)) {
          await cli.err(`error: strconv.Atoi: parsing "${f.port}": invalid syntax\n`);
          return 1;
        }
        container.ports = [{ containerPort: Number(f.port) }];
      }
      container.resources = {};
      if (f.privileged) container.securityContext = { privileged: true };
      const annotations: Record<string, string> = {};
      for (const a of f.annotations) annotations[a.slice(0, a.indexOf('='))] = a.slice(a.indexOf('=') + 1);
      const meta: Obj = { creationTimestamp: null, labels, name };
      if (Object.keys(annotations).length) meta.annotations = annotations;
      const pod: Obj = { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: f.restart }, status: {} };
      return sendGenerated(cli, pod, 'pods', f as unknown as CreateOptionValues);
    },
  });
}

function selectorOf(obj: Obj): Record<string, string> | string {
  const kind = str(obj.kind);
  const spec = o(obj.spec);
  if (kind === 'Pod') {
    const labels = o(o(obj.metadata).labels);
    if (!Object.keys(labels).length) return 'the pod has no labels and cannot be exposed';
    return labels as Record<string, string>;
  }
  if (kind === 'Service') {
    const sel = o(spec.selector);
    if (!Object.keys(sel).length) return 'the service has no pod selector set';
    return sel as Record<string, string>;
  }
  const sel = o(spec.selector);
  if (Array.isArray(sel.matchExpressions) && sel.matchExpressions.length) return 'couldn\'t convert expressions - "..." to map-based selector format';
  return o(sel.matchLabels) as Record<string, string>;
}

function portsOf(obj: Obj): Obj[] {
  const kind = str(obj.kind);
  if (kind === 'Service') return (Array.isArray(o(obj.spec).ports) ? (o(obj.spec).ports as unknown[]) : []).map(o);
  const podSpec = kind === 'Pod' ? o(obj.spec) : o(o(o(obj.spec).template).spec);
  const out: Obj[] = [];
  for (const c of Array.isArray(podSpec.containers) ? podSpec.containers : []) for (const p of Array.isArray(o(c).ports) ? (o(c).ports as unknown[]) : []) out.push(o(p));
  return out;
}

export function exposeCommand() {
  return defineCommand({
    use: 'expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type]',
    short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
    long: `Expose a resource as a new Kubernetes service.

 Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector for that resource as the selector for a new service on the specified port. A deployment or replica set will be exposed as a service only if its selector is convertible to a selector that service supports, i.e. when the selector contains only the matchLabels component. Note that if no port is specified via --port and the exposed resource has multiple ports, all will be re-used by the new service. Also if no labels are specified, the new service will re-use the labels from the resource it exposes.

 Possible resources include (case insensitive):

 pod (po), service (svc), replicationcontroller (rc), deployment (deploy), replicaset (rs)`,
    example:
      '  # Create a service for a replicated nginx, which serves on port 80 and connects to the containers on port 8000\n  kubectl expose rc nginx --port=80 --target-port=8000\n\n  # Create a service for a pod valid-pod, which serves on port 444 with the name "frontend"\n  kubectl expose pod valid-pod --port=444 --name=frontend\n\n  # Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000\n  kubectl expose deployment nginx --port=80 --target-port=8000',
    flags: {
      ...createOptionFlags(),
      clusterIp: flag.string('cluster-ip', { usage: "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service." }),
      externalIp: flag.string('external-ip', { usage: 'Additional external IP address (not managed by Kubernetes) to accept for the service. If this IP is routed to a node, the service can be accessed by this IP in addition to its generated service IP.' }),
      filename: flag.stringSlice('filename', { short: 'f', usage: 'Filename, directory, or URL to files identifying the resource to expose a service' }),
      labels: flag.string('labels', { short: 'l', usage: 'Labels to apply to the service created by this call.' }),
      name: flag.string('name', { usage: 'The name for the newly created object.' }),
      port: flag.string('port', { usage: 'The port that the service should serve on. Copied from the resource being exposed, if unspecified' }),
      protocol: flag.string('protocol', { usage: 'The network protocol for the service to be created. Default is \'TCP\'.' }),
      selector: flag.string('selector', { usage: 'A label selector to use for this service. Only equality-based selector requirements are supported. If empty (the default) infer the selector from the replication controller or replica set.)' }),
      sessionAffinity: flag.string('session-affinity', { usage: "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'" }),
      targetPort: flag.string('target-port', { usage: 'Name or number for the port on the container that the service should direct traffic to. Optional.' }),
      type: flag.string('type', { usage: "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'." }),
    },
    run: (cli, args, f) => runExpose(cli, args, f as unknown as ExposeValues),
  });
}

type ExposeValues = CreateOptionValues & { clusterIp: string; externalIp: string; filename: string[]; labels: string; name: string; port: string; protocol: string; selector: string; sessionAffinity: string; targetPort: string; type: string };

async function runExpose(cli: CliContext, args: string[], f: ExposeValues): Promise<number> {
  return guard(cli, async (client) => {
    if (args.length === 0 && f.filename.length === 0) {
      throw new UsageError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
    }
    const api = await client.connect();
    let type: string;
    let name: string;
    if (args.length === 1 && args[0]!.includes('/')) [type, name] = [args[0]!.slice(0, args[0]!.indexOf('/')), args[0]!.slice(args[0]!.indexOf('/') + 1)];
    else [type, name] = [args[0] ?? '', args[1] ?? ''];
    const info = mapType(type);
    if (!name) throw new UsageError(kubectlUsageError(cli.command, 'resource(s) were provided, but no name was specified'));
    const g = api.get(gvr(info), info.namespaced ? client.namespace : '', name);
    if (!g.ok) throw new StatusError(g.status);
    const obj = g.value as unknown as Obj;
    if (!['Pod', 'Service', 'Deployment', 'ReplicaSet', 'ReplicationController'].includes(info.kind)) throw new UsageError(`cannot expose a ${info.kind}${info.group ? `.${info.group}` : ''}`);
    let selector: Record<string, string>;
    if (f.selector) {
      const s = parseLabels(f.selector);
      if (typeof s === 'string') throw new UsageError(s);
      selector = s;
    } else {
      const s = selectorOf(obj);
      if (typeof s === 'string') throw new UsageError(`couldn't retrieve selectors via --selector flag or introspection: ${s}`);
      selector = s;
    }
    let ports: Obj[];
    const protocol = f.protocol || 'TCP';
    if (f.port) {
      ports = f.port.split(',').map((p, i, all) => {
        const port = Number(p);
        const entry: Obj = { port, protocol, targetPort: f.targetPort ? (/^\d+$/.test(f.targetPort) ? Number(f.targetPort) : f.targetPort) : port };
        if (all.length > 1) entry.name = `port-${i + 1}`;
        return entry;
      });
    } else {
      const found = portsOf(obj);
      if (!found.length) throw new UsageError("couldn't find port via --port flag or introspection");
      ports = found.map((p, i) => {
        const port = info.kind === 'Service' ? Number(p.port) : Number(p.containerPort);
        const entry: Obj = { port, protocol: str(p.protocol) || protocol, targetPort: f.targetPort ? (/^\d+$/.test(f.targetPort) ? Number(f.targetPort) : f.targetPort) : port };
        if (found.length > 1) entry.name = str(p.name) || `port-${i + 1}`;
        return entry;
      });
    }
    let labels: Record<string, string> | undefined;
    if (f.labels) {
      const l = parseLabels(f.labels);
      if (typeof l === 'string') throw new UsageError(l);
      labels = l;
    } else {
      const l = o(o(obj.metadata).labels) as Record<string, string>;
      if (Object.keys(l).length) labels = l;
    }
    const meta: Obj = { creationTimestamp: null, name: f.name || name };
    if (labels) meta.labels = labels;
    const spec: Obj = { ports, selector };
    if (f.type) spec.type = f.type;
    if (f.clusterIp) spec.clusterIP = f.clusterIp;
    if (f.externalIp) spec.externalIPs = [f.externalIp];
    if (f.sessionAffinity) spec.sessionAffinity = f.sessionAffinity;
    const svc: Obj = { apiVersion: 'v1', kind: 'Service', metadata: meta, spec, status: { loadBalancer: {} } };
    return sendGenerated(cli, svc, 'services', f, 'exposed');
  });
}
