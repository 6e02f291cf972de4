/** The "Editor" region: the file tree, tabs of open files, and the (lazily loaded) Monaco editor. */
import { lazy, Suspense, useEffect, useRef, type KeyboardEvent } from 'react';
import { ErrorBoundary } from '../ErrorBoundary';
import { Failed } from '../LessonSlot';
import { useActions, useDockyard, useStrings } from '../context';
import { resolvedTheme } from '../store';
import { FileTree } from './FileTree';
import { displayName, isDirty } from './openFiles';

const MonacoEditor = lazy(() => import('./MonacoEditor'));

export function EditorPane(props: { instance: string }) {
  const t = useStrings();
  const actions = useActions();
  const { files, active, theme, focusSeq, flash } = useDockyard((s) => ({
    files: s.files,
    active: s.activeFile,
    theme: resolvedTheme(s),
    focusSeq: s.focus?.pane === 'editor' ? s.focus.seq : 0,
    flash: s.flash,
  }));
  const file = files.find((f) => f.path === active) ?? null;
  const rootRef = useRef<HTMLDivElement>(null);
  const hasFile = file !== null;

  // With no file open, "focus the editor" lands in the file tree.
  useEffect(() => {
    if (focusSeq > 0 && !hasFile) rootRef.current?.querySelector<HTMLElement>('[role="treeitem"][tabindex="0"], [role="toolbar"] button')?.focus();
  }, [focusSeq, hasFile]);

  const onKeyDown = (e: KeyboardEvent) => {
    // Ctrl-S anywhere in the editor region saves (and never opens the browser's "Save page").
    if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 's') {
      e.preventDefault();
      actions.saveFile();
    }
  };

  const close = (path: string) => {
    const f = files.find((x) => x.path === path);
    if (f && isDirty(f) && !window.confirm(t.confirmCloseUnsaved(displayName(path)))) return;
    actions.closeFile(path);
  };

  return (
    <div className="dy-editor" onKeyDown={onKeyDown} ref={rootRef}>
      <FileTree />
      <div className="dy-editor-main">
        <div className="dy-tabs" role="tablist" aria-label={t.openFiles}>
          {files.map((f) => {
            const dirty = isDirty(f);
            const name = displayName(f.path);
            return (
              <div key={f.path} className={`dy-tab${f.path === active ? ' dy-tab-active' : ''}`} title={f.path}>
                <button
                  type="button"
                  role="tab"
                  aria-selected={f.path === active}
                  tabIndex={f.path === active ? 0 : -1}
                  className="dy-tab-label"
                  onClick={() => actions.openFile(f.path)}
                >
                  {name}
                  {dirty && (
                    <span className="dy-dirty" aria-label={t.unsaved} title={t.unsaved}>
                      {' ●'}
                    </span>
                  )}
                </button>
                <button type="button" className="dy-tab-close" aria-label={t.closeFile(name)} title={t.closeFile(name)} onClick={() => close(f.path)}>
                  ×
                </button>
              </div>
            );
          })}
          {file && !file.readOnly && (
            <button type="button" className="dy-save" onClick={() => actions.saveFile()} disabled={!isDirty(file)}>
              {t.save}
            </button>
          )}
        </div>
        {flash && (
          <div className="dy-notice dy-notice-error" role="alert">
            {flash}
            <button type="button" className="dy-tab-close" aria-label={t.close} onClick={() => actions.setFlash(null)}>
              ×
            </button>
          </div>
        )}
        {file?.notice && (
          <div className="dy-notice" role="status">
            {file.notice === 'conflict' ? t.noticeConflict : file.notice === 'deleted' ? t.noticeDeleted : t.noticeBinary}
          </div>
        )}
        <div className="dy-monaco-host">
          {file ? (
            <ErrorBoundary fallback={(_e, retry) => <Failed text={t.paneFailed(t.editor.toLowerCase())} retry={retry} label={t.retry} />}>
            <Suspense fallback={<div className="dy-empty">{t.loadingEditor}</div>}>
              <MonacoEditor
                instance={props.instance}
                path={file.path}
                text={file.text}
                readOnly={file.readOnly}
                theme={theme}
                openPaths={files.map((f) => f.path)}
                focusSeq={focusSeq}
                ariaLabel={`${t.editor}: ${displayName(file.path)}`}
                onChange={actions.setText}
                onSave={(p) => actions.saveFile(p)}
              />
            </Suspense>
            </ErrorBoundary>
          ) : (
            <div className="dy-empty">{t.noFileOpen}</div>
          )}
        </div>
      </div>
    </div>
  );
}
