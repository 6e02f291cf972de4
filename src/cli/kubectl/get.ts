/** `kubectl get` (k8s.io/kubectl pkg/cmd/get/get.go, v1.33): tables, -o formats, selectors, -A, --watch. */
import type { ApiServer, KubeObject, WatchEvent } from '../../engine/kube/apiserver';
import { defineCommand, flag, type CliContext } from '../lib/command';
import { StatusError, UsageError, type Client } from './client';
import { finish, gvr, guard, nowOf, printFlagDefs, readText, stripManaged, type Obj } from './common';
import { printObjects, WatchPrinter, type PrintOptions } from './printers';
import { readFileObjects, typeOrNameArgs, type TypeRequest, completeResourceTypes } from './resource';

const getLong = `
Display one or many resources.

 Prints a table of the most important information about the specified resources. You can filter the list using a label selector and the --selector flag. If the desired resource type is namespaced you will only see results in the current namespace if you don't specify any namespace.

 By specifying the output as 'template' and providing a Go template as the value of the --template flag, you can filter the attributes of the fetched resources.

Use "kubectl api-resources" for a complete list of supported resources.`;

const getExample = `  # List all pods in ps output format
  kubectl get pods

  # List all pods in ps output format with more information (such as node name)
  kubectl get pods -o wide

  # List a single replication controller with specified NAME in ps output format
  kubectl get replicationcontroller web

  # List deployments in JSON output format, in the "v1" version of the "apps" API group
  kubectl get deployments.v1.apps -o json

  # List a single pod in JSON output format
  kubectl get -o json pod web-pod-13je7

  # List a pod identified by type and name specified in "pod.yaml" in JSON output format
  kubectl get -f pod.yaml -o json

  # List resources from a directory with kustomization.yaml - e.g. dir/kustomization.yaml
  kubectl get -k dir/

  # Return only the phase value of the specified pod
  kubectl get -o template pod/web-pod-13je7 --template={{.status.phase}}

  # List resource information in custom columns
  kubectl get pod test-pod -o custom-columns=CONTAINER:.spec.containers[0].name,IMAGE:.spec.containers[0].image

  # List all replication controllers and services together in ps output format
  kubectl get rc,services

  # List one or more resources by their type and names
  kubectl get rc/web service/frontend pods/web-pod-13je7

  # List the 'status' subresource for a single pod
  kubectl get pod web-pod-13je7 --subresource status

  # List all deployments in namespace 'backend'
  kubectl get deployments.apps --namespace backend

  # List all pods existing in all namespaces
  kubectl get pods --all-namespaces`;

