/**
 * `kubectl create <kind>` generators (k8s.io/kubectl pkg/cmd/create/create_{deployment,namespace,
 * service,configmap,secret}.go, v1.33): the object kubectl builds, sent as create does it
 * (`--dry-run=client -o yaml` prints it, `status: {}` and empty `resources: {}` included).
 */
import { resolveResourceName, type ResourceInfo } from '../../engine/kube/apiserver';
import { defineCommand, exact, flag, min, type CliContext } from '../lib/command';
import { resolvePath } from '../../engine/fs/path';
import { KubectlError, StatusError, UsageError } from './client';
import { dryRunFlag, dryRunOf, dryRunSuffix, gvr, guard, printFlagDefs, printMutation, type Obj } from './common';
import { withLastApplied } from './lastapplied';

export const createOptionFlags = () => ({
  ...printFlagDefs(),
  dryRun: dryRunFlag(),
  fieldManager: flag.string('field-manager', { usage: 'Name of the manager used to track field ownership.', default: 'kubectl-create' }),
  saveConfig: flag.bool('save-config', { usage: "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future." }),
  validate: flag.string('validate', { usage: 'Must be one of: strict (or true), warn, ignore (or false).', default: 'strict', noOptDefVal: 'strict' }),
});

export interface CreateOptionValues {
  output: string;
  template: string;
  allowMissingTemplateKeys: boolean;
  dryRun: string;
  saveConfig: boolean;
}

const info = (name: string): ResourceInfo => resolveResourceName(name)!;

/** Sends a generated object (or prints it for --dry-run=client) with `verb` on the success line. */
export async function sendGenerated(cli: CliContext, obj: Obj, resource: string, f: CreateOptionValues, verb = 'created'): Promise<number> {
  return guard(cli, async (client) => {
    const ri = info(resource);
    const dry = dryRunOf(f.dryRun);
    let body = obj;
    if (ri.namespaced) (body.metadata as Obj).namespace = client.namespace;
    if (f.saveConfig) body = withLastApplied(body);
    if (dry === 'client') {
      if (ri.namespaced && !client.config.namespaceFromFlag) delete (body.metadata as Obj).namespace;
      const p = printMutation(cli, body as never, ri, `${verb}${dryRunSuffix(dry)}`, f);
      await cli.out(p.stdout);
      if (!p.ok) throw new KubectlError(p.stderr);
      return 0;
    }
    const api = await client.connect();
    const r = api.create(gvr(ri), ri.namespaced ? client.namespace : '', body, { dryRun: dry === 'server', fieldManager: 'kubectl-create', fieldValidation: 'Strict' });
    if (!r.ok) throw new StatusError(r.status);
    if (r.warnings?.length) await cli.err(r.warnings.map((w) => `Warning: ${w}\n`).join(''));
    const p = printMutation(cli, r.value, ri, `${verb}${dryRunSuffix(dry)}`, f);
    await cli.out(p.stdout);
    if (!p.ok) throw new KubectlError(p.stderr);
    return 0;
  });
}

/** The container name kubectl derives from an image (create deployment). */
export function containerNameOf(image: string): string {
  let name = image.split('/').pop() ?? image;
  if (name.includes(':')) name = name.split(':')[0]!;
  if (name.includes('@')) name = name.split('@')[0]!;
  return name.toLowerCase().replace(/[^a-z0-9-]/g, '-');
}

