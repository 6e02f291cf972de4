/**
 * The lesson pane: loads the current lesson from `virtual:lessons` (one chunk per lesson) and shows
 * it with the course navigation. The UI shell places it in the region labelled "Lesson".
 *
 * Wiring (the store's actions): onRun = actions.runInTerminal, onOpenFile = (path, content) =>
 * actions.openFile(path, { content, focus: true }), onNavigate = actions.setLesson, onReset = the
 * session's "back to this lesson's start".
 */
import { useCallback, useEffect, useState } from 'react';
import { applySetup } from '../../lessons/setup';
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

/** Lessons whose starting state has been built in a session (keyed by the session: no sharing). */
const started = new WeakMap<Session, Set<string>>();

/** Builds a lesson's starting state (its files and setup commands) the first time it opens. */
async function startLesson(session: Session, lesson: CompiledLesson, again: boolean): Promise<void> {
  let set = started.get(session);
  if (!set) started.set(session, (set = new Set()));
  if (set.has(lesson.id) && !again) return;
  set.add(lesson.id);
  const problems = await applySetup(session, { files: lesson.files, commands: lesson.setup.commands });
  for (const p of problems) console.error(`dockyard: setup of ${lesson.id}: \`${p.command}\` exited ${p.result.status}: ${p.result.output}`);
}

export function LessonPane(props: LessonPaneProps) {
  const { lang, session, lessons = courseIndex, load = loadLesson } = props;
  const id = props.lessonId ?? lessons[0]?.id;
  const [loaded, setLoaded] = useState<Loaded | undefined>(undefined);
  // Done exercises outlive sessions (Reset) and lessons: one set for the pane's lifetime.
  const [done] = useState(() => new Set(props.done ?? []));
  const [resets, setResets] = useState(0);
  const t = LESSON_STRINGS[lang];
  const lesson = loaded?.id === id ? loaded?.lesson : undefined;

  useEffect(() => {
    if (lesson) void startLesson(session, lesson, false);
  }, [session, lesson]);

  // Reset: the lesson's starting files and setup again, and its exercises not done yet. The
  // learner's other files and the terminal history stay.
  const { onReset } = props;
  const reset = useCallback(() => {
    if (!lesson) return;
    for (const key of [...done]) if (key.startsWith(`${lesson.id}/`)) done.delete(key);
    void startLesson(session, lesson, true).then(() => setResets((n) => n + 1));
    onReset();
  }, [lesson, session, done, onReset]);

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
      key={`${loaded.lesson.id}#${resets}`}
      lang={lang}
      lessons={lessons}
      lesson={loaded.lesson}
      session={session}
      onRun={props.onRun}
      onOpenFile={props.onOpenFile}
      onNavigate={props.onNavigate}
      lessonHref={props.lessonHref}
      onReset={reset}
      done={done}
      onExerciseDone={(key) => {
        done.add(key);
        props.onExerciseDone?.(key);
      }}
    />
  );
}
