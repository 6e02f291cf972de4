/**
 * kubectl label and annotate (k8s.io/kubectl pkg/cmd/label/label.go, annotate/annotate.go, v1.33):
 * `key=value` sets, `key-` removes, --overwrite, --all, -l, --list; the change is sent as a merge
 * patch of metadata; the success word is labeled / unlabeled / not labeled, or annotated.
 */
import type { ApiServer, KubeObject } from '../../engine/kube/apiserver';
import { isValidLabelValue } from '../../engine/kube/labels';
import { defineCommand, flag, type CliContext } from '../lib/command';
import { StatusError, UsageError, type Client } from './client';
import { dryRunFlag, dryRunOf, dryRunSuffix, finish, gvr, guard, printFlagDefs, printMutation } from './common';
import { readFileObjects, typeOrNameArgs } from './resource';

type Which = 'labels' | 'annotations';

function parseSpecs(specs: readonly string[], which: Which): { set: Record<string, string>; remove: string[] } {
  const set: Record<string, string> = {};
  const remove: string[] = [];
  const noun = which === 'labels' ? 'label' : 'annotation';
  for (const s of specs) {
    if (s.includes('=')) {
      const parts = which === 'labels' ? s.split('=') : [s.slice(0, s.indexOf('=')), s.slice(s.indexOf('=') + 1)];
      if (parts.length !== 2 || parts[0] === '') throw new UsageError(`invalid ${noun} spec: ${s}`);
      if (which === 'labels') {
        const errs = isValidLabelValue(parts[1]!);
        if (errs.length) throw new UsageError(`invalid label value: ${JSON.stringify(s)}: ${errs.join(';')}`);
      }
      set[parts[0]!] = parts[1]!;
    } else if (s.endsWith('-')) remove.push(s.slice(0, -1));
    else throw new UsageError(`unknown ${noun} spec: ${s}`);
  }
  for (const r of remove) if (r in set) throw new UsageError(`can not both modify and remove ${which === 'labels' ? 'a label' : 'an annotation'} in the same command`);
  return { set, remove };
}

interface MetaFlags {
  all: boolean;
  allNamespaces: boolean;
  filename: string[];
  recursive: boolean;
  selector: string;
  fieldSelector: string;
  overwrite: boolean;
  list: boolean;
  dryRun: string;
  resourceVersion: string;
  output: string;
  template: string;
  allowMissingTemplateKeys: boolean;
}

async function targetObjects(cli: CliContext, client: Client, api: ApiServer, resArgs: string[], f: MetaFlags, errors: unknown[]): Promise<KubeObject[]> {
  const out: KubeObject[] = [];
  if (f.filename.length) {
    const r = await readFileObjects(cli.proc, { filenames: f.filename, recursive: f.recursive }, client.namespace);
    errors.push(...r.errors);
    for (const o of r.objects) {
      const g = api.get(gvr(o.info), o.namespace, String((o.obj.metadata as { name?: unknown } | undefined)?.name ?? ''));
      if (g.ok) out.push(g.value);
      else errors.push(new StatusError(g.status));
    }
    return out;
  }
  for (const req of typeOrNameArgs(resArgs)) {
    const ns = req.info.namespaced ? (f.allNamespaces ? '' : client.namespace) : '';
    if (req.names.length) {
      for (const name of req.names) {
        const g = api.get(gvr(req.info), ns, name);
        if (g.ok) out.push(g.value);
        else errors.push(new StatusError(g.status));
      }
    } else {
      if (!f.all && !f.selector && !f.fieldSelector) throw new UsageError('resource(s) were provided, but no name was specified');
      const l = api.list(gvr(req.info), ns, { labelSelector: f.selector, fieldSelector: f.fieldSelector });
      if (!l.ok) errors.push(new StatusError(l.status));
      else out.push(...l.value.items.map((x) => ({ ...x, kind: req.info.kind, apiVersion: l.value.apiVersion })));
    }
  }
  return out;
}