function deploymentCommand() {
  return defineCommand({
    use: 'deployment NAME --image=image -- [COMMAND] [args...]',
    aliases: ['deploy'],
    short: 'Create a deployment with the specified name',
    long: 'Create a deployment with the specified name.',
    example:
      '  # Create a deployment named my-dep that runs the busybox image\n  kubectl create deployment my-dep --image=busybox\n\n  # Create a deployment with a command\n  kubectl create deployment my-dep --image=busybox -- date\n\n  # Create a deployment named my-dep that runs the nginx image with 3 replicas\n  kubectl create deployment my-dep --image=nginx --replicas=3\n\n  # Create a deployment named my-dep that runs the busybox image and expose port 5701\n  kubectl create deployment my-dep --image=busybox --port=5701',
    args: min(1),
    flags: {
      ...createOptionFlags(),
      image: flag.stringSlice('image', { usage: 'Image names to run. A deployment can have multiple images set for multi-container pod.', required: true }),
      port: flag.int('port', { usage: 'The containerPort that this deployment exposes.', default: -1 }),
      replicas: flag.int('replicas', { short: 'r', usage: 'Number of replicas to create. Default is 1.', default: 1 }),
    },
    run: async (cli, args, f) => {
      const name = args[0]!;
      const command = args.slice(1);
      if (command.length > 0 && f.image.length > 1) {
        await cli.err(`error: cannot specify multiple --image options and command\n`);
        return 1;
      }
      const labels = { app: name };
      const containers = f.image.map((image) => {
        const c: Obj = { image, name: containerNameOf(image), resources: {} };
        if (command.length) c.command = command;
        if (f.port >= 0) c.ports = [{ containerPort: f.port }];
        return c;
      });
      const obj: Obj = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { creationTimestamp: null, labels, name },
        spec: { replicas: f.replicas, selector: { matchLabels: labels }, strategy: {}, template: { metadata: { creationTimestamp: null, labels }, spec: { containers } } },
        status: {},
      };
      return sendGenerated(cli, obj, 'deployments', f);
    },
  });
}

function namespaceCommand() {
  return defineCommand({
    use: 'namespace NAME [--dry-run=server|client|none]',
    aliases: ['ns'],
    short: 'Create a namespace with the specified name',
    long: 'Create a namespace with the specified name.',
    example: '  # Create a new namespace named my-namespace\n  kubectl create namespace my-namespace',
    args: exact(1),
    flags: createOptionFlags(),
    run: (cli, args, f) => sendGenerated(cli, { apiVersion: 'v1', kind: 'Namespace', metadata: { creationTimestamp: null, name: args[0]! }, spec: {}, status: {} }, 'namespaces', f),
  });
}

function parsePorts(tcp: readonly string[]): { ok: true; ports: Obj[] } | { ok: false; error: string } {
  const ports: Obj[] = [];
  for (const t of tcp) {
    const [p, target] = t.split(':');
    const port = Number(p);
    if (!/^\d+$/.test(p ?? '')) return { ok: false, error: `strconv.Atoi: parsing ${JSON.stringify(p ?? '')}: invalid syntax` };
    const targetPort = target === undefined ? port : /^\d+$/.test(target) ? Number(target) : target;
    ports.push({ name: `${p}-${target ?? p}`, port, protocol: 'TCP', targetPort });
  }
  return { ok: true, ports };
}

function serviceCommand(type: 'ClusterIP' | 'NodePort' | 'LoadBalancer') {
  const sub = type.toLowerCase();
  return defineCommand({
    use: `${sub} NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none]`,
    short: `Create a ${type} service`,
    long: `Create a ${type} service with the specified name.`,
    args: exact(1),
    flags: {
      ...createOptionFlags(),
      tcp: flag.stringSlice('tcp', { usage: 'Port pairs can be specified as \'<port>:<targetPort>\'.' }),
      ...(type === 'NodePort' ? { nodePort: flag.int('node-port', { usage: 'Port used to expose the service on each node in a cluster.' }) } : {}),
      ...(type === 'ClusterIP' ? { clusterip: flag.string('clusterip', { usage: 'Assign your own ClusterIP or set to \'None\' for a \'headless\' service (no loadbalancing).' }) } : {}),
    },
    run: async (cli, args, f) => {
      const name = args[0]!;
      const fv = f as typeof f & { nodePort?: number; clusterip?: string };
      if (fv.tcp.length === 0 && fv.clusterip !== 'None') {
        await cli.err(`error: at least one tcp port specifier must be provided\n`);
        return 1;
      }
      const pp = parsePorts(fv.tcp);
      if (!pp.ok) {
        await cli.err(`error: ${pp.error}\n`);
        return 1;
      }
      if (fv.nodePort) for (const p of pp.ports) p.nodePort = fv.nodePort;
      const spec: Obj = { ports: pp.ports, selector: { app: name }, type };
      if (fv.clusterip) spec.clusterIP = fv.clusterip;
      const obj: Obj = { apiVersion: 'v1', kind: 'Service', metadata: { creationTimestamp: null, labels: { app: name }, name }, spec, status: { loadBalancer: {} } };
      return sendGenerated(cli, obj, 'services', f);
    },
  });
}

