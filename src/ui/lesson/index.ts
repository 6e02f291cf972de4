/** The lesson pane and what the UI shell needs to wire it. */
export { LessonPane, type LessonPaneProps } from './LessonPane';
export { LessonView, CourseNav, type LessonViewProps, type LessonNavProps } from './LessonView';
export type { LessonActions } from './context';
export { ExerciseTracker, type ExerciseState, type ExerciseStatus, type TrackerOptions } from './exerciseTracker';
export { LESSON_STRINGS, type LessonStrings } from './strings';
