/** Types of the modules served by src/node/vite-lessons-plugin.ts. */
// An ambient module cannot hold import declarations (that would make it an augmentation).
/* eslint-disable @typescript-eslint/consistent-type-imports */
declare module 'virtual:lessons' {
  type LessonIndexEntry = import('../../lessons/lesson').LessonIndexEntry;
  type CompiledLesson = import('../../lessons/lesson').CompiledLesson;
  /** The course index, in course order. */
  export const lessons: readonly LessonIndexEntry[];
  /** Loads one lesson's compiled content (its own chunk); undefined for an unknown id. */
  export function loadLesson(id: string): Promise<CompiledLesson | undefined>;
  /** Loads one lesson's start (starting files and setup commands): a small chunk of its own. */
  export function loadLessonStart(id: string): Promise<import('../../lessons/start').LessonStart | undefined>;
  export default lessons;
}