function fromSources(cli: CliContext, literals: readonly string[], files: readonly string[]): Record<string, string> {
  const data: Record<string, string> = {};
  for (const l of literals) {
    const i = l.indexOf('=');
    if (i <= 0) throw new UsageError(`invalid literal source ${l}, expected key=value`);
    const k = l.slice(0, i);
    if (k in data) throw new UsageError(`cannot add key ${k}, another key by that name already exists in Data for ConfigMap ""`);
    data[k] = l.slice(i + 1);
  }
  for (const f of files) {
    const i = f.indexOf('=');
    const key = i > 0 ? f.slice(0, i) : (f.split('/').pop() ?? f);
    const path = i > 0 ? f.slice(i + 1) : f;
    try {
      data[key] = cli.proc.fs.readText(resolvePath(cli.proc.cwd, path));
    } catch {
      throw new UsageError(`error reading ${path}: no such file or directory`);
    }
  }
  return data;
}

function configMapCommand() {
  return defineCommand({
    use: 'configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none]',
    aliases: ['cm'],
    short: 'Create a config map from a local file, directory or literal value',
    long: 'Create a config map based on a file, directory, or specified literal value.',
    args: exact(1),
    flags: {
      ...createOptionFlags(),
      fromLiteral: flag.stringArray('from-literal', { usage: 'Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)' }),
      fromFile: flag.stringSlice('from-file', { usage: 'Key file can be specified using its file path, in which case file basename will be used as configmap key, or optionally with a key and file path, in which case the given key will be used.  Specifying a directory will iterate each named file in the directory whose basename is a valid configmap key.' }),
    },
    run: async (cli, args, f) => {
      let data: Record<string, string>;
      try {
        data = fromSources(cli, f.fromLiteral, f.fromFile);
      } catch (e) {
        await cli.err(`error: ${(e as Error).message}\n`);
        return 1;
      }
      const obj: Obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { creationTimestamp: null, name: args[0]! } };
      if (Object.keys(data).length) obj.data = data;
      return sendGenerated(cli, obj, 'configmaps', f);
    },
  });
}

function secretGenericCommand() {
  return defineCommand({
    use: 'generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none]',
    short: 'Create a secret from a local file, directory, or literal value',
    long: 'Create a secret based on a file, directory, or specified literal value.',
    args: exact(1),
    flags: {
      ...createOptionFlags(),
      fromLiteral: flag.stringArray('from-literal', { usage: 'Specify a key and literal value to insert in secret (i.e. mykey=somevalue)' }),
      fromFile: flag.stringSlice('from-file', { usage: 'Key files can be specified using their file path, in which case a default name will be given to them, or optionally with a name and file path, in which case the given name will be used.  Specifying a directory will iterate each named file in the directory that is a valid secret key.' }),
      type: flag.string('type', { usage: 'The type of secret to create' }),
    },
    run: async (cli, args, f) => {
      let data: Record<string, string>;
      try {
        data = fromSources(cli, f.fromLiteral, f.fromFile);
      } catch (e) {
        await cli.err(`error: ${(e as Error).message}\n`);
        return 1;
      }
      const enc: Record<string, string> = {};
      for (const [k, v] of Object.entries(data)) enc[k] = btoa(String.fromCharCode(...new TextEncoder().encode(v)));
      const obj: Obj = { apiVersion: 'v1', kind: 'Secret', metadata: { creationTimestamp: null, name: args[0]! } };
      if (Object.keys(enc).length) obj.data = enc;
      if (f.type) obj.type = f.type;
      return sendGenerated(cli, obj, 'secrets', f);
    },
  });
}

