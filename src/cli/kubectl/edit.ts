/**
 * `kubectl edit` (k8s.io/kubectl pkg/cmd/edit, pkg/cmd/util/editor/editoptions.go + editor.go,
 * v1.33): the live object as YAML in /tmp/kubectl-edit-*.yaml under kubectl's header, opened with
 * $KUBE_EDITOR, else $EDITOR, else vi (a value with spaces runs through `sh -c`), kubectl waiting for
 * the editor process to exit; then the change is sent as a patch (`pod/web edited`), or the edit is
 * cancelled, or the file is reopened with the server's complaint in its header.
 */
import { spawnCommand } from '../../engine/runtime/exec';
import { defineCommand, flag, type CliContext } from '../lib/command';
import { parseGoYaml } from '../lib/goyaml';
import { StatusError, UsageError } from './client';
import { clone, gvr, guard, isObj, stripManaged, type Obj } from './common';
import { threeWayPatch } from './apply';
import { marshalYAML } from './printers';
import { mapType } from './resource';
import { goQuote } from '../../engine/core/gotext';

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

const stripComments = (s: string): string =>
  s
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('#'))
    .join('\n');

/** Runs the editor on `path` and waits for it; false when it failed. */
async function runEditor(cli: CliContext, path: string): Promise<{ ok: boolean; editor: string }> {
  const env = cli.proc.env;
  const editor = env.get('KUBE_EDITOR') || env.get('EDITOR') || 'vi';
  const argv = /\s/.test(editor.trim()) ? ['sh', '-c', `${editor} ${path}`] : [editor, path];
  try {
    const p = spawnCommand(cli.proc, argv);
    const exit = await cli.proc.wait(p.exited);
    return { ok: exit.status === 0, editor };
  } catch {
    return { ok: false, editor };
  }
}

