/**
 * `kubectl delete` (k8s.io/kubectl pkg/cmd/delete/delete.go + delete_flags.go, v1.33): objects by
 * type and name, type/name, -f, -l, --all, --field-selector; one `pod "web" deleted` line per object
 * as it is deleted, then kubectl waits until every one of them is gone (`--wait`, the default).
 */
import type { ApiServer, KubeObject, PropagationPolicy, ResourceInfo } from '../../engine/kube/apiserver';
import { defineCommand, flag, type CliContext } from '../lib/command';
import { KubectlError, StatusError, UsageError, withSource, type Client } from './client';
import { dryRunFlag, dryRunOf, finish, gvr, guard, waitFor } from './common';
import { readFileObjects, typeOrNameArgs, completeResourceTypes } from './resource';

const NO_RESOURCES = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

interface Target {
  info: ResourceInfo;
  namespace: string;
  name: string;
  source: string;
}

const deleteFlags = {
  all: flag.bool('all', { usage: 'Delete all resources, in the namespace of the specified resource types.' }),
  allNamespaces: flag.bool('all-namespaces', { short: 'A', usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' }),
  cascade: flag.string('cascade', { usage: 'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.', default: 'background', noOptDefVal: 'background' }),
  dryRun: dryRunFlag(),
  fieldSelector: flag.string('field-selector', { usage: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type." }),
  filename: flag.stringSlice('filename', { short: 'f', usage: 'containing the resource to delete.' }),
  force: flag.bool('force', { usage: 'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.' }),
  gracePeriod: flag.int('grace-period', { usage: 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).', default: -1 }),
  ignoreNotFound: flag.bool('ignore-not-found', { usage: 'Treat "resource not found" as a successful delete. Defaults to "true" when --all is specified.' }),
  interactive: flag.bool('interactive', { short: 'i', usage: 'If true, delete resource only when user confirms.' }),
  kustomize: flag.string('kustomize', { short: 'k', usage: 'Process a kustomization directory. This flag can\'t be used together with -f or -R.' }),
  now: flag.bool('now', { usage: 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).' }),
  output: flag.string('output', { short: 'o', usage: 'Output mode. Use "-o name" for shorter output (resource/name).' }),
  raw: flag.string('raw', { usage: 'Raw URI to DELETE to the server.  Uses the transport specified by the kubeconfig file.' }),
  recursive: flag.bool('recursive', { short: 'R', usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' }),
  selector: flag.string('selector', { short: 'l', usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." }),
  timeout: flag.duration('timeout', { usage: 'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object' }),
  wait: flag.bool('wait', { usage: 'If true, wait for resources to be gone before returning. This waits for finalizers.', default: true }),
};

type DeleteValues = {
  all: boolean;
  allNamespaces: boolean;
  cascade: string;
  dryRun: string;
  fieldSelector: string;
  filename: string[];
  force: boolean;
  gracePeriod: number;
  ignoreNotFound: boolean;
  interactive: boolean;
  kustomize: string;
  now: boolean;
  output: string;
  raw: string;
  recursive: boolean;
  selector: string;
  timeout: number;
  wait: boolean;
};

async function targets(cli: CliContext, client: Client, api: ApiServer, args: readonly string[], f: DeleteValues, errors: unknown[]): Promise<Target[]> {
  const out: Target[] = [];
  if (f.filename.length > 0) {
    const r = await readFileObjects(cli.proc, { filenames: f.filename, recursive: f.recursive }, client.namespace);
    errors.push(...r.errors);
    for (const o of r.objects) out.push({ info: o.info, namespace: o.namespace, name: String((o.obj.metadata as { name?: unknown } | undefined)?.name ?? ''), source: o.source });
    return out;
  }
  for (const req of typeOrNameArgs(args)) {
    const ns = req.info.namespaced ? (f.allNamespaces ? '' : client.namespace) : '';
    if (req.names.length) {
      for (const name of req.names) out.push({ info: req.info, namespace: ns, name, source: '' });
      continue;
    }
    const l = api.list(gvr(req.info), ns, { labelSelector: f.selector, fieldSelector: f.fieldSelector });
    if (!l.ok) {
      errors.push(new StatusError(l.status));
      continue;
    }
    for (const x of l.value.items) out.push({ info: req.info, namespace: x.metadata.namespace ?? '', name: x.metadata.name ?? '', source: '' });
  }
  return out;
}

async function runDelete(cli: CliContext, args: string[], f: DeleteValues): Promise<number> {
  return guard(cli, async (client) => {
    if (f.raw) throw new KubectlError(`dockyard: 'kubectl delete --raw' is not simulated here\n`);
    if (f.interactive) throw new KubectlError(`dockyard: 'kubectl delete --interactive' is not simulated here\n`);
    if (f.kustomize) throw new KubectlError(`dockyard: 'kubectl delete -k' (kustomize) is not simulated here\n`);
    let grace = f.gracePeriod;
    if (f.now) {
      if (grace !== -1) throw new UsageError('--now and --grace-period cannot be specified together');
      grace = 1;
    }
    if (grace === 0 && !f.force) grace = 1;
    if (f.force && grace < 0) grace = 0;
    const cascade = f.cascade.toLowerCase();
    const policy: PropagationPolicy | undefined = cascade === 'background' ? 'Background' : cascade === 'foreground' ? 'Foreground' : cascade === 'orphan' ? 'Orphan' : cascade === 'true' ? 'Background' : cascade === 'false' ? 'Orphan' : undefined;
    if (!policy) throw new UsageError(`invalid cascade value (${f.cascade}). Must be "background", "foreground", or "orphan"`);
    const dry = dryRunOf(f.dryRun);
    if (args.length === 0 && f.filename.length === 0) throw new UsageError(NO_RESOURCES);
    const api = await client.connect();
    const reqs = f.filename.length ? [] : typeOrNameArgs(args);
    const hasNames = reqs.some((r) => r.names.length > 0);
    if (!f.filename.length && !hasNames && !f.all && !f.selector && !f.fieldSelector) throw new UsageError('resource(s) were provided, but no name was specified');
    if (hasNames && f.all) throw new UsageError('name cannot be provided when a selector is specified');
    const ignoreNotFound = f.ignoreNotFound || ((f.all || f.selector !== '' || f.fieldSelector !== '') && !cli.changed('ignore-not-found'));
    const errors: unknown[] = [];
    const list = await targets(cli, client, api, args, f, errors);
    if (grace === 0 && f.force) await cli.err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
    const deleted: { t: Target; uid: string }[] = [];
    let found = 0;
    for (const t of list) {
      const r = api.delete(gvr(t.info), t.namespace, t.name, { ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}), propagationPolicy: policy, dryRun: dry === 'server' });
      if (!r.ok) {
        if (ignoreNotFound && r.status.reason === 'NotFound') continue;
        errors.push(withSource('deleting', t.source, r.status));
        continue;
      }
      found++;
      const kind = `${t.info.kind.toLowerCase()}${t.info.group ? `.${t.info.group}` : ''}`;
      const op = `${grace === 0 ? 'force deleted' : 'deleted'}${dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : ''}`;
      await cli.out(f.output === 'name' ? `${kind}/${t.name}\n` : `${kind} "${t.name}" ${op}\n`);
      deleted.push({ t, uid: (r.value.object as KubeObject).metadata.uid ?? '' });
    }
    if (found === 0 && errors.length === 0) {
      await cli.out('No resources found\n');
      return 0;
    }
    if (f.wait && dry === 'none' && deleted.length) {
      const gone = () => deleted.every(({ t, uid }) => {
        const g = api.get(gvr(t.info), t.namespace, t.name);
        return !g.ok || g.value.metadata.uid !== uid;
      });
      const ok = await waitFor(cli, api, gone, f.timeout > 0 ? f.timeout : Infinity);
      if (!ok) errors.push(new UsageError(`timed out waiting for the condition on ${deleted.filter(({ t }) => api.get(gvr(t.info), t.namespace, t.name).ok).map(({ t }) => `${t.info.resource}${t.info.group ? `.${t.info.group}` : ''}/${t.name}`).join(', ')}`));
    }
    return finish(cli, errors);
  });
}

export function deleteCommand() {
  return defineCommand({
    use: 'delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)])',
    short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
    long: `Delete resources by file names, stdin, resources and names, or by resources and label selector.

 JSON and YAML formats are accepted. Only one type of argument may be specified: file names, resources and names, or resources and label selector.

 Some resources, such as pods, support graceful deletion. These resources define a default period before they are forcibly terminated (the grace period) but you may override that value with the --grace-period flag, or pass --now to set a grace-period of 1. Because these resources often represent entities in the cluster, deletion may not be acknowledged immediately. If the node hosting a pod is down or cannot reach the API server, termination may take significantly longer than the grace period. To force delete a resource, you must specify the --force flag. Note: only a subset of resources support graceful deletion. In absence of the support, the --grace-period flag is ignored.

 IMPORTANT: Force deleting pods does not wait for confirmation that the pod's processes have been terminated, which can leave those processes running until the node detects the deletion and completes graceful deletion. If your processes use shared storage or talk to a remote API and depend on the name of the pod to identify themselves, force deleting those pods may result in multiple processes running on different machines using the same identification which may lead to data corruption or inconsistency. Only force delete pods when you are sure the pod is terminated, or if your application can tolerate multiple copies of the same pod running at once. Also, if you force delete pods, the scheduler may place new pods on those nodes before the node has released those resources and causing those pods to be evicted immediately.

 Note that the delete command does NOT do resource version checks, so if someone submits an update to a resource right when you submit a delete, their update will be lost along with the rest of the resource.

 After a CustomResourceDefinition is deleted, invalidation of discovery cache may take up to 6 hours. If you don't want to wait, you might want to run "kubectl api-resources" to refresh the discovery cache.`,
    example:
      '  # Delete a pod using the type and name specified in pod.json\n  kubectl delete -f ./pod.json\n\n  # Delete pods and services with same names "baz" and "foo"\n  kubectl delete pod,service baz foo\n\n  # Delete pods and services with label name=myLabel\n  kubectl delete pods,services -l name=myLabel\n\n  # Delete a pod with minimal delay\n  kubectl delete pod foo --now\n\n  # Force delete a pod on a dead node\n  kubectl delete pod foo --force\n\n  # Delete all pods\n  kubectl delete pods --all',
    completeArgs: completeResourceTypes,
    suggestFor: ['rm'],
    flags: deleteFlags,
    run: (cli, args, f) => runDelete(cli, args, f as unknown as DeleteValues),
  });
}