export const getFlags = {
  ...printFlagDefs(),
  allNamespaces: flag.bool('all-namespaces', { short: 'A', usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' }),
  chunkSize: flag.sizedInt('chunk-size', 'int64', { usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.', default: 500 }),
  fieldSelector: flag.string('field-selector', { usage: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type." }),
  filename: flag.stringSlice('filename', { short: 'f', usage: 'Filename, directory, or URL to files identifying the resource to get from a server.' }),
  ignoreNotFound: flag.bool('ignore-not-found', { usage: 'If the requested object does not exist the command will return exit code 0.' }),
  kustomize: flag.string('kustomize', { short: 'k', usage: 'Process the kustomization directory. This flag can\'t be used together with -f or -R.' }),
  labelColumns: flag.stringSlice('label-columns', { short: 'L', usage: 'Accepts a comma separated list of labels that are going to be presented as columns. Names are case-sensitive. You can also use multiple flag options like -L label1 -L label2...' }),
  noHeaders: flag.bool('no-headers', { usage: 'When using the default or custom-column output format, don\'t print headers (default print headers).' }),
  outputWatchEvents: flag.bool('output-watch-events', { usage: 'Output watch event objects when --watch or --watch-only is used. Existing objects are output as initial ADDED events.' }),
  raw: flag.string('raw', { usage: 'Raw URI to request from the server.  Uses the transport specified by the kubeconfig file.' }),
  recursive: flag.bool('recursive', { short: 'R', usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' }),
  selector: flag.string('selector', { short: 'l', usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." }),
  serverPrint: flag.bool('server-print', { usage: 'If true, have the server return the appropriate table output. Supports extension APIs and CRDs.', default: true }),
  showKind: flag.bool('show-kind', { usage: 'If present, list the resource type for the requested object(s).' }),
  showLabels: flag.bool('show-labels', { usage: 'When printing, show all labels as the last column (default hide labels column)' }),
  sortBy: flag.string('sort-by', { usage: "If non-empty, sort list types using this field specification.  The field specification is expressed as a JSONPath expression (e.g. '{.metadata.name}'). The field in the API resource specified by this JSONPath expression must be an integer or a string." }),
  subresource: flag.string('subresource', { usage: 'If specified, gets the subresource of the requested object.' }),
  watch: flag.bool('watch', { short: 'w', usage: 'After listing/getting the requested object, watch for changes.' }),
  watchOnly: flag.bool('watch-only', { usage: 'Watch for changes to the requested object(s), without listing/getting first.' }),
};

type GetValues = { [K in keyof typeof getFlags]: ReturnType<ReturnType<(typeof getFlags)[K]['create']>['get']> };

interface Fetched {
  objects: KubeObject[];
  errors: unknown[];
  /** every requested type is namespaced (for "No resources found in <ns> namespace.") */
  allNamespaced: boolean;
  single: boolean;
  /** several resource types were requested (multipleGVKsRequested: kind/name in the tables) */
  multipleKinds: boolean;
}

/** The objects a get-like request names (ContinueOnError: failures are collected). */
export async function fetchObjects(cli: CliContext, client: Client, api: ApiServer, args: readonly string[], f: { filename: string[]; recursive: boolean; selector: string; fieldSelector: string; allNamespaces: boolean }): Promise<Fetched> {
  const ns = client.namespace;
  const objects: KubeObject[] = [];
  const errors: unknown[] = [];
  let allNamespaced = true;
  if (f.filename.length > 0) {
    const r = await readFileObjects(cli.proc, { filenames: f.filename, recursive: f.recursive }, ns);
    errors.push(...r.errors);
    const single = r.objects.length === 1;
    for (const o of r.objects) {
      if (!o.info.namespaced) allNamespaced = false;
      const got = api.get(gvr(o.info), o.namespace, String((o.obj.metadata as Obj | undefined)?.name ?? ''));
      if (got.ok) objects.push(got.value);
      else errors.push(new StatusError(got.status));
    }
    return { objects, errors, allNamespaced, single, multipleKinds: new Set(r.objects.map((o) => o.info)).size > 1 };
  }
  const reqs: TypeRequest[] = typeOrNameArgs(args);
  const single = reqs.length === 1 && reqs[0]!.names.length === 1;
  for (const req of reqs) {
    if (!req.info.namespaced) allNamespaced = false;
    const rns = req.info.namespaced ? (f.allNamespaces && req.names.length === 0 ? '' : ns) : '';
    if (req.names.length > 0) {
      for (const name of req.names) {
        const got = api.get(gvr(req.info), rns, name);
        if (got.ok) objects.push(got.value);
        else errors.push(new StatusError(got.status));
      }
    } else {
      const l = api.list(gvr(req.info), rns, { labelSelector: f.selector, fieldSelector: f.fieldSelector });
      if (!l.ok) {
        errors.push(new StatusError(l.status));
        continue;
      }
      objects.push(...l.value.items.map((x) => ({ ...x, apiVersion: l.value.apiVersion, kind: req.info.kind })));
    }
  }
  return { objects, errors, allNamespaced, single, multipleKinds: new Set(reqs.map((r) => r.info)).size > 1 };
}

async function runGet(cli: CliContext, args: string[], f: GetValues): Promise<number> {
  return guard(cli, async (client) => {
    if (args.length === 0 && f.filename.length === 0) {
      await cli.err(
        `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples\n`,
      );
      return 1;
    }
    if (f.raw) throw new UsageError(`dockyard: 'kubectl get --raw' is not simulated here`);
    if (f.subresource) throw new UsageError(`dockyard: 'kubectl get --subresource' is not simulated here`);
    if (f.kustomize) throw new UsageError(`dockyard: 'kubectl get -k' (kustomize) is not simulated here`);
    const api = await client.connect();
    if (f.watch || f.watchOnly) return watchGet(cli, client, api, args, f);
    const fetched = await fetchObjects(cli, client, api, args, f);
    let errors = fetched.errors;
    if (f.ignoreNotFound) errors = errors.filter((e) => !(e instanceof StatusError && e.status.reason === 'NotFound'));
    const opts: PrintOptions = {
      output: f.output,
      template: f.template,
      readFile: (p) => readText(cli, p),
      noHeaders: f.noHeaders,
      showLabels: f.showLabels,
      labelColumns: f.labelColumns,
      namespaceColumn: f.allNamespaces,
      showKind: f.showKind || fetched.multipleKinds,
      sortBy: f.sortBy,
      now: nowOf(cli),
      namespace: fetched.allNamespaced && !f.allNamespaces ? client.namespace : undefined,
      single: fetched.single,
      serverPrint: f.serverPrint,
      allowMissingTemplateKeys: f.allowMissingTemplateKeys,
    };
    const objs = f.showManagedFields ? fetched.objects : fetched.objects.map((o) => stripManaged(o) as KubeObject);
    const r = printObjects(objs as unknown as Obj[], opts);
    if (r.stdout) await cli.out(r.stdout);
    // the "No resources found" line only when nothing failed and NotFound is not ignored
    if (r.stderr && (r.exitCode !== 0 || (errors.length === 0 && !f.ignoreNotFound))) await cli.err(r.stderr);
    if (r.exitCode !== 0) return 1;
    return finish(cli, errors);
  });
}

async function watchGet(cli: CliContext, client: Client, api: ApiServer, args: readonly string[], f: GetValues): Promise<number> {
  const reqs = f.filename.length ? [] : typeOrNameArgs(args);
  if (reqs.length !== 1 || reqs[0]!.names.length > 1) throw new UsageError('watch is only supported on individual resources and resource collections - more than 1 resource was found');
  const req = reqs[0]!;
  const ns = req.info.namespaced ? (f.allNamespaces && req.names.length === 0 ? '' : client.namespace) : '';
  const name = req.names[0];
  const wopts = {
    output: f.output,
    template: f.template,
    noHeaders: f.noHeaders,
    showLabels: f.showLabels,
    labelColumns: f.labelColumns,
    namespaceColumn: f.allNamespaces,
    showKind: f.showKind,
    now: nowOf(cli),
    serverPrint: f.serverPrint,
    outputWatchEvents: f.outputWatchEvents,
  };
  const printer = new WatchPrinter(wopts);
  if (printer.error) throw new UsageError(printer.error);
  let rv: string;
  const fieldSelector = [f.fieldSelector, name !== undefined ? `metadata.name=${name}` : ''].filter((x) => x).join(',');
  if (name !== undefined) {
    const got = api.get(gvr(req.info), ns, name);
    if (!got.ok) throw new StatusError(got.status);
    if (!f.watchOnly) {
      const r = printer.print([stripManaged(got.value) as KubeObject] as unknown as Obj[]);
      await cli.out(r.stdout);
    }
    rv = got.value.metadata.resourceVersion ?? '';
  } else {
    const l = api.list(gvr(req.info), ns, { labelSelector: f.selector, fieldSelector });
    if (!l.ok) throw new StatusError(l.status);
    const items = l.value.items.map((x) => stripManaged({ ...x, apiVersion: l.value.apiVersion, kind: req.info.kind }));
    if (!f.watchOnly && items.length > 0) {
      const r = printer.print(items);
      await cli.out(r.stdout);
    }
    rv = l.value.metadata.resourceVersion;
  }
  const queue: WatchEvent[] = [];
  let wake: () => void = () => {};
  const w = api.watch(gvr(req.info), ns, { resourceVersion: rv, labelSelector: f.selector, fieldSelector }, (e) => {
    queue.push(e);
    wake();
  });
  if (!w.ok) throw new StatusError(w.status);
  try {
    for (;;) {
      while (queue.length === 0) await cli.proc.wait(new Promise<void>((r) => (wake = r)));
      const e = queue.shift()!;
      wopts.now = nowOf(cli);
      const r = printer.print([stripManaged(e.object)], e.type);
      if (r.stdout) await cli.out(r.stdout);
      if (r.exitCode !== 0) {
        await cli.err(r.stderr);
        return 1;
      }
    }
  } finally {
    w.value.dispose();
  }
}

export function getCommand() {
  return defineCommand({
    use: 'get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags]',
    short: 'Display one or many resources',
    long: getLong,
    example: getExample,
    completeArgs: completeResourceTypes,
    suggestFor: ['list', 'ps'],
    flags: getFlags,
    run: (cli, args, f) => runGet(cli, args, f as unknown as GetValues),
  });
}
