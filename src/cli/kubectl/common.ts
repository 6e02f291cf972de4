/**
 * What every kubectl verb shares: the global flags, the client of one invocation, running a body
 * with kubectl's error printing (cmdutil.CheckErr), and the printer flags of get/create/apply.
 */
import type { ApiServer, Gvr, KubeObject, ResourceInfo } from '../../engine/kube/apiserver';
import { flag, type CliContext } from '../lib/command';
import { clientFor, errorText, errorsText, type Client, type GlobalFlags } from './client';
import { printObjects, type PrintOptions } from './printers';

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export function gvr(info: ResourceInfo): Gvr {
  return { group: info.group, version: info.version, resource: info.resource };
}

export function globalFlags(cli: CliContext): GlobalFlags {
  const f = (n: string) => cli.flag<string>(n) || undefined;
  return { kubeconfig: f('kubeconfig'), context: f('context'), cluster: f('cluster'), user: f('user'), namespace: f('namespace'), server: f('server') };
}

/** Runs a verb's body; a thrown kubectl error is printed as CheckErr prints it (exit 1). */
export async function guard(cli: CliContext, body: (client: Client) => Promise<number>): Promise<number> {
  try {
    const client = clientFor(cli.proc, globalFlags(cli));
    return await body(client);
  } catch (e) {
    const { text, status } = errorText(e);
    await cli.err(text);
    return status;
  }
}

/** Prints the aggregate of errors collected with ContinueOnError; returns the exit status. */
export async function finish(cli: CliContext, errs: readonly unknown[]): Promise<number> {
  if (errs.length === 0) return 0;
  await cli.err(errorsText(errs));
  return 1;
}

export function nowOf(cli: CliContext): number {
  return cli.proc.kernel.clock.now();
}

/** Waits until `done()` holds, checking after each change the server commits (or each 100 ms). */
export async function waitFor(cli: CliContext, api: ApiServer, done: () => boolean, timeoutMs = Infinity): Promise<boolean> {
  const clock = cli.proc.kernel.clock;
  const end = clock.now() + timeoutMs;
  while (!done()) {
    if (clock.now() >= end) return false;
    let wake: () => void = () => {};
    const p = new Promise<void>((r) => (wake = r));
    const sub = api.onDidChange(() => wake());
    const timer = cli.proc.sleep(Math.min(1000, Math.max(1, end - clock.now()))).then(() => wake());
    try {
      await cli.proc.wait(p);
    } finally {
      sub.dispose();
    }
    void timer;
  }
  return true;
}

// ------------------------------------------------------------------ printer flags

export const printFlagDefs = (outputUsage = 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide). See custom columns [https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang template [http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template [https://kubernetes.io/docs/reference/kubectl/jsonpath/].') => ({
  output: flag.string('output', { short: 'o', usage: outputUsage }),
  template: flag.string('template', { usage: 'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].' }),
  allowMissingTemplateKeys: flag.bool('allow-missing-template-keys', { usage: 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.', default: true }),
  showManagedFields: flag.bool('show-managed-fields', { usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' }),
});

export interface PrintFlagValues {
  output: string;
  template: string;
  allowMissingTemplateKeys: boolean;
}

/** The generic `-o` printers of create/apply/run/expose… (no table: the name printer's `kind/name verb` by default). */
export function printMutation(cli: CliContext, obj: KubeObject, info: ResourceInfo, verb: string, f: PrintFlagValues): { stdout: string; stderr: string; ok: boolean } {
  const out = f.output;
  if (out === '' && !f.template) return { stdout: `${info.kind.toLowerCase()}${info.group ? `.${info.group}` : ''}/${obj.metadata.name ?? ''} ${verb}\n`, stderr: '', ok: true };
  if (out === 'name') return { stdout: `${info.kind.toLowerCase()}${info.group ? `.${info.group}` : ''}/${obj.metadata.name ?? ''}\n`, stderr: '', ok: true };
  const opts: PrintOptions = { output: out, template: f.template, now: nowOf(cli), single: true, allowMissingTemplateKeys: f.allowMissingTemplateKeys, readFile: (p) => readText(cli, p) };
  const r = printObjects([stripManaged(obj) as Obj], opts);
  return { stdout: r.stdout, stderr: r.stderr, ok: r.exitCode === 0 };
}

export function readText(cli: CliContext, p: string): string | undefined {
  try {
    return cli.proc.fs.readText(p.startsWith('/') ? p : `${cli.proc.cwd}/${p}`);
  } catch {
    return undefined;
  }
}

/** Objects as kubectl prints them by default: managedFields removed. */
export function stripManaged(o: KubeObject | Obj): Obj {
  const meta = (o as Obj).metadata;
  if (!isObj(meta) || meta.managedFields === undefined) return o as Obj;
  const { managedFields: _drop, ...rest } = meta;
  void _drop;
  return { ...(o as Obj), metadata: rest };
}

/** The `--dry-run` flag (none|server|client; bare `--dry-run` is "unchanged" → client, deprecated form). */
export const dryRunFlag = () =>
  flag.string('dry-run', {
    usage: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
    default: 'none',
    noOptDefVal: 'unchanged',
  });

export function dryRunOf(v: string): 'none' | 'client' | 'server' {
  if (v === 'client' || v === 'unchanged') return 'client';
  if (v === 'server') return 'server';
  if (v === 'none' || v === '') return 'none';
  throw new Error(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

export function dryRunSuffix(mode: 'none' | 'client' | 'server'): string {
  return mode === 'client' ? ' (dry run)' : mode === 'server' ? ' (server dry run)' : '';
}