export function editCommand() {
  return defineCommand({
    use: 'edit (RESOURCE/NAME | -f FILENAME)',
    short: 'Edit a resource on the server',
    long: `Edit a resource from the default editor.

 The edit command allows you to directly edit any API resource you can retrieve via the command-line tools. It will open the editor defined by your KUBE_EDITOR, or EDITOR environment variables, or fall back to 'vi' for Linux or 'notepad' for Windows. When attempting to open the editor, it will first attempt to use the shell that has been defined in the 'SHELL' environment variable. If this is not defined, the default shell will be used, which is '/bin/bash' for Linux or 'cmd' for Windows.

 You can edit multiple objects, although changes are applied one at a time. The command accepts file names as well as command-line arguments, although the files you point to must be previously saved versions of resources.

 Editing is done with the API version used to fetch the resource. To edit using a specific API version, fully-qualify the resource, version, and group.

 The default format is YAML. To edit in JSON, specify "-o json".

 The flag --windows-line-endings can be used to force Windows line endings, otherwise the default for your operating system will be used.

 In the event an error occurs while updating, a temporary file will be created on disk that contains your unapplied changes. The most common error when updating a resource is another editor changing the resource on the server. When this occurs, you will have to apply your changes to the newer version of the resource, or update your temporary saved copy to include the latest resource version.`,
    example:
      "  # Edit the service named 'registry'\n  kubectl edit svc/registry\n\n  # Use an alternative editor\n  KUBE_EDITOR=\"nano\" kubectl edit svc/registry\n\n  # Edit the job 'myjob' in JSON using the v1 API format\n  kubectl edit job.v1.batch/myjob -o json\n\n  # Edit the deployment 'mydeployment' in YAML and save the modified config in its annotation\n  kubectl edit deployment/mydeployment -o yaml --save-config",
    flags: {
      output: flag.string('output', { short: 'o', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' }),
      filename: flag.stringSlice('filename', { short: 'f', usage: 'Filename, directory, or URL to files to use to edit the resource' }),
      saveConfig: flag.bool('save-config', { usage: 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.' }),
      subresource: flag.string('subresource', { usage: "If specified, edit will operate on the subresource of the requested object. Must be one of [status]. This flag is beta and may change in the future." }),
      validate: flag.string('validate', { usage: 'Must be one of: strict (or true), warn, ignore (or false).', default: 'strict', noOptDefVal: 'strict' }),
      windowsLineEndings: flag.bool('windows-line-endings', { usage: 'Defaults to the line ending native to your platform.' }),
    },
    run: (cli, args) =>
      guard(cli, async (client) => {
        if (args.length === 0) throw new UsageError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
        const api = await client.connect();
        let type: string;
        let name: string;
        if (args.length === 1 && args[0]!.includes('/')) [type, name] = [args[0]!.slice(0, args[0]!.indexOf('/')), args[0]!.slice(args[0]!.indexOf('/') + 1)];
        else [type, name] = [args[0]!, args[1] ?? ''];
        const info = mapType(type);
        if (!name) throw new UsageError(`dockyard: 'kubectl edit ${type}' without a name is not simulated here`);
        const ns = info.namespaced ? client.namespace : '';
        const got = api.get(gvr(info), ns, name);
        if (!got.ok) throw new StatusError(got.status);
        const live = stripManaged(got.value) as unknown as Obj;
        const originalYaml = marshalYAML(live);
        const path = `/tmp/kubectl-edit-${cli.proc.kernel.ids.string('kubectl/edit', 10, '0123456789')}.yaml`;
        let header = HEADER;
        let body = originalYaml;
        let lastFailedBody: string | undefined;
        for (;;) {
          cli.proc.fs.writeFile(path, header + body);
          const ed = await runEditor(cli, path);
          if (!ed.ok) throw new UsageError(`there was a problem with the editor ${goQuote(ed.editor)}`);
          let edited: string;
          try {
            edited = cli.proc.fs.readText(path);
          } catch {
            edited = '';
          }
          const content = stripComments(edited);
          if (lastFailedBody !== undefined && content === stripComments(lastFailedBody)) {
            await cli.err(`A copy of your changes has been stored to "${path}"\n`);
            throw new UsageError('Edit cancelled, no valid changes were saved.');
          }
          if (content.trim() === '') {
            cli.proc.fs.rm(path);
            await cli.err('Edit cancelled, saved file was empty.\n');
            return 0;
          }
          if (content === stripComments(originalYaml) && lastFailedBody === undefined) {
            cli.proc.fs.rm(path);
            await cli.err('Edit cancelled, no changes made.\n');
            return 0;
          }
          const parsed = parseGoYaml(content, { flavour: 'kubectl' });
          const doc = parsed.ok ? parsed.documents[0]?.value : undefined;
          let failure: string[] | undefined;
          let statusLine: string;
          if (!parsed.ok || !isObj(doc)) {
            failure = [`The edited file had a syntax error: ${parsed.ok ? 'the edited file is not an object' : parsed.error}`];
            statusLine = `error: ${failure[0]!}`;
          } else {
            const patch = threeWayPatch(live, clone(doc), live, info.kind);
            if (Object.keys(patch).length === 0) {
              cli.proc.fs.rm(path);
              await cli.err('Edit cancelled, no changes made.\n');
              return 0;
            }
            const r = api.patch(gvr(info), ns, name, 'strategic', patch, { fieldValidation: 'Strict' });
            if (r.ok) {
              cli.proc.fs.rm(path);
              await cli.out(`${info.kind.toLowerCase()}${info.group ? `.${info.group}` : ''}/${name} edited\n`);
              return 0;
            }
            const causes = r.status.details?.causes ?? [];
            failure = [`${info.resource}${info.group ? `.${info.group}` : ''} ${goQuote(name)} was not valid:`, ...(causes.length ? causes.map((c) => `* ${c.field}: ${c.message}`) : [`* ${r.status.message}`])];
            statusLine = r.status.reason === 'Invalid' ? `error: ${info.resource}${info.group ? `.${info.group}` : ''} ${goQuote(name)} is invalid` : `error: ${r.status.message}`;
          }
          await cli.err(`${statusLine}\n`);
          header = `${HEADER}${failure.map((l) => `# ${l}\n`).join('')}#\n`;
          body = content.replace(/^\n+/, '');
          lastFailedBody = header + body;
        }
      }),
  });
}

