/**
 * kubectl version, cluster-info, api-resources and config (view, current-context, get-contexts,
 * use-context): k8s.io/kubectl pkg/cmd/{version,clusterinfo,apiresources,config}, v1.33.
 */
import { versions } from '../../engine/core/versions';
import { apiVersionOf, RESOURCES } from '../../engine/kube/apiserver';
import { defineCommand, flag, noArgs, exact, max, type CliContext } from '../lib/command';
import { KUBECTL_TABWRITER, tabwrite } from '../lib/tabwriter';
import { clientFor, errorText, KubectlError, StatusError, UsageError } from './client';
import { globalFlags, guard, isObj, str } from './common';
import { contextNames, readKubeconfig, writeKubeconfig } from './kubeconfig';
import { marshalYAML } from './printers';
import { goJSON } from '../lib/gofmt';

// ------------------------------------------------------------------ version

export function versionCommand() {
  return defineCommand({
    use: 'version',
    short: 'Print the client and server version information',
    long: 'Print the client and server version information for the current context.',
    example: '  # Print the client and server versions for the current context\n  kubectl version',
    args: noArgs,
    flags: {
      client: flag.bool('client', { usage: 'If true, shows client version only (no server required).' }),
      output: flag.string('output', { short: 'o', usage: "One of 'yaml' or 'json'." }),
    },
    run: async (cli, _args, f) => {
      if (f.output !== '' && f.output !== 'yaml' && f.output !== 'json') {
        await cli.err(`error: --output must be 'yaml' or 'json'\n`);
        return 1;
      }
      if (f.output !== '') {
        await cli.err(`dockyard: 'kubectl version -o ${f.output}' is not simulated here\n`);
        return 1;
      }
      await cli.out(`Client Version: ${versions.kubectl}\nKustomize Version: ${versions.kustomize}\n`);
      if (f.client) return 0;
      try {
        const client = clientFor(cli.proc, globalFlags(cli));
        await client.connect('plain');
        await cli.out(`Server Version: ${versions.kubernetes}\n`);
        return 0;
      } catch (e) {
        const { text, status } = errorText(e);
        await cli.err(text);
        return status;
      }
    },
  });
}

// ------------------------------------------------------------------ cluster-info

export function clusterInfoCommand() {
  const dump = defineCommand({
    use: 'dump',
    short: 'Dump relevant information for debugging and diagnosis',
    run: async (cli) => {
      await cli.err(`dockyard: 'kubectl cluster-info dump' is not simulated here\n`);
      return 1;
    },
  });
  return defineCommand({
    use: 'cluster-info',
    short: 'Display cluster information',
    long: "Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.",
    example: '  # Print the address of the control plane and cluster services\n  kubectl cluster-info',
    args: noArgs,
    subcommands: [dump],
    run: (cli) =>
      guard(cli, async (client) => {
        const api = await client.connect();
        const host = client.server.url;
        let out = `Kubernetes control plane is running at ${host}\n`;
        const ns = client.config.namespaceFromFlag ? client.namespace : 'kube-system';
        const l = api.list({ group: '', version: 'v1', resource: 'services' }, ns, { labelSelector: 'kubernetes.io/cluster-service=true' });
        if (l.ok) {
          for (const svc of l.value.items) {
            const ports = Array.isArray((svc.spec as { ports?: unknown })?.ports) ? ((svc.spec as { ports: { name?: string; port?: number }[] }).ports) : [];
            let name = svc.metadata.name ?? '';
            const p = ports[0];
            if (p) {
              const scheme = p.name === 'https' || p.port === 443 ? 'https' : '';
              const port = p.name ?? '';
              name = scheme ? `${scheme}:${name}:${port}` : port ? `${name}:${port}` : name;
            }
            const label = svc.metadata.labels?.['kubernetes.io/name'] || svc.metadata.name || '';
            out += `${label} is running at ${host}/api/v1/namespaces/${svc.metadata.namespace ?? ''}/services/${name}/proxy\n`;
          }
        }
        out += "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";
        await cli.out(out);
        return 0;
      }),
  });
}

