/** The lesson pane's interface strings (contract 2 of DESIGN.md names the English and Chinese ones). */
import type { Lang } from '../../lessons/schema';

export interface LessonStrings {
  lessons: string;
  check: string;
  hint: string;
  hintCount: (shown: number, total: number) => string;
  noHints: string;
  solution: string;
  done: string;
  notDone: string;
  run: string;
  copy: string;
  copied: string;
  openInEditor: string;
  next: string;
  reset: string;
  loading: string;
  notFound: (id: string) => string;
  exercise: string;
  solutionFiles: string;
  solutionCommands: string;
  callout: Record<'tip' | 'note' | 'warning', string>;
  question: string;
  checkAnswer: string;
  pickAll: string;
  right: string;
  wrong: string;
  missedSome: string;
  previous: string;
  progress: (done: number, total: number) => string;
  lessonDone: string;
  undoReset: string;
}

export const LESSON_STRINGS: Record<Lang, LessonStrings> = {
  en: {
    lessons: 'Lessons',
    check: 'Check',
    hint: 'Hint',
    hintCount: (shown, total) => `Hint ${shown} of ${total}`,
    noHints: 'This exercise has no hints.',
    solution: 'Solution',
    done: 'Done',
    notDone: 'Not done yet',
    run: 'Run',
    copy: 'Copy',
    copied: 'Copied',
    openInEditor: 'Open in editor',
    next: 'Next',
    reset: 'Reset',
    loading: 'Loading the lesson…',
    notFound: (id) => `There is no lesson “${id}”.`,
    exercise: 'Exercise',
    solutionFiles: 'Files',
    solutionCommands: 'Commands',
    callout: { tip: 'Tip', note: 'Note', warning: 'Warning' },
    question: 'Question',
    checkAnswer: 'Check answer',
    pickAll: 'Pick every right answer.',
    right: 'Right',
    wrong: 'Not quite',
    missedSome: 'Some right answers are not picked yet.',
    previous: 'Previous',
    progress: (done, total) => `${done} of ${total} done`,
    lessonDone: 'All done',
    undoReset: 'Undo reset',
  },
  zh: {
    lessons: '课程列表',
    check: '检查',
    hint: '提示',
    hintCount: (shown, total) => `提示 ${shown}/${total}`,
    noHints: '这个练习没有提示。',
    solution: '答案',
    done: '已完成',
    notDone: '尚未完成',
    run: '运行',
    copy: '复制',
    copied: '已复制',
    openInEditor: '在编辑器中打开',
    next: '下一课',
    reset: '重置',
    loading: '正在加载课程……',
    notFound: (id) => `没有名为“${id}”的课程。`,
    exercise: '练习',
    solutionFiles: '文件',
    solutionCommands: '命令',
    callout: { tip: '小贴士', note: '说明', warning: '注意' },
    question: '问题',
    checkAnswer: '检查答案',
    pickAll: '选出所有正确答案。',
    right: '正确',
    wrong: '不太对',
    missedSome: '还有正确答案没有选。',
    previous: '上一课',
    progress: (done, total) => `已完成 ${done}/${total}`,
    lessonDone: '全部完成',
    undoReset: '撤销重置',
  },
};
