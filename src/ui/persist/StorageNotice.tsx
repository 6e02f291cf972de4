/**
 * What the learner needs to know about saved progress: another tab is the writer (with "Use this
 * tab"), storage problems (damaged records, private mode, full storage), and the "Export
 * progress" / "Import progress" controls. The owner places it in the page and reloads its state
 * after an import (`store.onDidImport`).
 */
import { useCallback, useRef, useState, useSyncExternalStore, type ChangeEvent } from 'react';
import type { Lang } from '../i18n';
import type { ProgressStore } from './store';
import { PERSIST_STRINGS, problemText } from './strings';
import './persist.css';

export interface StorageNoticeProps {
  readonly store: ProgressStore;
  readonly lang: Lang;
  /** A lesson's title for messages about its workspace (default: its id). */
  readonly lessonTitle?: (id: string) => string;
  /** Shows the export and import controls. Default true. */
  readonly transfer?: boolean;
  /** Name of the exported file. Default `dockyard-progress-<date>.json`. */
  readonly fileName?: string;
}

type Status = { readonly text: string; readonly detail?: string; readonly error: boolean } | null;

function useStoreState(store: ProgressStore) {
  const subscribe = useCallback((cb: () => void) => {
    const d = store.onDidChangeState(cb);
    return () => d.dispose();
  }, [store]);
  const problems = useSyncExternalStore(subscribe, () => store.problems, () => store.problems);
  const readOnly = useSyncExternalStore(subscribe, () => store.readOnly, () => store.readOnly);
  return { problems, readOnly };
}

export function StorageNotice({ store, lang, lessonTitle, transfer = true, fileName }: StorageNoticeProps) {
  const t = PERSIST_STRINGS[lang];
  const { problems, readOnly } = useStoreState(store);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const onExport = async () => {
    setBusy(true);
    try {
      const text = await store.exportProgress();
      download(text, fileName ?? `dockyard-progress-${new Date().toISOString().slice(0, 10)}.json`);
      setStatus(null);
    } catch (e) {
      setStatus({ text: t.exportFailed, detail: e instanceof Error ? e.message : String(e), error: true });
    } finally {
      setBusy(false);
    }
  };

  const onFile = async (ev: ChangeEvent<HTMLInputElement>) => {
    const el = ev.currentTarget;
    const file = el.files?.[0];
    if (!file) return;
    setBusy(true);
    try {
      const text = await file.text();
      const r = await store.importProgress(text);
      if (r.ok) setStatus({ text: t.imported(r.lessons.length), error: false });
      else setStatus({ text: `${t.importErrors[r.error.code]} ${r.error.code === 'storage' ? '' : t.nothingChanged}`.trim(), detail: r.error.detail, error: true });
    } catch (e) {
      setStatus({ text: `${t.importErrors['not-json']} ${t.nothingChanged}`, detail: e instanceof Error ? e.message : String(e), error: true });
    } finally {
      setBusy(false);
      // The same file may be chosen again.
      el.value = '';
    }
  };

  if (!transfer && !readOnly && problems.length === 0) return null;

  return (
    <section className="dy-storage" aria-label={t.region}>
      {readOnly && (
        <div className="dy-notice" role="status">
          <span>{t.readOnly}</span>
          <button type="button" onClick={() => void store.takeOver()}>
            {t.useThisTab}
          </button>
        </div>
      )}
      {problems.length > 0 && (
        <div className="dy-notice dy-notice-error" role="alert">
          <ul className="dy-storage-problems">
            {problems.map((p, i) => (
              <li key={i}>{problemText(t, p, lessonTitle)}</li>
            ))}
          </ul>
          <button type="button" aria-label={t.dismissLabel} onClick={() => store.dismissProblems()}>
            {t.dismiss}
          </button>
        </div>
      )}
      {transfer && (
        <div className="dy-storage-transfer">
          <button type="button" disabled={busy} onClick={() => void onExport()}>
            {t.exportProgress}
          </button>
          <button type="button" disabled={busy} onClick={() => input.current?.click()}>
            {t.importProgress}
          </button>
          <input ref={input} type="file" accept=".json,application/json" hidden aria-label={t.importProgress} onChange={(ev) => void onFile(ev)} />
          {status && (
            <span role="status" className={status.error ? 'dy-storage-status dy-storage-error' : 'dy-storage-status'} title={status.detail}>
              {status.text}
            </span>
          )}
        </div>
      )}
    </section>
  );
}

function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the URL; it may be released after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
