/**
 * The Monaco surface, loaded lazily (React.lazy) so the terminal is usable first. One editor,
 * one model per open file (file:// URIs of the session's paths).
 */
import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef } from 'react';
import type * as Monaco from 'monaco-editor/editor/editor.api';
import type { Theme } from '../store';
import { languageForPath } from './languages';
import { monaco } from './monacoSetup';

export interface MonacoEditorProps {
  /** Distinguishes this instance's models from another instance's on the same page. */
  instance: string;
  path: string;
  text: string;
  readOnly: boolean;
  theme: Theme;
  openPaths: readonly string[];
  focusSeq: number;
  ariaLabel: string;
  onChange(path: string, text: string): void;
  onSave(path: string): void;
}

/** file://<instance>/path: models live in one registry per page, so each instance has its own authority. */
export function uriOf(instance: string, path: string): string {
  return monaco.Uri.from({ scheme: 'file', authority: instance, path }).toString();
}

export default function MonacoEditor(props: MonacoEditorProps) {
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const latest = useRef(props);
  latest.current = props;

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => latest.current.onSave(latest.current.path));
    if (latest.current.focusSeq > 0) editor.focus();
  };

  // Models of closed files go away with them.
  const openKey = props.openPaths.join('\0');
  useEffect(() => {
    const { instance, openPaths } = latest.current;
    const open = new Set(openPaths.map((p) => uriOf(instance, p)));
    for (const m of monaco.editor.getModels()) if (m.uri.authority === instance && !open.has(m.uri.toString())) m.dispose();
  }, [openKey]);

  useEffect(() => {
    if (props.focusSeq > 0) editorRef.current?.focus();
  }, [props.focusSeq]);

  // When the instance goes, so do its models (the store keeps the text).
  useEffect(
    () => () => {
      editorRef.current = null;
      for (const m of monaco.editor.getModels()) if (m.uri.authority === latest.current.instance) m.dispose();
    },
    [],
  );

  return (
    <Editor
      className="dy-monaco"
      path={uriOf(props.instance, props.path)}
      language={languageForPath(props.path)}
      value={props.text}
      theme={props.theme === 'dark' ? 'vs-dark' : 'vs'}
      keepCurrentModel
      loading={null}
      onMount={onMount}
      onChange={(v) => latest.current.onChange(latest.current.path, v ?? '')}
      options={{
        readOnly: props.readOnly,
        ariaLabel: props.ariaLabel,
        automaticLayout: true,
        fontSize: 14,
        minimap: { enabled: false },
        scrollBeyondLastLine: false,
        tabSize: 2,
        insertSpaces: true,
        renderWhitespace: 'selection',
        wordWrap: 'off',
        unicodeHighlight: { ambiguousCharacters: false },
        fixedOverflowWidgets: true,
      }}
    />
  );
}