export function generatorCommands() {
  const notSim = (use: string, short: string, aliases: string[] = []) =>
    defineCommand({
      use,
      short,
      aliases,
      disableFlagParsing: true,
      run: async (cli) => {
        await cli.err(`dockyard: 'kubectl create ${use.split(' ')[0]!}' is not simulated here\n`);
        return 1;
      },
    });
  const secret = defineCommand({
    use: 'secret (docker-registry | generic | tls)',
    short: 'Create a secret using a specified subcommand',
    long: 'Create a secret with specified type.',
    subcommands: [notSim('docker-registry NAME --docker-username=user --docker-password=password --docker-email=email [--docker-server=string] [--from-file=[key=]source] [--dry-run=server|client|none]', 'Create a secret for use with a Docker registry'), secretGenericCommand(), notSim('tls NAME --cert=path/to/cert/file --key=path/to/key/file [--dry-run=server|client|none]', 'Create a TLS secret')],
    run: async (cli) => {
      await cli.err(cli.helpText('stderr'));
      return 1;
    },
  });
  const service = defineCommand({
    use: 'service',
    aliases: ['svc'],
    short: 'Create a service using a specified subcommand',
    long: 'Create a service using a specified subcommand.',
    subcommands: [serviceCommand('ClusterIP'), notSim('externalname NAME --external-name external.name [--dry-run=server|client|none]', 'Create an ExternalName service'), serviceCommand('LoadBalancer'), serviceCommand('NodePort')],
    run: async (cli) => {
      await cli.err(cli.helpText('stderr'));
      return 1;
    },
  });
  return [
    notSim('clusterrole NAME --verb=verb --resource=resource.group [--resource-name=resourcename] [--dry-run=server|client|none]', 'Create a cluster role'),
    notSim('clusterrolebinding NAME --clusterrole=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none]', 'Create a cluster role binding for a particular cluster role'),
    configMapCommand(),
    notSim('cronjob NAME --image=image --schedule=\'0/5 * * * ?\' -- [COMMAND] [args...] [flags]', 'Create a cron job with the specified name', ['cj']),
    deploymentCommand(),
    notSim('ingress NAME --rule=host/path=service:port[,tls[=secret]] ', 'Create an ingress with the specified name', ['ing']),
    notSim('job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...]', 'Create a job with the specified name'),
    namespaceCommand(),
    notSim('poddisruptionbudget NAME --selector=SELECTOR --min-available=N [--dry-run=server|client|none]', 'Create a pod disruption budget with the specified name', ['pdb']),
    notSim('priorityclass NAME --value=VALUE --global-default=BOOL [--dry-run=server|client|none]', 'Create a priority class with the specified name', ['pc']),
    notSim('quota NAME [--hard=key1=value1,key2=value2] [--scopes=Scope1,Scope2] [--dry-run=server|client|none]', 'Create a quota with the specified name', ['resourcequota']),
    notSim('role NAME --verb=verb --resource=resource.group/subresource [--resource-name=resourcename] [--dry-run=server|client|none]', 'Create a role with single rule'),
    notSim('rolebinding NAME --clusterrole=NAME|--role=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none]', 'Create a role binding for a particular role or cluster role'),
    secret,
    service,
    notSim('serviceaccount NAME [--dry-run=server|client|none]', 'Create a service account with the specified name', ['sa']),
    notSim('token SERVICE_ACCOUNT_NAME', 'Request a service account token'),
  ];
}
