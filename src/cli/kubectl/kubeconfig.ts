/**
 * The kubeconfig file (client-go's clientcmd): where it is (`--kubeconfig`, $KUBECONFIG's first
 * existing file, ~/.kube/config), the current context, its cluster's server and its namespace.
 * With no file, or no current context, the server is http://localhost:8080 (clientcmd's default).
 */
import type { ProcessContext } from '../../engine/runtime/kernel';
import { resolvePath } from '../../engine/fs/path';
import { parseGoYaml } from '../lib/goyaml';
import { marshalYAML } from './printers';
import { KubectlError, type GlobalFlags } from './client';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const s = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

export interface KubeconfigFile {
  path: string;
  /** The parsed document (an empty Config when the file is missing). */
  doc: Obj;
  exists: boolean;
}

export interface ResolvedConfig {
  file: KubeconfigFile;
  contextName: string;
  clusterName: string;
  userName: string;
  server: string;
  namespace: string;
  /** `-n` given on the command line. */
  namespaceFromFlag: boolean;
}

export const DEFAULT_SERVER = 'http://localhost:8080';

function homeOf(ctx: ProcessContext): string {
  return ctx.env.get('HOME') || '/root';
}

/** The kubeconfig path this invocation reads (and writes, for `config use-context`). */
export function kubeconfigPath(ctx: ProcessContext, flags: GlobalFlags): string {
  if (flags.kubeconfig) return resolvePath(ctx.cwd, flags.kubeconfig);
  const env = ctx.env.get('KUBECONFIG');
  if (env) {
    const paths = env.split(':').filter((p) => p !== '');
    for (const p of paths) {
      const full = resolvePath(ctx.cwd, p);
      if (ctx.fs.exists(full)) return full;
    }
    if (paths[0]) return resolvePath(ctx.cwd, paths[0]);
  }
  return `${homeOf(ctx)}/.kube/config`;
}

export function emptyConfig(): Obj {
  return { apiVersion: 'v1', clusters: null, contexts: null, 'current-context': '', kind: 'Config', preferences: {}, users: null };
}

export function readKubeconfig(ctx: ProcessContext, flags: GlobalFlags): KubeconfigFile {
  const path = kubeconfigPath(ctx, flags);
  let text: string;
  try {
    text = new TextDecoder().decode(ctx.fs.readFile(path));
  } catch {
    if (flags.kubeconfig) throw new KubectlError(`error: stat ${flags.kubeconfig}: no such file or directory\n`);
    return { path, doc: emptyConfig(), exists: false };
  }
  const r = parseGoYaml(text, { flavour: 'kubectl' });
  if (!r.ok) throw new KubectlError(`error: error loading config file "${path}": ${r.error.replace(/^error converting YAML to JSON: /, '')}\n`);
  const doc = r.documents[0]?.value;
  return { path, doc: isObj(doc) ? doc : emptyConfig(), exists: true };
}

export function writeKubeconfig(ctx: ProcessContext, file: KubeconfigFile): void {
  const dir = file.path.slice(0, file.path.lastIndexOf('/')) || '/';
  try {
    if (!ctx.fs.exists(dir)) ctx.fs.mkdir(dir, { recursive: true });
    ctx.fs.writeFile(file.path, marshalYAML(file.doc));
  } catch {
    throw new KubectlError(`error: open ${file.path}: permission denied\n`);
  }
}

export function named(doc: Obj, key: 'clusters' | 'contexts' | 'users', name: string): Obj | undefined {
  const entry = list(doc[key]).find((e) => s(e.name) === name);
  if (!entry) return undefined;
  const inner = entry[key.slice(0, -1)];
  return isObj(inner) ? inner : {};
}

export function contextNames(doc: Obj): string[] {
  return list(doc.contexts).map((e) => s(e.name));
}

/** The settings of this invocation (flags over the current context over the defaults). */
export function loadKubeconfig(ctx: ProcessContext, flags: GlobalFlags): ResolvedConfig {
  const file = readKubeconfig(ctx, flags);
  const doc = file.doc;
  const contextName = flags.context || s(doc['current-context']);
  let context: Obj = {};
  if (contextName) {
    const c = named(doc, 'contexts', contextName);
    if (!c) {
      if (flags.context) throw new KubectlError(`error: context was not found for specified context: ${contextName}\n`);
      throw new KubectlError(`error: Error in configuration: context was not found for specified context: ${contextName}\n`);
    }
    context = c;
  }
  const clusterName = flags.cluster || s(context.cluster);
  const cluster = clusterName ? named(doc, 'clusters', clusterName) : undefined;
  if (clusterName && !cluster && contextName) throw new KubectlError(`error: Error in configuration: \n* context was not found for specified context: ${contextName}\n* cluster has no server defined\n`);
  const server = flags.server || s(cluster?.server) || DEFAULT_SERVER;
  const namespace = flags.namespace || s(context.namespace) || 'default';
  return { file, contextName, clusterName, userName: flags.user || s(context.user), server, namespace, namespaceFromFlag: !!flags.namespace };
}