// ------------------------------------------------------------------ api-resources

export function apiResourcesCommand() {
  return defineCommand({
    use: 'api-resources',
    short: 'Print the supported API resources on the server',
    long: 'Print the supported API resources on the server.',
    example:
      '  # Print the supported API resources\n  kubectl api-resources\n\n  # Print the supported API resources with more information\n  kubectl api-resources -o wide\n\n  # Print the supported API resources sorted by a column\n  kubectl api-resources --sort-by=name\n\n  # Print the supported namespaced resources\n  kubectl api-resources --namespaced=true\n\n  # Print the supported non-namespaced resources\n  kubectl api-resources --namespaced=false\n\n  # Print the supported API resources with a specific APIGroup\n  kubectl api-resources --api-group=rbac.authorization.k8s.io',
    args: noArgs,
    flags: {
      apiGroup: flag.string('api-group', { usage: 'Limit to resources in the specified API group.' }),
      cached: flag.bool('cached', { usage: 'Use the cached list of resources if available.' }),
      categories: flag.stringSlice('categories', { usage: 'Limit to resources that belong to the specified categories.' }),
      namespaced: flag.bool('namespaced', { usage: 'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.', default: true }),
      noHeaders: flag.bool('no-headers', { usage: "When using the default or custom-column output format, don't print headers (default print headers)." }),
      output: flag.string('output', { short: 'o', usage: 'Output format. One of: (wide, name).' }),
      sortBy: flag.string('sort-by', { usage: "If non-empty, sort list of resources using specified field. One of 'name' or 'kind'." }),
      verbs: flag.stringSlice('verbs', { usage: 'Limit to resources that support the specified verbs.' }),
    },
    run: (cli, _args, f) =>
      guard(cli, async (client) => {
        if (f.output !== '' && f.output !== 'wide' && f.output !== 'name') throw new UsageError(`--output ${f.output} is not available`);
        if (f.sortBy !== '' && f.sortBy !== 'name' && f.sortBy !== 'kind') throw new UsageError(`--sort-by accepts only name or kind`);
        await client.connect();
        let rows = RESOURCES.filter((r) => {
          if (cli.changed('api-group') && r.group !== f.apiGroup) return false;
          if (cli.changed('namespaced') && r.namespaced !== f.namespaced) return false;
          if (f.verbs.length && !f.verbs.every((v) => r.verbs.includes(v))) return false;
          if (f.categories.length && !f.categories.every((c) => r.categories.includes(c))) return false;
          return true;
        });
        const key = (r: (typeof rows)[number]) => (f.sortBy === 'name' ? r.resource : f.sortBy === 'kind' ? r.kind : r.group);
        rows = rows.map((r, i) => ({ r, i })).sort((a, b) => (key(a.r) < key(b.r) ? -1 : key(a.r) > key(b.r) ? 1 : a.i - b.i)).map((x) => x.r);
        let text = '';
        if (f.output === 'name') {
          for (const r of rows) text += `${r.resource}${r.group ? `.${r.group}` : ''}\n`;
          await cli.out(text);
          return 0;
        }
        const wide = f.output === 'wide';
        if (!f.noHeaders) text += `NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND${wide ? '\tVERBS\tCATEGORIES' : ''}\n`;
        for (const r of rows) {
          text += `${r.resource}\t${r.shortNames.join(',')}\t${apiVersionOf(r)}\t${r.namespaced}\t${r.kind}`;
          if (wide) text += `\t[${r.verbs.join(' ')}]\t[${r.categories.join(' ')}]`;
          text += '\n';
        }
        await cli.out(tabwrite(text, KUBECTL_TABWRITER));
        return 0;
      }),
  });
}

// ------------------------------------------------------------------ config

function configGuard(cli: CliContext, body: () => Promise<number>): Promise<number> {
  return body().catch(async (e: unknown) => {
    if (e instanceof KubectlError || e instanceof StatusError || e instanceof UsageError) {
      const { text, status } = errorText(e);
      await cli.err(text);
      return status;
    }
    throw e;
  });
}

