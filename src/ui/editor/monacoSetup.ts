/**
 * Monaco, loaded with the editor chunk (never before the prompt): the slim editor.api, the
 * languages and features Dockyard needs, its workers through Vite `?worker` imports, the
 * createWebWorker shim for monaco-yaml, and @monaco-editor/react pointed at this copy (no CDN).
 */
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor/editor.api';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import 'monaco-editor/languages/definitions/yaml/register';
import 'monaco-editor/languages/definitions/dockerfile/register';
import 'monaco-editor/languages/definitions/shell/register';
import 'monaco-editor/languages/definitions/markdown/register';
import 'monaco-editor/languages/definitions/python/register';
import 'monaco-editor/languages/definitions/javascript/register';
import 'monaco-editor/languages/definitions/typescript/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/links/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/unicodeHighlighter/register';
import 'monaco-editor/features/suggest/register';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import { configureMonacoYaml } from 'monaco-yaml';
import { patchCreateWebWorker } from './createWebWorkerShim';
import { registerDockerfileSupport } from './dockerfileMonaco';
import { yamlSchemaSettings } from './schemaData';
import YamlWorker from './yaml.worker?worker';

self.MonacoEnvironment = {
  getWorker: (_id: string, label: string) => (label === 'yaml' ? new YamlWorker() : new EditorWorker()),
};
patchCreateWebWorker(monaco);

// JSON has no Monarch grammar in the slim set (its language service needs a worker of its own):
// a small tokenizer is enough for highlighting.
monaco.languages.register({ id: 'json', extensions: ['.json'], aliases: ['JSON'] });
monaco.languages.setMonarchTokensProvider('json', {
  tokenizer: {
    root: [
      [/"(?:[^"\\]|\\.)*"(?=\s*:)/, 'type'],
      [/"(?:[^"\\]|\\.)*"/, 'string'],
      [/-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/, 'number'],
      [/\b(?:true|false|null)\b/, 'keyword'],
      [/[{}[\],:]/, 'delimiter'],
    ],
  },
});
monaco.languages.setLanguageConfiguration('json', {
  brackets: [
    ['{', '}'],
    ['[', ']'],
  ],
  autoClosingPairs: [
    { open: '{', close: '}' },
    { open: '[', close: ']' },
    { open: '"', close: '"', notIn: ['string'] },
  ],
});

loader.config({ monaco });

/** YAML validation, hover and completion: Kubernetes manifests and Compose files by name (yamlSchemas.ts). */
export const monacoYaml = configureMonacoYaml(monaco, {
  enableSchemaRequest: false,
  validate: true,
  hover: true,
  completion: true,
  schemas: yamlSchemaSettings(),
});

/** Dockerfile hover, completion and diagnostics (the language service loads with the first Dockerfile). */
registerDockerfileSupport(monaco);

/** For tests (e2e/editor-*.spec.ts) and debugging: every model's markers, read through the page. */
export interface EditorProbe {
  markers(): { path: string; owner: string; severity: number; message: string; line: number; column: number; endLine: number; endColumn: number }[];
}
declare global {
  interface Window {
    __dockyardEditor?: EditorProbe;
  }
}
window.__dockyardEditor = {
  markers: () =>
    monaco.editor.getModelMarkers({}).map((m) => ({
      path: m.resource.path,
      owner: m.owner,
      severity: m.severity,
      message: m.message,
      line: m.startLineNumber,
      column: m.startColumn,
      endLine: m.endLineNumber,
      endColumn: m.endColumn,
    })),
};

export { monaco };
