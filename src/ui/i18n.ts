/** Interface strings in English and Chinese, and how the page picks its language. */

export type Lang = 'en' | 'zh';

export const LANGS: readonly Lang[] = ['en', 'zh'];

const en = {
  appTitle: 'Dockyard',
  lesson: 'Lesson',
  editor: 'Editor',
  terminal: 'Terminal',
  panes: 'Panes',
  resizeLesson: 'Resize lesson and workspace',
  resizeEditor: 'Resize editor and terminal',
  switchLanguage: '中文',
  switchLanguageLabel: 'Switch the interface to Chinese',
  themeToLight: 'Light theme',
  themeToDark: 'Dark theme',
  screenReader: 'Screen reader mode',
  keyboardHelp: 'Keyboard help',
  keyboardHelpTitle: 'Keyboard shortcuts',
  closeHelp: 'Close',
  helpFocusEditor: 'Ctrl+Shift+E: move focus to the editor',
  helpFocusTerminal: 'Ctrl+`: move focus to the terminal',
  helpFocusLesson: 'Ctrl+Shift+L: move focus to the lesson',
  leaveHint: 'Leave the terminal: Ctrl+Shift+E editor, Ctrl+Shift+L lesson',
  helpTab: 'The terminal keeps Tab for completion: use the shortcuts above to leave it.',
  helpCopy: 'Ctrl+Shift+C copies, Ctrl+Shift+V pastes; Ctrl+C copies when text is selected, otherwise it interrupts.',
  helpSave: 'Ctrl+S (Cmd+S) saves the file in the editor.',
  newTerminal: 'New terminal',
  terminalN: (n: number) => `Terminal ${n}`,
  closeTerminal: (n: number) => `Close terminal ${n}`,
  terminalTabs: 'Terminals',
  processExited: (code: number) => `[process exited with code ${code}]`,
  restart: 'Restart',
  close: 'Close',
  files: 'Files',
  openFiles: 'Open files',
  newFile: 'New file',
  newFolder: 'New folder',
  rename: 'Rename',
  delete: 'Delete',
  save: 'Save',
  showHidden: 'Show hidden files',
  hideHidden: 'Hide hidden files',
  closeFile: (name: string) => `Close ${name}`,
  unsaved: 'unsaved',
  promptNewFile: 'Name of the new file:',
  promptNewFolder: 'Name of the new folder:',
  promptRename: (name: string) => `New name for ${name}:`,
  confirmDelete: (name: string) => `Delete ${name}? This cannot be undone.`,
  confirmCloseUnsaved: (name: string) => `${name} has unsaved changes. Close it anyway?`,
  noticeConflict: 'This file was changed in the terminal while you were editing it. Your text is kept; saving will overwrite the other version.',
  noticeDeleted: 'This file was deleted in the terminal. Save to create it again.',
  noticeBinary: 'This file is not text; it is shown read-only.',
  fsError: (msg: string) => `Could not do that: ${msg}`,
  loadingEditor: 'Loading the editor…',
  noFileOpen: 'No file open. Pick one in the tree, or type “code file” in the terminal.',
  emptyFolder: 'empty',
  invalidName: 'A name must be one file name, without “/”.',
  loadingLesson: 'Loading the lesson…',
  paneFailed: (what: string) => `The ${what} could not be loaded.`,
  retry: 'Try again',
  worldNotice: (why: 'open' | 'reset' | 'undo', n: number, title: string) =>
    why === 'open'
      ? `Lesson ${n}, “${title}”: this terminal is now on that lesson's machine.`
      : why === 'reset'
        ? `Lesson ${n}, “${title}”, is back at its start. (“Undo reset” brings your work back.)`
        : `Reset undone: your work in lesson ${n}, “${title}”, is back.`,
  undoReset: 'Undo reset',
  resetDone: 'The lesson is back at its start.',
};

export type Strings = typeof en;

