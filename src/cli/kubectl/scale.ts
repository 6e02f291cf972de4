/**
 * kubectl scale, set image and rollout status|history|undo|restart|pause|resume
 * (k8s.io/kubectl pkg/cmd/scale, set/set_image.go, rollout/*, polymorphichelpers, v1.33).
 */
import type { ApiServer, KubeObject, ResourceInfo } from '../../engine/kube/apiserver';
import { TabWriter } from '../lib/tabwriter';
import { defineCommand, flag, min, type CliContext } from '../lib/command';
import { StatusError, UsageError, type Client } from './client';
import { dryRunFlag, dryRunOf, dryRunSuffix, finish, gvr, guard, isObj, printFlagDefs, printMutation, str, waitFor, type Obj } from './common';
import { readFileObjects, typeOrNameArgs } from './resource';

const o = (v: unknown): Obj => (isObj(v) ? v : {});
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

interface Named {
  info: ResourceInfo;
  obj: KubeObject;
}

/** The objects named by `TYPE NAME...`, `TYPE/NAME...` or -f (each fetched). */
async function resolveTargets(cli: CliContext, client: Client, api: ApiServer, args: readonly string[], filenames: readonly string[], errors: unknown[], opts: { selector?: string; all?: boolean } = {}): Promise<Named[]> {
  const out: Named[] = [];
  if (filenames.length) {
    const r = await readFileObjects(cli.proc, { filenames, recursive: false }, client.namespace);
    errors.push(...r.errors);
    for (const x of r.objects) {
      const g = api.get(gvr(x.info), x.namespace, str(o(x.obj.metadata).name));
      if (g.ok) out.push({ info: x.info, obj: g.value });
      else errors.push(new StatusError(g.status));
    }
    return out;
  }
  for (const req of typeOrNameArgs(args)) {
    const ns = req.info.namespaced ? client.namespace : '';
    if (req.names.length === 0) {
      if (!opts.selector && !opts.all) throw new UsageError('resource(s) were provided, but no name was specified');
      const l = api.list(gvr(req.info), ns, { labelSelector: opts.selector });
      if (l.ok) out.push(...l.value.items.map((obj) => ({ info: req.info, obj })));
      else errors.push(new StatusError(l.status));
      continue;
    }
    for (const name of req.names) {
      const g = api.get(gvr(req.info), ns, name);
      if (g.ok) out.push({ info: req.info, obj: g.value });
      else errors.push(new StatusError(g.status));
    }
  }
  return out;
}

const kindName = (info: ResourceInfo, name: string) => `${info.kind.toLowerCase()}${info.group ? `.${info.group}` : ''}/${name}`;

// ------------------------------------------------------------------ scale

