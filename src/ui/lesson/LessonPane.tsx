/**
 * The lesson pane: loads the current lesson from `virtual:lessons` (one chunk per lesson) and shows
 * it with the course navigation. The UI shell places it in the region labelled "Lesson".
 *
 * Wiring (the store's actions): onRun = actions.runInTerminal, onOpenFile = (path, content) =>
 * actions.openFile(path, { content, focus: true }), onNavigate = actions.setLesson, onReset = the
 * session's "back to this lesson's start".
 */
import { useEffect, useState } from 'react';
import { lessons as courseIndex, loadLesson } from 'virtual:lessons';
import type { CompiledLesson, LessonIndexEntry } from '../../lessons/lesson';
import type { Lang } from '../../lessons/schema';
import type { Session } from '../../session/types';
import type { LessonActions } from './context';
import { LessonView, type LessonNavProps } from './LessonView';
import { LESSON_STRINGS } from './strings';
import './lesson.css';

export interface LessonPaneProps extends LessonActions, LessonNavProps {
  readonly lang: Lang;
  /** The lesson to show; the first lesson of the course when undefined. */
  readonly lessonId: string | undefined;
  readonly session: Session;
  onReset(): void;
  /** Exercises already done (restored progress), as `lessonId/exerciseId`. */
  readonly done?: Iterable<string>;
  /** Called once when an exercise becomes done, with `lessonId/exerciseId` (to persist progress). */
  onExerciseDone?(key: string): void;
  /** The course index (default: every lesson of `virtual:lessons`). */
  readonly lessons?: readonly LessonIndexEntry[];
  /** Loads a lesson (default: `loadLesson` of `virtual:lessons`). */
  load?(id: string): Promise<CompiledLesson | undefined>;
}

type Loaded = { readonly id: string; readonly lesson: CompiledLesson | undefined };

export function LessonPane(props: LessonPaneProps) {
  const { lang, session, lessons = courseIndex, load = loadLesson } = props;
  const id = props.lessonId ?? lessons[0]?.id;
  const [loaded, setLoaded] = useState<Loaded | undefined>(undefined);
  // Done exercises outlive sessions (Reset) and lessons: one set for the pane's lifetime.
  const [done] = useState(() => new Set(props.done ?? []));
  const t = LESSON_STRINGS[lang];

  useEffect(() => {
    if (id === undefined) return;
    let live = true;
    load(id).then(
      (lesson) => live && setLoaded({ id, lesson }),
      () => live && setLoaded({ id, lesson: undefined }),
    );
    return () => {
      live = false;
    };
  }, [id, load]);

  if (id === undefined) return <p className="dy-lesson-empty">{t.notFound('')}</p>;
  if (!loaded || loaded.id !== id) {
    return (
      <p className="dy-lesson-loading" role="status">
        {t.loading}
      </p>
    );
  }
  if (!loaded.lesson) return <p className="dy-lesson-empty">{t.notFound(id)}</p>;
  return (
    <LessonView
      lang={lang}
      lessons={lessons}
      lesson={loaded.lesson}
      session={session}
      onRun={props.onRun}
      onOpenFile={props.onOpenFile}
      onNavigate={props.onNavigate}
      lessonHref={props.lessonHref}
      onReset={props.onReset}
      done={done}
      onExerciseDone={(key) => {
        done.add(key);
        props.onExerciseDone?.(key);
      }}
    />
  );
}
