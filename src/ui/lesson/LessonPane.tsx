/**
 * The lesson pane: loads the current lesson from `virtual:lessons` (one chunk per lesson) and shows
 * it with the course navigation. The UI shell places it in the region labelled "Lesson".
 *
 * Each lesson has its own world (src/lessons/course.ts); the pane's checks run only once the
 * session runs the shown lesson's world, and start afresh at each switch of world.
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
  /** The lesson whose world the session runs now, and a number bumped at each switch of world. */
  readonly worldLessonId: string | undefined;
  readonly worldEpoch: number;
  /** Back to the lesson's start; the course keeps the replaced world for onUndoReset. */
  onReset(): void;
  readonly canUndoReset?: boolean;
  onUndoReset?(): void;
  /** Exercises and quizzes done, as `lessonId/id`. */
  readonly done: ReadonlySet<string>;
  /** Called once when an exercise or quiz becomes done, with `lessonId/id`. */
  onExerciseDone(key: string): void;
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
  const active = props.worldLessonId === loaded.lesson.id;
  return (
    <LessonView
      key={`${loaded.lesson.id}#${active ? props.worldEpoch : 'waiting'}`}
      lang={lang}
      lessons={lessons}
      lesson={loaded.lesson}
      session={session}
      active={active}
      onRun={props.onRun}
      onOpenFile={props.onOpenFile}
      onNavigate={props.onNavigate}
      lessonHref={props.lessonHref}
      onReset={props.onReset}
      canUndoReset={props.canUndoReset}
      onUndoReset={props.onUndoReset}
      done={props.done}
      onExerciseDone={props.onExerciseDone}
    />
  );
}