const zh: Strings = {
  appTitle: 'Dockyard',
  lesson: '课程',
  editor: '编辑器',
  terminal: '终端',
  panes: '面板',
  resizeLesson: '调整课程与工作区的宽度',
  resizeEditor: '调整编辑器与终端的高度',
  switchLanguage: 'English',
  switchLanguageLabel: '将界面切换为英文',
  themeToLight: '浅色主题',
  themeToDark: '深色主题',
  screenReader: '屏幕阅读器模式',
  keyboardHelp: '快捷键帮助',
  keyboardHelpTitle: '快捷键',
  closeHelp: '关闭',
  helpFocusEditor: 'Ctrl+Shift+E：切换到编辑器',
  helpFocusTerminal: 'Ctrl+`：切换到终端',
  helpFocusLesson: 'Ctrl+Shift+L：切换到课程',
  leaveHint: '离开终端：Ctrl+Shift+E 到编辑器，Ctrl+Shift+L 到课程',
  helpTab: '终端里的 Tab 键用于补全，要离开终端请用上面的快捷键。',
  helpCopy: 'Ctrl+Shift+C 复制，Ctrl+Shift+V 粘贴；选中文字时 Ctrl+C 也是复制，否则是中断当前命令。',
  helpSave: '在编辑器里按 Ctrl+S（Mac 上是 Cmd+S）保存文件。',
  newTerminal: '新建终端',
  terminalN: (n: number) => `终端 ${n}`,
  closeTerminal: (n: number) => `关闭终端 ${n}`,
  terminalTabs: '终端列表',
  processExited: (code: number) => `[进程已退出，退出码 ${code}]`,
  restart: '重新启动',
  close: '关闭',
  files: '文件',
  openFiles: '已打开的文件',
  newFile: '新建文件',
  newFolder: '新建文件夹',
  rename: '重命名',
  delete: '删除',
  save: '保存',
  showHidden: '显示隐藏文件',
  hideHidden: '不显示隐藏文件',
  closeFile: (name: string) => `关闭 ${name}`,
  unsaved: '未保存',
  promptNewFile: '新文件的名字：',
  promptNewFolder: '新文件夹的名字：',
  promptRename: (name: string) => `把 ${name} 改名为：`,
  confirmDelete: (name: string) => `确定删除 ${name} 吗？删除后无法恢复。`,
  confirmCloseUnsaved: (name: string) => `${name} 还有没保存的修改，仍要关闭吗？`,
  noticeConflict: '你编辑这个文件的时候，它在终端里被改过了。编辑器里的内容已保留，保存时会覆盖另一份。',
  noticeDeleted: '这个文件已在终端里被删除。保存即可重新创建。',
  noticeBinary: '这不是文本文件，只能查看，不能编辑。',
  fsError: (msg: string) => `操作失败：${msg}`,
  loadingEditor: '正在加载编辑器…',
  noFileOpen: '还没有打开文件。可以在左侧文件树里选一个，或在终端里输入 “code 文件名”。',
  emptyFolder: '空',
  invalidName: '名字只能是一个文件名，不能包含 “/”。',
  loadingLesson: '正在加载课程…',
  paneFailed: (what: string) => `${what}加载失败。`,
  retry: '重试',
  worldNotice: (why: 'open' | 'reset' | 'undo', n: number, title: string) =>
    why === 'open'
      ? `第 ${n} 课“${title}”：这个终端现在连接的是这一课的机器。`
      : why === 'reset'
        ? `第 ${n} 课“${title}”已回到开始状态。（“撤销重置”可以找回你的操作。）`
        : `已撤销重置：你在第 ${n} 课“${title}”里的操作回来了。`,
  undoReset: '撤销重置',
  resetDone: '这一课已回到开始状态。',
};

export const STRINGS: Record<Lang, Strings> = { en, zh };

export function isLang(s: unknown): s is Lang {
  return s === 'en' || s === 'zh';
}

/** Maps a BCP 47 tag to an interface language: zh, zh-CN, zh-Hant... → zh; en* → en. */
export function langOfTag(tag: string | null | undefined): Lang | undefined {
  if (!tag) return undefined;
  const t = tag.trim().toLowerCase();
  if (t === 'zh' || t.startsWith('zh-') || t.startsWith('zh_')) return 'zh';
  if (t === 'en' || t.startsWith('en-') || t.startsWith('en_')) return 'en';
  return undefined;
}

/**
 * The interface language: `?lang=` in the URL, else the browser's first zh/en preference (only
 * the first language counts, as a browser set to French then Chinese is a French reader), else English.
 */
export function detectLang(search: string, browserLanguages: readonly string[]): Lang {
  const fromUrl = langOfTag(new URLSearchParams(search).get('lang'));
  if (fromUrl) return fromUrl;
  const first = browserLanguages[0];
  return langOfTag(first) ?? 'en';
}

/** The HTML `lang` attribute for an interface language. */
export function htmlLang(lang: Lang): string {
  return lang === 'zh' ? 'zh-CN' : 'en';
}