export function scaleCommand() {
  return defineCommand({
    use: 'scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)',
    short: 'Set a new size for a deployment, replica set, or replication controller',
    long: `Set a new size for a deployment, replica set, replication controller, or stateful set.

 Scale also allows users to specify one or more preconditions for the scale action.

 If --current-replicas or --resource-version is specified, it is validated before the scale is attempted, and it is guaranteed that the precondition holds true when the scale is sent to the server.`,
    example:
      "  # Scale a replica set named 'foo' to 3\n  kubectl scale --replicas=3 rs/foo\n\n  # Scale a resource identified by type and name specified in \"foo.yaml\" to 3\n  kubectl scale --replicas=3 -f foo.yaml\n\n  # If the deployment named mysql's current size is 2, scale mysql to 3\n  kubectl scale --current-replicas=2 --replicas=3 deployment/mysql",
    flags: {
      ...printFlagDefs(),
      all: flag.bool('all', { usage: 'Select all resources in the namespace of the specified resource types' }),
      currentReplicas: flag.int('current-replicas', { usage: 'Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition.', default: -1 }),
      dryRun: dryRunFlag(),
      filename: flag.stringSlice('filename', { short: 'f', usage: 'Filename, directory, or URL to files identifying the resource to set a new size' }),
      replicas: flag.int('replicas', { usage: 'The new desired number of replicas. Required.', default: -1 }),
      resourceVersion: flag.string('resource-version', { usage: 'Precondition for resource version. Requires that the current resource version match this value in order to scale.' }),
      selector: flag.string('selector', { short: 'l', usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." }),
      timeout: flag.duration('timeout', { usage: 'The length of time to wait before giving up on a scale operation, zero means don\'t wait. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).' }),
    },
    run: (cli, args, f) =>
      guard(cli, async (client) => {
        if (f.replicas < 0) throw new UsageError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
        if (args.length === 0 && f.filename.length === 0) throw new UsageError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
        const api = await client.connect();
        const errors: unknown[] = [];
        const dry = dryRunOf(f.dryRun);
        const targets = await resolveTargets(cli, client, api, args, f.filename, errors, { selector: f.selector, all: f.all });
        for (const { info, obj } of targets) {
          const name = obj.metadata.name ?? '';
          if (!info.subresources.includes('scale')) {
            errors.push(new UsageError(`cannot scale ${info.resource}${info.group ? `.${info.group}` : ''}/${name}: no scaler has been implemented for {${JSON.stringify(info.group)} ${JSON.stringify(info.kind)}}`));
            continue;
          }
          const current = num(o(obj.spec).replicas);
          if (f.currentReplicas >= 0 && f.currentReplicas !== current) {
            errors.push(new UsageError(`Expected replicas to be ${f.currentReplicas}, was ${current}`));
            continue;
          }
          if (dry !== 'client') {
            const r = api.updateScale(gvr(info), obj.metadata.namespace ?? '', name, { ...(f.resourceVersion ? { metadata: { resourceVersion: f.resourceVersion } } : {}), spec: { replicas: f.replicas } }, { dryRun: dry === 'server' });
            if (!r.ok) {
              errors.push(new StatusError(r.status));
              continue;
            }
          }
          const p = printMutation(cli, obj, info, `scaled${dryRunSuffix(dry)}`, f);
          await cli.out(p.stdout);
        }
        return finish(cli, errors);
      }),
  });
}

// ------------------------------------------------------------------ set image

function podSpecOf(obj: KubeObject): Obj | undefined {
  if (obj.kind === 'Pod') return o(obj.spec);
  const t = o(o(obj.spec).template);
  return isObj(t.spec) ? t.spec : undefined;
}

export function setCommand() {
  const image = defineCommand({
    use: 'image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N',
    short: 'Update the image of a pod template',
    long: `Update existing container image(s) of resources.

 Possible resources include (case insensitive):

        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)`,
    example:
      "  # Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to 'busybox'\n  kubectl set image deployment/nginx busybox=busybox nginx=nginx:1.9.1\n\n  # Update all deployments' and rc's nginx container's image to 'nginx:1.9.1'\n  kubectl set image deployments,rc nginx=nginx:1.9.1 --all\n\n  # Update image of all containers of daemonset abc to 'nginx:1.9.1'\n  kubectl set image daemonset abc *=nginx:1.9.1",
    flags: {
      ...printFlagDefs(),
      all: flag.bool('all', { usage: 'Select all resources, in the namespace of the specified resource types' }),
      dryRun: dryRunFlag(),
      filename: flag.stringSlice('filename', { short: 'f', usage: 'Filename, directory, or URL to files identifying the resource to get from a server.' }),
      local: flag.bool('local', { usage: 'If true, set image will NOT contact api-server but run locally.' }),
      selector: flag.string('selector', { short: 'l', usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." }),
    },
    run: (cli, args, f) =>
      guard(cli, async (client) => {
        const specs = args.filter((a) => a.includes('='));
        const res = args.filter((a) => !a.includes('='));
        if (specs.length === 0) throw new UsageError('at least one image update is required');
        if (res.length === 0 && f.filename.length === 0) throw new UsageError("one or more resources must be specified as <resource> <name> or <resource>/<name>");
        const images = specs.map((s) => [s.slice(0, s.indexOf('=')), s.slice(s.indexOf('=') + 1)] as const);
        const api = await client.connect();
        const errors: unknown[] = [];
        const dry = dryRunOf(f.dryRun);
        for (const { info, obj } of await resolveTargets(cli, client, api, res, f.filename, errors, { selector: f.selector, all: f.all })) {
          const spec = podSpecOf(obj);
          if (!spec) {
            errors.push(new UsageError(`${info.resource}${info.group ? `.${info.group}` : ''}/${obj.metadata.name ?? ''} does not have a pod template`));
            continue;
          }
          const containers = [...(Array.isArray(spec.initContainers) ? spec.initContainers : []), ...(Array.isArray(spec.containers) ? spec.containers : [])].map(o);
          const patchContainers: Obj[] = [];
          const patchInit: Obj[] = [];
          let failed = false;
          for (const [cname, img] of images) {
            const matched = containers.filter((c) => cname === '*' || c.name === cname);
            if (!matched.length) {
              errors.push(new UsageError(`unable to find container named "${cname}"`));
              failed = true;
              continue;
            }
            for (const c of matched) {
              if (c.image === img) continue;
              const isInit = Array.isArray(spec.initContainers) && spec.initContainers.includes(c);
              (isInit ? patchInit : patchContainers).push({ image: img, name: str(c.name) });
            }
          }
          if (failed || (!patchContainers.length && !patchInit.length)) continue;
          const podPatch: Obj = {};
          if (patchContainers.length) podPatch.containers = patchContainers;
          if (patchInit.length) podPatch.initContainers = patchInit;
          const patch = obj.kind === 'Pod' ? { spec: podPatch } : { spec: { template: { spec: podPatch } } };
          let result = obj;
          if (dry !== 'client') {
            const r = api.patch(gvr(info), obj.metadata.namespace ?? '', obj.metadata.name ?? '', 'strategic', patch, { dryRun: dry === 'server' });
            if (!r.ok) {
              errors.push(new StatusError(r.status));
              continue;
            }
            result = r.value;
          }
          const p = printMutation(cli, result, info, `image updated${dryRunSuffix(dry)}`, f);
          await cli.out(p.stdout);
        }
        return finish(cli, errors);
      }),
  });
  const notSim = (use: string, short: string) =>
    defineCommand({
      use,
      short,
      disableFlagParsing: true,
      run: async (cli) => {
        await cli.err(`dockyard: 'kubectl set ${use.split(' ')[0]!}' is not simulated here\n`);
        return 1;
      },
    });
  return defineCommand({
    use: 'set SUBCOMMAND',
    short: 'Set specific features on objects',
    long: 'Configure application resources.\n\n These commands help you make changes to existing application resources.',
    subcommands: [
      notSim('env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N', 'Update environment variables on a pod template'),
      image,
      notSim('resources (-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS]', 'Update resource requests/limits on objects with pod templates'),
      notSim('selector (-f FILENAME | TYPE NAME) EXPRESSIONS [--resource-version=version]', 'Set the selector on a resource'),
      notSim('serviceaccount (-f FILENAME | TYPE NAME) SERVICE_ACCOUNT', 'Update the service account of a resource'),
      notSim('subject (-f FILENAME | TYPE NAME) [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none]', 'Update the user, group, or service account in a role binding or cluster role binding'),
    ],
    run: async (cli) => {
      await cli.err(cli.helpText('stderr'));
      return 1;
    },
  });
}

// ------------------------------------------------------------------ rollout

/** polymorphichelpers' DeploymentStatusViewer.Status. */
export function deploymentStatus(d: KubeObject): { text: string; done: boolean; error?: string } {
  const name = d.metadata.name ?? '';
  const spec = o(d.spec);
  const st = o(d.status);
  if (num(d.metadata.generation) <= num(st.observedGeneration)) {
    const cond = (Array.isArray(st.conditions) ? st.conditions : []).map(o).find((c) => c.type === 'Progressing');
    if (cond && cond.reason === 'ProgressDeadlineExceeded') return { text: '', done: false, error: `deployment "${name}" exceeded its progress deadline` };
    const replicas = num(spec.replicas);
    const updated = num(st.updatedReplicas);
    if (spec.replicas !== undefined && updated < replicas) return { text: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`, done: false };
    if (num(st.replicas) > updated) return { text: `Waiting for deployment "${name}" rollout to finish: ${num(st.replicas) - updated} old replicas are pending termination...\n`, done: false };
    if (num(st.availableReplicas) < updated) return { text: `Waiting for deployment "${name}" rollout to finish: ${num(st.availableReplicas)} of ${updated} updated replicas are available...\n`, done: false };
    return { text: `deployment "${name}" successfully rolled out\n`, done: true };
  }
  return { text: 'Waiting for deployment spec update to be observed...\n', done: false };
}

function ownedReplicaSets(api: ApiServer, d: KubeObject): KubeObject[] {
  const l = api.list({ group: 'apps', version: 'v1', resource: 'replicasets' }, d.metadata.namespace ?? '');
  return l.ok ? l.value.items.filter((rs) => (rs.metadata.ownerReferences ?? []).some((r) => r.uid === d.metadata.uid)) : [];
}

const revisionOf = (rs: KubeObject) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 'NaN');

function deploymentTarget(cli: CliContext, client: Client, api: ApiServer, args: string[], errors: unknown[]): Promise<Named[]> {
  return resolveTargets(cli, client, api, args, [], errors);
}

function rolloutSub(use: string, short: string, verb: 'restart' | 'pause' | 'resume') {
  return defineCommand({
    use,
    short,
    flags: { ...printFlagDefs(), filename: flag.stringSlice('filename', { short: 'f', usage: 'Filename, directory, or URL to files identifying the resource to get from a server.' }), selector: flag.string('selector', { short: 'l', usage: 'Selector (label query) to filter on.' }) },
    run: (cli, args, f) =>
      guard(cli, async (client) => {
        if (args.length === 0 && f.filename.length === 0) throw new UsageError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
        const api = await client.connect();
        const errors: unknown[] = [];
        for (const { info, obj } of await resolveTargets(cli, client, api, args, f.filename, errors, { selector: f.selector })) {
          if (info.kind !== 'Deployment') {
            const what = verb === 'restart' ? 'restarting' : verb === 'pause' ? 'pausing' : 'resuming';
            errors.push(new UsageError(`${kindName(info, obj.metadata.name ?? '')} ${what} is not supported`));
            continue;
          }
          const paused = o(obj.spec).paused === true;
          let patch: Obj;
          let word: string;
          if (verb === 'pause' || verb === 'resume') {
            if ((verb === 'pause') === paused) {
              await cli.out(`${kindName(info, obj.metadata.name ?? '')} already ${verb === 'pause' ? 'paused' : 'resumed'}\n`);
              continue;
            }
            patch = { spec: { paused: verb === 'pause' ? true : null } };
            word = verb === 'pause' ? 'paused' : 'resumed';
          } else {
            if (paused) {
              errors.push(new UsageError(`can't restart paused deployment (run rollout resume first)`));
              continue;
            }
            patch = { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': new Date(cli.proc.kernel.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z') } } } } };
            word = 'restarted';
          }
          const r = api.patch(gvr(info), obj.metadata.namespace ?? '', obj.metadata.name ?? '', 'strategic', patch);
          if (!r.ok) {
            errors.push(new StatusError(r.status));
            continue;
          }
          const p = printMutation(cli, r.value, info, word, f);
          await cli.out(p.stdout);
        }
        return finish(cli, errors);
      }),
  });
}

