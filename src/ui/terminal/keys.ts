/** What a key pressed in the terminal means for the page (before xterm.js sees it). */

export type TerminalKeyAction =
  | 'copy'
  | 'paste'
  | 'focus-editor'
  | 'focus-terminal'
  | 'focus-lesson'
  /** Let xterm.js handle it (it becomes input for the shell). */
  | 'terminal';

export interface KeyLike {
  readonly type: string;
  readonly key: string;
  readonly code?: string;
  readonly ctrlKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
  readonly metaKey: boolean;
}

/** Page-wide shortcuts (also used outside the terminal). */
export function shortcutOf(e: KeyLike): 'focus-editor' | 'focus-terminal' | 'focus-lesson' | null {
  if (!e.ctrlKey || e.altKey || e.metaKey) return null;
  const k = e.key.toLowerCase();
  if (e.shiftKey && (k === 'e' || e.code === 'KeyE')) return 'focus-editor';
  if (e.shiftKey && (k === 'l' || e.code === 'KeyL')) return 'focus-lesson';
  if (k === '`' || e.code === 'Backquote') return 'focus-terminal';
  return null;
}

/**
 * Ctrl-Shift-C copies and Ctrl-Shift-V pastes; Ctrl-C copies only when text is selected (else it is
 * ^C for the shell); Cmd-C / Cmd-V on a Mac are the browser's own copy and paste.
 */
export function terminalKeyAction(e: KeyLike, hasSelection: boolean): TerminalKeyAction {
  if (e.type !== 'keydown') return 'terminal';
  const shortcut = shortcutOf(e);
  if (shortcut) return shortcut;
  const k = e.key.toLowerCase();
  if (e.ctrlKey && e.shiftKey && !e.altKey && !e.metaKey) {
    if (k === 'c' || e.code === 'KeyC') return 'copy';
    if (k === 'v' || e.code === 'KeyV') return 'paste';
  }
  if (e.ctrlKey && !e.shiftKey && !e.altKey && !e.metaKey && (k === 'c' || e.code === 'KeyC') && hasSelection) return 'copy';
  return 'terminal';
}
