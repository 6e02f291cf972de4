/** The storage notice's strings in English and Chinese (the interface strings live in ../i18n). */
import type { Lang } from '../i18n';
import type { ImportErrorCode } from './records';
import type { StorageProblem } from './store';

const en = {
  region: 'Saved progress',
  readOnly: 'Dockyard is open in another tab. This tab does not save your progress.',
  useThisTab: 'Use this tab',
  exportProgress: 'Export progress',
  importProgress: 'Import progress',
  dismiss: 'Dismiss',
  dismissLabel: 'Dismiss the messages about saved progress',
  unavailable: 'This browser does not let Dockyard store data (private browsing?). Your progress will not be kept after you close the page; use “Export progress” to keep it.',
  damagedCourse: 'Your saved course progress could not be read, so you start fresh. The damaged copy was kept and is included when you export your progress.',
  damagedWorld: (lesson: string) =>
    `The saved workspace of lesson “${lesson}” could not be read, so it was set up again. The damaged copy was kept and is included when you export your progress.`,
  newer: 'Your progress was saved by a newer version of Dockyard and cannot be read by this one, so you start fresh. It was kept and is included when you export your progress.',
  rebuilt: (lesson: string) => `Dockyard was updated: the workspace of lesson “${lesson}” was set up again. Your files and shell history were kept.`,
  quota: 'The browser’s storage is full, so your progress is not being saved. Free some space or export your progress.',
  readFailed: 'Your saved progress could not be read.',
  writeFailed: 'Your progress could not be saved.',
  exportFailed: 'The progress could not be exported.',
  imported: (n: number) => `Progress imported (${n} ${n === 1 ? 'workspace' : 'workspaces'}).`,
  importErrors: {
    'not-json': 'This file is not a Dockyard progress file: it is not JSON.',
    'not-dockyard': 'This file is not a Dockyard progress file.',
    newer: 'This progress file was made by a newer version of Dockyard.',
    invalid: 'This progress file is damaged.',
    'read-only': 'Dockyard is open in another tab: use this tab first, then import.',
    storage: 'The progress could not be stored in this browser.',
  } satisfies Record<ImportErrorCode, string>,
  nothingChanged: 'Nothing was changed.',
};

export type PersistStrings = typeof en;

const zh: PersistStrings = {
  region: '已保存的进度',
  readOnly: 'Dockyard 已在另一个标签页中打开。这个标签页不会保存你的进度。',
  useThisTab: '改用这个标签页',
  exportProgress: '导出进度',
  importProgress: '导入进度',
  dismiss: '知道了',
  dismissLabel: '关闭关于已保存进度的提示',
  unavailable: '这个浏览器不允许 Dockyard 保存数据（可能是无痕模式）。关闭页面后进度不会保留，可以用“导出进度”把它存下来。',
  damagedCourse: '已保存的课程进度无法读取，所以从头开始。损坏的副本已保留，导出进度时会一并导出。',
  damagedWorld: (lesson: string) => `课程“${lesson}”已保存的工作区无法读取，已重新准备。损坏的副本已保留，导出进度时会一并导出。`,
  newer: '你的进度是由更新版本的 Dockyard 保存的，这个版本无法读取，所以从头开始。原来的进度已保留，导出进度时会一并导出。',
  rebuilt: (lesson: string) => `Dockyard 已更新：课程“${lesson}”的工作区已重新准备，你的文件和命令历史都已保留。`,
  quota: '浏览器的存储空间已满，进度没有保存。请释放一些空间，或导出进度。',
  readFailed: '无法读取已保存的进度。',
  writeFailed: '无法保存进度。',
  exportFailed: '无法导出进度。',
  imported: (n: number) => `进度已导入（${n} 个工作区）。`,
  importErrors: {
    'not-json': '这不是 Dockyard 的进度文件：它不是 JSON 格式。',
    'not-dockyard': '这不是 Dockyard 的进度文件。',
    newer: '这个进度文件是由更新版本的 Dockyard 生成的。',
    invalid: '这个进度文件已损坏。',
    'read-only': 'Dockyard 已在另一个标签页中打开：请先改用这个标签页，再导入。',
    storage: '无法把进度保存到这个浏览器中。',
  },
  nothingChanged: '没有做任何更改。',
};

export const PERSIST_STRINGS: Record<Lang, PersistStrings> = { en, zh };

/** What the learner reads about a problem. */
export function problemText(t: PersistStrings, p: StorageProblem, lessonTitle: (id: string) => string = (id) => id): string {
  switch (p.kind) {
    case 'unavailable':
      return t.unavailable;
    case 'damaged':
      return p.what === 'course' ? t.damagedCourse : t.damagedWorld(lessonTitle(p.lessonId ?? ''));
    case 'newer':
      return t.newer;
    case 'rebuilt':
      return t.rebuilt(lessonTitle(p.lessonId));
    case 'quota':
      return t.quota;
    case 'read-failed':
      return t.readFailed;
    case 'write-failed':
      return t.writeFailed;
  }
}