export function configCommand() {
  const view = defineCommand({
    use: 'view',
    short: 'Display merged kubeconfig settings or a specified kubeconfig file',
    long: 'Display merged kubeconfig settings or a specified kubeconfig file.\n\n You can use --output jsonpath={...} to extract specific values using a jsonpath expression.',
    example: '  # Show merged kubeconfig settings\n  kubectl config view\n\n  # Show merged kubeconfig settings, raw certificate data, and exposed secrets\n  kubectl config view --raw\n\n  # Get the password for the e2e user\n  kubectl config view -o jsonpath=\'{.users[?(@.name == "e2e")].user.password}\'',
    args: noArgs,
    flags: {
      output: flag.string('output', { short: 'o', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).', default: 'yaml' }),
      minify: flag.bool('minify', { usage: 'Remove all information not used by current-context from the output' }),
      raw: flag.bool('raw', { usage: 'Display raw byte data and sensitive data' }),
      flatten: flag.bool('flatten', { usage: 'Flatten the resulting kubeconfig file into self-contained output (useful for creating portable kubeconfig files)' }),
    },
    run: (cli, _args, f) =>
      configGuard(cli, async () => {
        const file = readKubeconfig(cli.proc, globalFlags(cli));
        const doc = { ...file.doc };
        if (f.minify) {
          const cur = str(doc['current-context']);
          if (!cur) throw new UsageError('current-context must exist in order to minify');
          const ctxs = (Array.isArray(doc.contexts) ? doc.contexts : []).filter((c) => isObj(c) && c.name === cur);
          const ctx = isObj(ctxs[0]) && isObj(ctxs[0].context) ? ctxs[0].context : {};
          doc.contexts = ctxs;
          doc.clusters = (Array.isArray(doc.clusters) ? doc.clusters : []).filter((c) => isObj(c) && c.name === ctx.cluster);
          doc.users = (Array.isArray(doc.users) ? doc.users : []).filter((c) => isObj(c) && c.name === ctx.user);
        }
        for (const k of ['clusters', 'contexts', 'users']) if (doc[k] === undefined) doc[k] = null;
        if (doc.preferences === undefined) doc.preferences = {};
        if (doc['current-context'] === undefined) doc['current-context'] = '';
        doc.apiVersion ??= 'v1';
        doc.kind ??= 'Config';
        if (f.output === 'json') await cli.out(goJSON(doc, { indent: '    ' }) + '\n');
        else if (f.output === 'yaml') await cli.out(marshalYAML(doc));
        else throw new UsageError(`dockyard: 'kubectl config view -o ${f.output}' is not simulated here`);
        return 0;
      }),
  });
  const currentContext = defineCommand({
    use: 'current-context',
    short: 'Display the current-context',
    long: 'Display the current-context.',
    example: "  # Display the current-context\n  kubectl config current-context",
    args: noArgs,
    run: (cli) =>
      configGuard(cli, async () => {
        const file = readKubeconfig(cli.proc, globalFlags(cli));
        const cur = str(file.doc['current-context']);
        if (!cur) throw new UsageError('current-context is not set');
        await cli.out(`${cur}\n`);
        return 0;
      }),
  });
  const getContexts = defineCommand({
    use: 'get-contexts [(-o|--output=)name)]',
    short: 'Describe one or many contexts',
    long: 'Display one or many contexts from the kubeconfig file.',
    example: '  # List all the contexts in your kubeconfig file\n  kubectl config get-contexts\n\n  # Describe one context in your kubeconfig file\n  kubectl config get-contexts my-context',
    flags: {
      noHeaders: flag.bool('no-headers', { usage: "When using the default or custom-column output format, don't print headers (default print headers)." }),
      output: flag.string('output', { short: 'o', usage: 'Output format. One of: (name).' }),
    },
    run: (cli, args, f) =>
      configGuard(cli, async () => {
        if (f.output !== '' && f.output !== 'name') throw new UsageError(`output must be one of '' or 'name'`);
        const file = readKubeconfig(cli.proc, globalFlags(cli));
        const cur = str(file.doc['current-context']);
        const all = (Array.isArray(file.doc.contexts) ? file.doc.contexts : []).filter(isObj);
        let text = '';
        if (f.output === '' && !f.noHeaders) text += 'CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n';
        const names = args.length ? args : all.map((c) => str(c.name)).sort();
        const missing: string[] = [];
        for (const n of names) {
          const c = all.find((x) => x.name === n);
          if (!c) {
            missing.push(`context ${n} not found`);
            continue;
          }
          const inner = isObj(c.context) ? c.context : {};
          if (f.output === 'name') text += `${n}\n`;
          else text += `${n === cur ? '*' : ' '}\t${n}\t${str(inner.cluster)}\t${str(inner.user)}\t${str(inner.namespace)}\n`;
        }
        await cli.out(f.output === 'name' ? text : tabwrite(text, KUBECTL_TABWRITER));
        if (missing.length) {
          await cli.err(`error: ${missing.length === 1 ? missing[0]! : `[${missing.join(', ')}]`}\n`);
          return 1;
        }
        return 0;
      }),
  });
  const useContext = defineCommand({
    use: 'use-context CONTEXT_NAME',
    aliases: ['use'],
    short: 'Set the current-context in a kubeconfig file',
    long: 'Set the current-context in a kubeconfig file.',
    example: "  # Use the context for the minikube cluster\n  kubectl config use-context minikube",
    args: exact(1),
    run: (cli, args) =>
      configGuard(cli, async () => {
        const name = args[0]!;
        const file = readKubeconfig(cli.proc, globalFlags(cli));
        if (!contextNames(file.doc).includes(name)) throw new UsageError(`no context exists with the name: "${name}"`);
        file.doc['current-context'] = name;
        writeKubeconfig(cli.proc, file);
        await cli.out(`Switched to context "${name}".\n`);
        return 0;
      }),
  });
  const notSim = (use: string, short: string) =>
    defineCommand({
      use,
      short,
      run: async (cli) => {
        await cli.err(`dockyard: 'kubectl config ${use.split(' ')[0]!}' is not simulated here\n`);
        return 1;
      },
    });
  return defineCommand({
    use: 'config SUBCOMMAND',
    short: 'Modify kubeconfig files',
    long: `Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".

 The loading order follows these rules:

  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes place.
  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path delimiting rules for your system). These paths are merged. When a value is modified, it is modified in the file that defines the stanza. When a value is created, it is created in the first file that exists. If no files in the chain exist, then it creates the last file in the list.
  3.  Otherwise, \${HOME}/.kube/config is used and no merging takes place.`,
    args: max(0),
    subcommands: [
      currentContext,
      notSim('delete-cluster NAME', 'Delete the specified cluster from the kubeconfig'),
      notSim('delete-context NAME', 'Delete the specified context from the kubeconfig'),
      notSim('delete-user NAME', 'Delete the specified user from the kubeconfig'),
      notSim('get-clusters', 'Display clusters defined in the kubeconfig'),
      getContexts,
      notSim('get-users', 'Display users defined in the kubeconfig'),
      notSim('rename-context CONTEXT_NAME NEW_NAME', 'Rename a context from the kubeconfig file'),
      notSim('set PROPERTY_NAME PROPERTY_VALUE', 'Set an individual value in a kubeconfig file'),
      notSim('set-cluster NAME', 'Set a cluster entry in kubeconfig'),
      notSim('set-context [NAME | --current]', 'Set a context entry in kubeconfig'),
      notSim('set-credentials NAME', 'Set a user entry in kubeconfig'),
      notSim('unset PROPERTY_NAME', 'Unset an individual value in a kubeconfig file'),
      useContext,
      view,
    ],
    run: async (cli) => {
      await cli.out(cli.helpText());
      return 0;
    },
  });
}
