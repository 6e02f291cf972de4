/**
 * Dockerfile hover, completion and diagnostics in Monaco, from `dockerfileService.ts`. The service
 * (dockerfile-language-service, dockerfile-utils, dockerfile-ast) is a separate chunk, imported the
 * first time a Dockerfile model exists or a provider is asked; it is small and fast enough to run on
 * the main thread (a Dockerfile is validated in well under a millisecond).
 */
import type * as Monaco from 'monaco-editor/editor/editor.api';
import type { DockerfileCompletion, DockerfileMarker, DockerfileService } from './dockerfileService';

export const DOCKERFILE_MARKER_OWNER = 'dockerfile';
const VALIDATE_DELAY_MS = 200;

export function registerDockerfileSupport(monaco: typeof Monaco): Monaco.IDisposable {
  let loading: Promise<DockerfileService> | null = null;
  const load = () => (loading ??= import('./dockerfileService').then((m) => m.createDockerfileService()));

  const toMarkerData = (m: DockerfileMarker): Monaco.editor.IMarkerData => ({
    startLineNumber: m.startLineNumber,
    startColumn: m.startColumn,
    endLineNumber: m.endLineNumber,
    endColumn: m.endColumn,
    message: m.message,
    source: m.source,
    severity: monaco.MarkerSeverity[m.severity],
    tags: m.tags.map((t) => monaco.MarkerTag[t]),
    ...(m.code !== undefined ? { code: m.code } : {}),
  });

  const toCompletionItem = (c: DockerfileCompletion): Monaco.languages.CompletionItem => ({
    label: c.label,
    kind: monaco.languages.CompletionItemKind[c.kind],
    insertText: c.insertText,
    insertTextRules: c.snippet ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet : monaco.languages.CompletionItemInsertTextRule.None,
    range: c.range,
    ...(c.documentation !== undefined ? { documentation: { value: c.documentation } } : {}),
    ...(c.detail !== undefined ? { detail: c.detail } : {}),
    ...(c.filterText !== undefined ? { filterText: c.filterText } : {}),
    ...(c.sortText !== undefined ? { sortText: c.sortText } : {}),
    ...(c.deprecated ? { tags: [monaco.languages.CompletionItemTag.Deprecated] } : {}),
  });

  // Diagnostics: validate each Dockerfile model when it appears and shortly after each change.
  const watched = new Map<string, { model: Monaco.editor.ITextModel; sub: Monaco.IDisposable; timer?: ReturnType<typeof setTimeout> }>();
  const validate = async (model: Monaco.editor.ITextModel) => {
    const service = await load();
    if (model.isDisposed() || model.getLanguageId() !== 'dockerfile') return;
    const version = model.getVersionId();
    const markers = service.markers(model.getValue());
    if (model.isDisposed() || model.getVersionId() !== version) return;
    monaco.editor.setModelMarkers(model, DOCKERFILE_MARKER_OWNER, markers.map(toMarkerData));
  };
  const unwatch = (model: Monaco.editor.ITextModel) => {
    const key = model.uri.toString();
    const w = watched.get(key);
    if (!w) return;
    clearTimeout(w.timer);
    w.sub.dispose();
    watched.delete(key);
    if (!model.isDisposed()) monaco.editor.setModelMarkers(model, DOCKERFILE_MARKER_OWNER, []);
  };
  const watch = (model: Monaco.editor.ITextModel) => {
    if (model.getLanguageId() !== 'dockerfile') {
      unwatch(model);
      return;
    }
    const key = model.uri.toString();
    if (watched.has(key)) return;
    const entry: { model: Monaco.editor.ITextModel; sub: Monaco.IDisposable; timer?: ReturnType<typeof setTimeout> } = {
      model,
      sub: model.onDidChangeContent(() => {
        clearTimeout(entry.timer);
        entry.timer = setTimeout(() => void validate(model), VALIDATE_DELAY_MS);
      }),
    };
    watched.set(key, entry);
    void validate(model);
  };

  const disposables: Monaco.IDisposable[] = [
    monaco.editor.onDidCreateModel(watch),
    monaco.editor.onWillDisposeModel(unwatch),
    monaco.editor.onDidChangeModelLanguage((e) => watch(e.model)),
    monaco.languages.registerHoverProvider('dockerfile', {
      async provideHover(model, position) {
        const h = (await load()).hover(model.getValue(), position.lineNumber, position.column);
        return h ? { contents: [{ value: h.contents }], ...(h.range ? { range: h.range } : {}) } : null;
      },
    }),
    monaco.languages.registerCompletionItemProvider('dockerfile', {
      triggerCharacters: ['=', '$', '-', '{'],
      async provideCompletionItems(model, position) {
        const items = await (await load()).completions(model.getValue(), position.lineNumber, position.column);
        return { suggestions: items.map(toCompletionItem) };
      },
    }),
  ];
  for (const model of monaco.editor.getModels()) watch(model);

  return {
    dispose() {
      for (const d of disposables) d.dispose();
      for (const w of [...watched.values()]) unwatch(w.model);
    },
  };
}
