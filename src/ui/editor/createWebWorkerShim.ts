/**
 * monaco-editor 0.55+ wants `editor.createWebWorker({ worker })`; monaco-worker-manager (used by
 * monaco-yaml 5.5) still calls it with `{ moduleId, label, createData }`. This shim gets the
 * worker from MonacoEnvironment.getWorker, does the worker-manager handshake ('ignore', then the
 * createData), and hands Monaco the worker. See toolchain.md gotcha 2 and monaco-yaml issue #272.
 */
import type * as Monaco from 'monaco-editor/editor/editor.api';

type CreateWebWorker = typeof Monaco.editor.createWebWorker;

interface LegacyOptions {
  moduleId: string;
  label?: string;
  createData?: unknown;
  host?: Record<string, (...args: unknown[]) => unknown>;
  keepIdleModels?: boolean;
}

const patched = new WeakSet<object>();

export function patchCreateWebWorker(monaco: typeof Monaco): void {
  if (patched.has(monaco.editor)) return;
  patched.add(monaco.editor);
  const original: CreateWebWorker = monaco.editor.createWebWorker.bind(monaco.editor);
  const shim = (opts: Monaco.editor.IInternalWebWorkerOptions | LegacyOptions) => {
    if ('worker' in opts) return original(opts);
    const legacy = opts;
    const env = self.MonacoEnvironment;
    if (!env?.getWorker) throw new Error('MonacoEnvironment.getWorker is not set');
    const worker = Promise.resolve(env.getWorker(legacy.moduleId, legacy.label ?? legacy.moduleId)).then((w) => {
      w.postMessage('ignore');
      w.postMessage(legacy.createData);
      return w;
    });
    return original({ worker, host: legacy.host, keepIdleModels: legacy.keepIdleModels });
  };
  // The legacy call shape is not in Monaco's types any more, hence the cast.
  (monaco.editor as { createWebWorker: unknown }).createWebWorker = shim;
}
