/**
 * A lesson with its course navigation: the "Lessons" nav, the prose with its exercises, "Reset"
 * and "Next". Pure props (no virtual module), so it renders in tests; LessonPane loads the data.
 */
import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import type { CompiledLesson, LessonIndexEntry } from '../../lessons/lesson';
import type { Lang } from '../../lessons/schema';
import type { Session } from '../../session/types';
import { LessonContext, type LessonActions, type LessonContextValue } from './context';
import { ExerciseTracker } from './exerciseTracker';
import { Prose } from './Prose';
import { LESSON_STRINGS } from './strings';

export interface LessonNavProps {
  /** Moves to another lesson (the store's setLesson; also used by "Next"). */
  onNavigate(lessonId: string): void;
  /** The URL of a lesson, for the links of the nav (default `#<id>`). */
  lessonHref?(lessonId: string): string;
}

export interface LessonViewProps extends LessonActions, LessonNavProps {
  readonly lang: Lang;
  readonly lessons: readonly LessonIndexEntry[];
  readonly lesson: CompiledLesson;
  readonly session: Session;
  /** Returns the lesson to its start; the owner rebuilds the session's state. */
  onReset(): void;
  /** The session runs this lesson's world: checks may run (default true). */
  readonly active?: boolean;
  readonly canUndoReset?: boolean;
  onUndoReset?(): void;
  /** Exercises already done (restored progress), as `lessonId/exerciseId`. */
  readonly done?: ReadonlySet<string>;
  /** Called once when an exercise becomes done, with `lessonId/exerciseId`. */
  onExerciseDone?(key: string): void;
  /** Debounce of the checks after a change (ms). */
  readonly debounceMs?: number;
}

export function LessonView(props: LessonViewProps) {
  const { lang, lessons, lesson, session, onRun, onOpenFile, onNavigate, onReset, lessonHref = (id: string) => `#${id}` } = props;
  const t = LESSON_STRINGS[lang];
  const { done, debounceMs, active = true } = props;
  // Read at the time an exercise becomes done, so a new callback does not rebuild the tracker.
  const onDoneRef = useRef(props.onExerciseDone);
  const doneRef = useRef(done);
  useEffect(() => {
    onDoneRef.current = props.onExerciseDone;
    doneRef.current = done;
  });

  const tracker = useMemo(() => {
    const key = (id: string) => `${lesson.id}/${id}`;
    return new ExerciseTracker(session, lesson.exerciseSpecs, {
      schedule: (fn, ms) => {
        const h = setTimeout(fn, ms);
        return () => clearTimeout(h);
      },
      debounceMs,
      initiallyDone: lesson.exerciseSpecs.map((e) => e.id).filter((id) => doneRef.current?.has(key(id))),
      onDone: (id) => onDoneRef.current?.(key(id)),
    });
  }, [session, lesson, debounceMs]);
  useEffect(() => {
    if (!active) return;
    const listening = tracker.start();
    void tracker.checkAll();
    return () => listening.dispose();
  }, [tracker, active]);

  const ctx = useMemo<LessonContextValue>(
    () => ({
      lang,
      lesson,
      tracker,
      onRun,
      onOpenFile,
      quizDone: (id) => doneRef.current?.has(`${lesson.id}/${id}`) ?? false,
      onQuizDone: (id) => onDoneRef.current?.(`${lesson.id}/${id}`),
    }),
    [lang, lesson, tracker, onRun, onOpenFile],
  );
  const index = lessons.findIndex((l) => l.id === lesson.id);
  const next = index >= 0 ? lessons[index + 1] : undefined;
  const prev = index > 0 ? lessons[index - 1] : undefined;

  return (
    <div className="dy-lesson" lang={lang === 'zh' ? 'zh-CN' : 'en'} data-world-ready={active ? 'true' : 'false'}>
      <CourseNav lang={lang} lessons={lessons} current={lesson.id} onNavigate={onNavigate} lessonHref={lessonHref} done={done} />
      <article className="dy-lesson-prose">
        <LessonContext.Provider value={ctx}>
          <Prose hast={lesson.prose[lang]} lang={lang} assets={lesson.assets} />
        </LessonContext.Provider>
      </article>
      <div className="dy-lesson-footer">
        <button type="button" className="dy-btn" disabled={!prev} onClick={() => prev && onNavigate(prev.id)}>
          {t.previous}
        </button>
        <button type="button" className="dy-btn" onClick={onReset}>
          {t.reset}
        </button>
        {props.canUndoReset && props.onUndoReset ? (
          <button type="button" className="dy-btn" onClick={props.onUndoReset}>
            {t.undoReset}
          </button>
        ) : null}
        <button type="button" className="dy-btn dy-btn-primary" disabled={!next} onClick={() => next && onNavigate(next.id)}>
          {t.next}
        </button>
      </div>
    </div>
  );
}

interface CourseNavProps extends LessonNavProps {
  readonly lang: Lang;
  readonly done?: ReadonlySet<string>;
  readonly lessons: readonly LessonIndexEntry[];
  readonly current: string | undefined;
  lessonHref(lessonId: string): string;
}

/** The course overview: parts, then their lessons, in order. */
export function CourseNav({ lang, lessons, current, onNavigate, lessonHref, done }: CourseNavProps) {
  const t = LESSON_STRINGS[lang];
  const [open, setOpen] = useState(false);
  const parts: Array<{ id: string; title: string; lessons: LessonIndexEntry[] }> = [];
  for (const l of lessons) {
    let p = parts.find((x) => x.id === l.part.id);
    if (!p) parts.push((p = { id: l.part.id, title: l.part.title[lang], lessons: [] }));
    p.lessons.push(l);
  }
  const go = (e: MouseEvent, id: string) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    setOpen(false);
    onNavigate(id);
  };
  const currentEntry = lessons.find((l) => l.id === current);
  return (
    <nav aria-label={t.lessons} className="dy-course-nav">
      <details open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
        <summary>
          {t.lessons}
          {currentEntry ? <span className="dy-course-current">{` · ${currentEntry.order}. ${currentEntry.title[lang]}`}</span> : null}
        </summary>
        <ol className="dy-course-parts">
          {parts.map((p) => (
            <li key={p.id}>
              <span className="dy-course-part">{p.title}</span>
              <ol className="dy-course-lessons">
                {p.lessons.map((l) => {
                  const items = [...l.exercises.map((e) => e.id), ...l.quizzes];
                  const n = items.filter((x) => done?.has(`${l.id}/${x}`)).length;
                  const all = items.length > 0 && n === items.length;
                  return (
                    <li key={l.id} className={all ? 'dy-course-done' : undefined}>
                      <a href={lessonHref(l.id)} aria-current={l.id === current ? 'page' : undefined} onClick={(e) => go(e, l.id)}>
                        {`${l.order}. ${l.title[lang]}`}
                      </a>
                      {items.length > 0 ? <span className="dy-course-progress">{all ? `✓ ${t.lessonDone}` : t.progress(n, items.length)}</span> : null}
                    </li>
                  );
                })}
              </ol>
            </li>
          ))}
        </ol>
      </details>
    </nav>
  );
}
