/**
 * `kubectl wait --for=condition=C[=value] | --for=delete` (k8s.io/kubectl pkg/cmd/wait, v1.33):
 * `pod/web condition met` per object, `error: timed out waiting for the condition on pods/web`.
 */
import type { KubeObject } from '../../engine/kube/apiserver';
import { defineCommand, flag } from '../lib/command';
import { StatusError, UsageError } from './client';
import { finish, gvr, guard, isObj, str, waitFor } from './common';
import { typeOrNameArgs } from './resource';

export function waitCommand() {
  return defineCommand({
    use: 'wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath=\'{}\'[=value]]',
    short: 'Experimental: Wait for a specific condition on one or many resources',
    long: 'Experimental: Wait for a specific condition on one or many resources.\n\n The command takes multiple resources and waits until the specified condition is seen in the Status field of every given resource.',
    example: '  # Wait for the pod "busybox1" to contain the status condition of type "Ready"\n  kubectl wait --for=condition=Ready pod/busybox1\n\n  # Wait for the pod "busybox1" to be deleted, with a timeout of 60s, after having issued the "delete" command\n  kubectl delete pod/busybox1\n  kubectl wait --for=delete pod/busybox1 --timeout=60s',
    flags: {
      all: flag.bool('all', { usage: 'Select all resources in the namespace of the specified resource types' }),
      allNamespaces: flag.bool('all-namespaces', { short: 'A', usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' }),
      filename: flag.stringSlice('filename', { short: 'f', usage: 'identifying the resource.' }),
      for: flag.string('for', { usage: "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is true.  Condition values are compared after Unicode simple case folding, which is a more general form of case-insensitivity." }),
      selector: flag.string('selector', { short: 'l', usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." }),
      timeout: flag.duration('timeout', { usage: 'The length of time to wait before giving up.  Zero means check once and don\'t wait, negative means wait for a week.', default: 30000 }),
    },
    run: (cli, args, f) =>
      guard(cli, async (client) => {
        if (!f.for) throw new UsageError('--for must be set');
        let cond: { kind: 'delete' } | { kind: 'condition'; name: string; value: string };
        if (f.for === 'delete') cond = { kind: 'delete' };
        else if (f.for.toLowerCase().startsWith('condition=')) {
          const rest = f.for.slice('condition='.length);
          const i = rest.indexOf('=');
          cond = { kind: 'condition', name: i < 0 ? rest : rest.slice(0, i), value: i < 0 ? 'true' : rest.slice(i + 1) };
        } else if (f.for.startsWith('jsonpath=') || f.for === 'create') throw new UsageError(`dockyard: 'kubectl wait --for=${f.for.split('=')[0]!}' is not simulated here`);
        else throw new UsageError(`unrecognized condition: "${f.for}"`);
        if (f.filename.length) throw new UsageError(`dockyard: 'kubectl wait -f' is not simulated here`);
        const api = await client.connect();
        const errors: unknown[] = [];
        const targets: { g: ReturnType<typeof gvr>; ns: string; name: string; label: string; uid?: string }[] = [];
        for (const req of typeOrNameArgs(args)) {
          const ns = req.info.namespaced ? (f.allNamespaces ? '' : client.namespace) : '';
          const label = `${req.info.resource}${req.info.group ? `.${req.info.group}` : ''}`;
          const kn = `${req.info.kind.toLowerCase()}${req.info.group ? `.${req.info.group}` : ''}`;
          if (req.names.length) for (const name of req.names) targets.push({ g: gvr(req.info), ns, name, label: `${kn}/${name}`, uid: label });
          else {
            const l = api.list(gvr(req.info), ns, { labelSelector: f.selector });
            if (!l.ok) errors.push(new StatusError(l.status));
            else for (const x of l.value.items) targets.push({ g: gvr(req.info), ns: x.metadata.namespace ?? '', name: x.metadata.name ?? '', label: `${kn}/${x.metadata.name ?? ''}`, uid: label });
          }
        }
        if (!targets.length && !errors.length) throw new UsageError('no matching resources found');
        const met = (obj: KubeObject | undefined): boolean => {
          if (cond.kind === 'delete') return obj === undefined;
          if (!obj) return false;
          const conds = (obj.status as { conditions?: unknown } | undefined)?.conditions;
          return Array.isArray(conds) && conds.some((c) => isObj(c) && str(c.type).toLowerCase() === cond.name.toLowerCase() && str(c.status).toLowerCase() === cond.value.toLowerCase());
        };
        const timeout = f.timeout < 0 ? 7 * 24 * 3600 * 1000 : f.timeout;
        for (const t of targets) {
          const first = api.get(t.g, t.ns, t.name);
          if (!first.ok && cond.kind !== 'delete') {
            errors.push(new StatusError(first.status));
            continue;
          }
          const ok = await waitFor(cli, api, () => {
            const g = api.get(t.g, t.ns, t.name);
            return met(g.ok ? g.value : undefined);
          }, timeout);
          if (ok) await cli.out(`${t.label} condition met\n`);
          else errors.push(new UsageError(`timed out waiting for the condition on ${t.uid ?? ''}/${t.name}`));
        }
        return finish(cli, errors);
      }),
  });
}