export function rolloutCommand() {
  const status = defineCommand({
    use: 'status (TYPE NAME | TYPE/NAME) [flags]',
    short: 'Show the status of the rollout',
    long: 'Show the status of the rollout.\n\n By default \'rollout status\' will watch the status of the latest rollout until it\'s done. If you don\'t want to wait for the rollout to finish then you can use --watch=false. Note that if a new rollout starts in-between, then \'rollout status\' will continue watching the latest revision. If you want to pin to a specific revision and abort if it is rolled over by another revision, use --revision=N where N is the revision you need to watch for.',
    example: '  # Watch the rollout status of a deployment\n  kubectl rollout status deployment/nginx',
    flags: {
      filename: flag.stringSlice('filename', { short: 'f', usage: 'Filename, directory, or URL to files identifying the resource to get from a server.' }),
      revision: flag.sizedInt('revision', 'int64', { usage: 'Pin to a specific revision for showing its status. Defaults to 0 (last revision).' }),
      timeout: flag.duration('timeout', { usage: 'The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).' }),
      watch: flag.bool('watch', { short: 'w', usage: 'Watch the status of the rollout until it\'s done.', default: true }),
    },
    run: (cli, args, f) =>
      guard(cli, async (client) => {
        if (args.length === 0 && f.filename.length === 0) throw new UsageError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
        const api = await client.connect();
        const errors: unknown[] = [];
        const targets = await resolveTargets(cli, client, api, args, f.filename, errors);
        if (errors.length) return finish(cli, errors);
        const t = targets[0];
        if (!t) return 0;
        if (t.info.kind !== 'Deployment') throw new UsageError(`no status viewer has been implemented for ${t.info.kind}`);
        const ns = t.obj.metadata.namespace ?? '';
        const name = t.obj.metadata.name ?? '';
        let last = '';
        let result: { text: string; done: boolean; error?: string } = { text: '', done: false };
        const check = () => {
          const g = api.get(gvr(t.info), ns, name);
          if (!g.ok) {
            result = { text: '', done: true, error: g.status.message };
            return true;
          }
          result = deploymentStatus(g.value);
          return result.done || result.error !== undefined;
        };
        const printNew = async () => {
          if (result.text && result.text !== last) {
            last = result.text;
            await cli.out(result.text);
          }
        };
        check();
        await printNew();
        if (!f.watch || result.done || result.error) {
          if (result.error) throw new UsageError(result.error);
          return 0;
        }
        for (;;) {
          const ok = await waitFor(cli, api, () => {
            const before = result.text;
            const fin = check();
            return fin || result.text !== before;
          }, f.timeout > 0 ? f.timeout : Infinity);
          if (!ok) throw new UsageError('timed out waiting for the condition');
          await printNew();
          if (result.error) throw new UsageError(result.error);
          if (result.done) return 0;
        }
      }),
  });
  const history = defineCommand({
    use: 'history (TYPE NAME | TYPE/NAME) [flags]',
    short: 'View rollout history',
    long: 'View previous rollout revisions and configurations.',
    example: '  # View the rollout history of a deployment\n  kubectl rollout history deployment/abc',
    flags: { revision: flag.sizedInt('revision', 'int64', { usage: 'See the details, including podTemplate of the revision specified' }) },
    run: (cli, args, f) =>
      guard(cli, async (client) => {
        const api = await client.connect();
        const errors: unknown[] = [];
        for (const { info, obj } of await deploymentTarget(cli, client, api, args, errors)) {
          if (info.kind !== 'Deployment') {
            errors.push(new UsageError(`no history viewer has been implemented for ${JSON.stringify(info.kind)}`));
            continue;
          }
          const rss = ownedReplicaSets(api, obj).filter((rs) => !Number.isNaN(revisionOf(rs)));
          const header = `${kindName(info, obj.metadata.name ?? '')}${f.revision > 0 ? ` with revision #${f.revision}` : ''}\n`;
          if (!rss.length) {
            await cli.out(`${header}No rollout history found.\n`);
            continue;
          }
          if (f.revision > 0) {
            errors.push(new UsageError(`dockyard: 'kubectl rollout history --revision' is not simulated here`));
            continue;
          }
          const tw = new TabWriter({ minwidth: 0, tabwidth: 8, padding: 2, padchar: ' ', flags: 0 });
          tw.write('REVISION\tCHANGE-CAUSE\n');
          for (const rs of rss.sort((x, y) => revisionOf(x) - revisionOf(y))) tw.write(`${revisionOf(rs)}\t${rs.metadata.annotations?.['kubernetes.io/change-cause'] ?? '<none>'}\n`);
          await cli.out(`${header}${tw.flush().take()}\n`);
        }
        return finish(cli, errors);
      }),
  });
  const undo = defineCommand({
    use: 'undo (TYPE NAME | TYPE/NAME) [flags]',
    short: 'Undo a previous rollout',
    long: 'Roll back to a previous rollout.',
    example: '  # Roll back to the previous deployment\n  kubectl rollout undo deployment/abc',
    flags: { ...printFlagDefs(), toRevision: flag.sizedInt('to-revision', 'int64', { usage: 'The revision to rollback to. Default to 0 (last revision).' }), dryRun: dryRunFlag() },
    run: (cli, args, f) =>
      guard(cli, async (client) => {
        const api = await client.connect();
        const errors: unknown[] = [];
        for (const { info, obj } of await deploymentTarget(cli, client, api, args, errors)) {
          if (info.kind !== 'Deployment') {
            errors.push(new UsageError(`no rollbacker has been implemented for ${JSON.stringify(info.kind)}`));
            continue;
          }
          if (o(obj.spec).paused === true) {
            errors.push(new UsageError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again"));
            continue;
          }
          const rss = ownedReplicaSets(api, obj)
            .filter((rs) => !Number.isNaN(revisionOf(rs)))
            .sort((x, y) => revisionOf(y) - revisionOf(x));
          let target: KubeObject | undefined;
          if (f.toRevision > 0) {
            target = rss.find((rs) => revisionOf(rs) === f.toRevision);
            if (!target) {
              errors.push(new UsageError(`unable to find specified revision ${f.toRevision} in history`));
              continue;
            }
          } else {
            if (rss.length === 0) {
              errors.push(new UsageError(`no rollout history found for deployment ${JSON.stringify(obj.metadata.name ?? '')}`));
              continue;
            }
            target = rss[1];
            if (!target) {
              errors.push(new UsageError('no last revision to roll back to'));
              continue;
            }
          }
          const tpl = JSON.parse(JSON.stringify(o(target.spec).template ?? {})) as Obj;
          const labels = o(o(tpl.metadata).labels);
          delete labels['pod-template-hash'];
          const current = JSON.stringify(o(obj.spec).template ?? {});
          if (JSON.stringify(tpl) === current) {
            await cli.out(`${kindName(info, obj.metadata.name ?? '')} skipped rollback (current template already matches revision ${revisionOf(target)})\n`);
            continue;
          }
          const body = JSON.parse(JSON.stringify(obj)) as Obj;
          o(body.spec).template = tpl;
          const r = api.update(gvr(info), obj.metadata.namespace ?? '', obj.metadata.name ?? '', body);
          if (!r.ok) {
            errors.push(new StatusError(r.status));
            continue;
          }
          await cli.out(printMutation(cli, r.value, info, 'rolled back', f).stdout);
        }
        return finish(cli, errors);
      }),
  });
  return defineCommand({
    use: 'rollout SUBCOMMAND',
    short: 'Manage the rollout of a resource',
    long: `Manage the rollout of one or many resources.

 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets`,
    example: '  # Rollback to the previous deployment\n  kubectl rollout undo deployment/abc\n\n  # Check the rollout status of a daemonset\n  kubectl rollout status daemonset/foo\n\n  # Restart a deployment\n  kubectl rollout restart deployment/abc\n\n  # Restart deployments with the \'app=nginx\' label\n  kubectl rollout restart deployment --selector=app=nginx',
    args: min(0),
    subcommands: [
      history,
      rolloutSub('pause RESOURCE', 'Mark the provided resource as paused', 'pause'),
      rolloutSub('restart RESOURCE', 'Restart a resource', 'restart'),
      rolloutSub('resume RESOURCE', 'Resume a paused resource', 'resume'),
      status,
      undo,
    ],
    run: async (cli) => {
      await cli.err(cli.helpText('stderr'));
      return 1;
    },
  });
}