async function runMeta(cli: CliContext, which: Which, args: string[], f: MetaFlags): Promise<number> {
  return guard(cli, async (client) => {
    if (f.all && f.selector) throw new UsageError('cannot set --all and --selector at the same time');
    if (f.list && f.output) throw new UsageError('--list and --output may not be specified together');
    const specs = args.filter((a) => a.includes('=') || a.endsWith('-'));
    const resArgs = args.filter((a) => !specs.includes(a));
    if (f.filename.length === 0 && resArgs.length === 0) throw new UsageError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
    if (specs.length === 0 && !f.list) throw new UsageError(`at least one ${which === 'labels' ? 'label' : 'annotation'} update is required`);
    const { set, remove } = parseSpecs(specs, which);
    const dry = dryRunOf(f.dryRun);
    const api = await client.connect();
    const errors: unknown[] = [];
    const objs = await targetObjects(cli, client, api, resArgs, f, errors);
    if (f.resourceVersion && objs.length > 1) throw new UsageError('--resource-version may only be used with a single resource');
    for (const obj of objs) {
      const info = typeOrNameArgs([obj.kind.toLowerCase()])[0]!.info;
      const current = (which === 'labels' ? obj.metadata.labels : obj.metadata.annotations) ?? {};
      if (f.list) {
        let text = '';
        for (const k of Object.keys(current).sort()) text += `${k}=${current[k] ?? ''}\n`;
        await cli.out(text);
        continue;
      }
      if (!f.overwrite) {
        const clashes = Object.entries(set).filter(([k, v]) => k in current && current[k] !== v);
        if (clashes.length) {
          const msgs = clashes.map(([k]) => `'${k}' already has a value (${current[k] ?? ''}), and --overwrite is false`);
          errors.push(new UsageError(msgs.length === 1 ? msgs[0]! : `[${msgs.join(', ')}]`));
          continue;
        }
      }
      const next: Record<string, string> = { ...current, ...set };
      for (const r of remove) delete next[r];
      const oldJson = JSON.stringify(current);
      const newJson = JSON.stringify(next);
      let word = which === 'labels' ? 'not labeled' : 'annotated';
      if (which === 'labels' && oldJson !== newJson) word = !f.overwrite && newJson.length < oldJson.length ? 'unlabeled' : 'labeled';
      let result = obj;
      if (dry !== 'client') {
        const patch: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(set)) patch[k] = v;
        for (const r of remove) if (r in current) patch[r] = null;
        const meta: Record<string, unknown> = { [which]: patch };
        if (f.resourceVersion) meta.resourceVersion = f.resourceVersion;
        const r = api.patch(gvr(info), obj.metadata.namespace ?? '', obj.metadata.name ?? '', 'merge', { metadata: meta }, { dryRun: dry === 'server' });
        if (!r.ok) {
          errors.push(new StatusError(r.status));
          continue;
        }
        result = r.value;
      }
      const p = printMutation(cli, result, info, `${word}${dryRunSuffix(dry)}`, f);
      await cli.out(p.stdout);
      if (!p.ok) errors.push(new UsageError(p.stderr.replace(/^error: /, '').trimEnd()));
    }
    return finish(cli, errors);
  });
}

function metaFlags(which: Which) {
  return {
    ...printFlagDefs(),
    all: flag.bool('all', { usage: `Select all resources, in the namespace of the specified resource types` }),
    allNamespaces: flag.bool('all-namespaces', { short: 'A', usage: 'If true, check the specified action in all namespaces.' }),
    dryRun: dryRunFlag(),
    fieldSelector: flag.string('field-selector', { usage: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type." }),
    filename: flag.stringSlice('filename', { short: 'f', usage: `Filename, directory, or URL to files identifying the resource to update the ${which}` }),
    list: flag.bool('list', { usage: `If true, display the ${which} for a given resource.` }),
    local: flag.bool('local', { usage: `If true, ${which === 'labels' ? 'label' : 'annotation'} will NOT contact api-server but run locally.` }),
    overwrite: flag.bool('overwrite', { usage: `If true, allow ${which} to be overwritten, otherwise reject ${which === 'labels' ? 'label' : 'annotation'} updates that overwrite existing ${which}.` }),
    recursive: flag.bool('recursive', { short: 'R', usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' }),
    resourceVersion: flag.string('resource-version', { usage: `If non-empty, the ${which === 'labels' ? 'labels' : 'annotation'} update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.` }),
    selector: flag.string('selector', { short: 'l', usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." }),
  };
}

export function labelCommand() {
  return defineCommand({
    use: 'label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]',
    short: 'Update the labels on a resource',
    long: `Update the labels on a resource.

  *  A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.
  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.
  *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.
  *  If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used.`,
    example:
      "  # Update pod 'foo' with the label 'unhealthy' and the value 'true'\n  kubectl label pods foo unhealthy=true\n\n  # Update pod 'foo' with the label 'status' and the value 'unhealthy', overwriting any existing value\n  kubectl label --overwrite pods foo status=unhealthy\n\n  # Update all pods in the namespace\n  kubectl label pods --all status=unhealthy\n\n  # Remove a label named 'bar' if it exists\n  # Does not require the --overwrite flag\n  kubectl label pods foo bar-",
    flags: metaFlags('labels'),
    run: (cli, args, f) => runMeta(cli, 'labels', args, f as unknown as MetaFlags),
  });
}

export function annotateCommand() {
  return defineCommand({
    use: 'annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]',
    short: 'Update the annotations on a resource',
    long: `Update the annotations on one or more resources.

 All Kubernetes objects support the ability to store additional data with the object as annotations. Annotations are key/value pairs that can be larger than labels and include arbitrary string values such as structured JSON. Tools and system extensions may use annotations to store their own data.

 Attempting to set an annotation that already exists will fail unless --overwrite is set. If --resource-version is specified and does not match the current resource version on the server the command will fail.

Use "kubectl api-resources" for a complete list of supported resources.`,
    example:
      "  # Update pod 'foo' with the annotation 'description' and the value 'my frontend'\n  # If the same annotation is set multiple times, only the last value will be applied\n  kubectl annotate pods foo description='my frontend'\n\n  # Remove an annotation named 'description' if it exists\n  # Does not require the --overwrite flag\n  kubectl annotate pods foo description-",
    flags: metaFlags('annotations'),
    run: (cli, args, f) => runMeta(cli, 'annotations', args, f as unknown as MetaFlags),
  });
}
