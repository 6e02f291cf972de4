/**
 * The lesson pane (built in src/ui/lesson), loaded after the terminal: its Markdown renderer and
 * the lesson index are not needed for the first prompt.
 */
import { lazy, Suspense, useCallback } from 'react';
import { ErrorBoundary } from './ErrorBoundary';
import { useActions, useDockyard, useSession, useStrings } from './context';

const LessonPane = lazy(() => import('./lesson/LessonPane').then((m) => ({ default: m.LessonPane })));
const StorageNotice = lazy(() => import('./persist/StorageNotice').then((m) => ({ default: m.StorageNotice })));

export function LessonSlot(props: { onReset(): void }) {
  const t = useStrings();
  const session = useSession();
  const actions = useActions();
  const { lang, lessonId, layout, done, canUndoReset, worldLessonId, worldEpoch, progress } = useDockyard((s) => ({
    progress: s.progress,
    lang: s.lang,
    lessonId: s.lessonId,
    layout: s.layout,
    done: s.done,
    canUndoReset: s.canUndoReset,
    worldLessonId: s.worldLessonId,
    worldEpoch: s.worldEpoch,
  }));
  const onOpenFile = useCallback((path: string, content: string) => actions.openFile(path, { content, focus: true }), [actions]);
  const lessonHref = useCallback(
    (id: string) => {
      if (layout === 'embed') return `#${encodeURIComponent(id)}`;
      const params = new URLSearchParams(window.location.search);
      params.set('lesson', id);
      return `?${params.toString()}`;
    },
    [layout],
  );
  return (
    <ErrorBoundary fallback={(_e, retry) => <Failed text={t.paneFailed(t.lesson.toLowerCase())} retry={retry} label={t.retry} />}>
    <Suspense fallback={<p className="dy-empty">{t.loadingLesson}</p>}>
      <LessonPane
        lang={lang}
        lessonId={lessonId}
        session={session}
        onRun={actions.runInTerminal}
        onOpenFile={onOpenFile}
        onNavigate={actions.setLesson}
        lessonHref={lessonHref}
        onReset={() => {
          actions.resetLesson();
          props.onReset();
        }}
        canUndoReset={canUndoReset}
        onUndoReset={actions.undoReset}
        done={done}
        onExerciseDone={actions.markDone}
        worldLessonId={worldLessonId}
        worldEpoch={worldEpoch}
      />
      {progress ? <StorageNotice store={progress} lang={lang} transfer={layout !== 'embed'} /> : null}
    </Suspense>
    </ErrorBoundary>
  );
}

export function Failed(props: { text: string; label: string; retry(): void }) {
  return (
    <div className="dy-empty" role="alert">
      {props.text}{' '}
      <button type="button" onClick={props.retry}>
        {props.label}
      </button>
    </div>
  );
}
