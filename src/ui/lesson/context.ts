/** What the lesson's prose components need from the pane (one provider per LessonView). */
import { createContext, useContext } from 'react';
import type { CompiledLesson } from '../../lessons/lesson';
import type { Lang } from '../../lessons/schema';
import type { ExerciseTracker } from './exerciseTracker';

export interface LessonActions {
  /** Types a command into the active terminal and runs it (the store's runInTerminal). */
  onRun(command: string): void;
  /** Opens a file in the editor with this content (absolute path under /home/learner). */
  onOpenFile(path: string, content: string): void;
}

export interface LessonContextValue extends LessonActions {
  readonly lang: Lang;
  readonly lesson: CompiledLesson;
  readonly tracker: ExerciseTracker;
  /** Whether a quiz (by id) was answered right before (restored progress). */
  quizDone(id: string): boolean;
  /** A quiz was answered right. */
  onQuizDone(id: string): void;
}

export const LessonContext = createContext<LessonContextValue | null>(null);

export function useLessonContext(): LessonContextValue {
  const v = useContext(LessonContext);
  if (!v) throw new Error('lesson components need a LessonContext provider');
  return v;
}
