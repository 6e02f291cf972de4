/**
 * The state of one Dockyard instance: interface settings, terminal tabs, open files. One store
 * per instance (never a module-level singleton), created with its session; React components
 * read it through `useDockyard(selector)` (see context.tsx).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { IDisposable } from '../engine/core/events';
import { isSysError, SysError } from '../engine/core/errors';
import { dirname } from '../engine/fs/path';
import type { FsChange } from '../engine/fs/types';
import type { Session } from '../session/types';
import type { ProgressStore } from './persist/store';
import { HOME } from './editor/fileTree';
import { affects, edit, isDirty, markSaved, openFromDisk, readDisk, reconcile, type OpenFile } from './editor/openFiles';
import { STRINGS, type Lang } from './i18n';
import { TerminalModel } from './terminal/terminalModel';

export type ThemeChoice = 'light' | 'dark' | 'auto';
export type Theme = 'light' | 'dark';
export type Layout = 'full' | 'embed';
export type PaneId = 'lesson' | 'editor' | 'terminal';

export interface TermTab {
  /** Stable key of the tab; also its number in the tab name ("Terminal 2"). */
  readonly n: number;
  readonly model: TerminalModel;
  readonly exitCode: number | null;
}

export interface DockyardState {
  readonly lang: Lang;
  readonly themeChoice: ThemeChoice;
  readonly systemDark: boolean;
  readonly layout: Layout;
  readonly lessonId: string | undefined;
  readonly storageKey: string;
  /** The instance is narrower than NARROW_WIDTH: panes become tabs. */
  readonly narrow: boolean;
  /** The pane shown when narrow. */
  readonly narrowPane: PaneId;
  readonly screenReader: boolean;
  readonly helpOpen: boolean;
  /** Share of the width taken by the lesson (0..1). */
  readonly lessonWidth: number;
  /** Share of the right column's height taken by the editor (0..1). */
  readonly editorHeight: number;

  readonly terminals: readonly TermTab[];
  readonly activeTerminal: number | null;

  readonly files: readonly OpenFile[];
  readonly activeFile: string | null;
  readonly showHidden: boolean;
  readonly expanded: readonly string[];
  /** Bumped when the file system changed: the tree reads it again. */
  readonly fsVersion: number;
  /** A request for a pane to take the keyboard focus (the seq makes each request new). */
  readonly focus: { readonly pane: PaneId; readonly seq: number } | null;
  /** A message for the learner (an error from a file operation). */
  readonly flash: string | null;
  /** Exercises and quizzes done, as `lessonId/id`. */
  readonly done: ReadonlySet<string>;
  /** "Undo" can bring back the world the last Reset replaced. */
  readonly canUndoReset: boolean;
  /** The lesson whose world the session runs now (checks of other lessons wait). */
  readonly worldLessonId: string | undefined;
  /** Bumped at every switch of world (a lesson opened, reset, or undone). */
  readonly worldEpoch: number;
  /** Where progress is saved, once opened (its notice shows problems, export and import). */
  readonly progress: ProgressStore | null;

  readonly actions: DockyardActions;
}

export interface DockyardActions {
  setLang(lang: Lang): void;
  toggleLang(): void;
  toggleTheme(): void;
  setSystemDark(dark: boolean): void;
  setNarrow(narrow: boolean): void;
  showPane(pane: PaneId): void;
  requestFocus(pane: PaneId): void;
  toggleScreenReader(): void;
  setHelpOpen(open: boolean): void;
  setLessonWidth(f: number): void;
  setEditorHeight(f: number): void;
  setLesson(id: string | undefined): void;

  openTerminal(): number;
  closeTerminal(n: number): void;
  restartTerminal(n: number): void;
  setActiveTerminal(n: number): void;
  /** Types a command line into the active terminal (a lesson's "Run"), opening one if needed. */
  runInTerminal(command: string): void;

  openFile(path: string, opts?: { content?: string; focus?: boolean }): void;
  closeFile(path: string): void;
  setActiveFile(path: string): void;
  setText(path: string, text: string): void;
  /** Writes the file to the session's file system; false (with a flash message) on failure. */
  saveFile(path?: string): boolean;
  toggleHidden(): void;
  toggleExpanded(dir: string, open?: boolean): void;
  createFile(dir: string, name: string): boolean;
  createFolder(dir: string, name: string): boolean;
  renamePath(path: string, name: string): boolean;
  deletePath(path: string): boolean;
  setFlash(msg: string | null): void;

  /** Back to the current lesson's start (its world is kept for undoReset). */
  resetLesson(): void;
  undoReset(): void;
  /** An exercise or quiz (`lessonId/id`) is done. */
  markDone(key: string): void;
}

/** What the store asks of the course (src/lessons/course.ts), linked once it exists. */
export interface CourseLink {
  reset(): void;
  undoReset(): void;
  markDone(key: string): void;
}

export interface StoreOptions {
  lang: Lang;
  theme: ThemeChoice;
  layout: Layout;
  lessonId?: string;
  storageKey: string;
  systemDark?: boolean;
  /** The instance starts narrow (measured by the boot skeleton, so the first render does not jump). */
  narrow?: boolean;
  /** Progress restored from storage. */
  done?: Iterable<string>;
}

export const NARROW_WIDTH = 900;

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export function resolvedTheme(s: Pick<DockyardState, 'themeChoice' | 'systemDark'>): Theme {
  return s.themeChoice === 'auto' ? (s.systemDark ? 'dark' : 'light') : s.themeChoice;
}

export interface DockyardController extends IDisposable {
  readonly store: StoreApi<DockyardState>;
  /** Connects the course: Reset, Undo and progress go to it. */
  linkCourse(link: CourseLink): void;
}

/** Creates the store of one instance and binds it to the session (file changes, `code file`). */
export function createDockyardController(session: Session, opts: StoreOptions): DockyardController {
  let disposed = false;
  let focusSeq = 0;
  let course: CourseLink | undefined;
  const message = (e: unknown): string => {
    const t = STRINGS[store.getState().lang];
    if (isSysError(e)) return t.fsError(e.strerror);
    return t.fsError(e instanceof Error ? e.message : String(e));
  };

  const store = createStore<DockyardState>()((set, get) => {
    const setFile = (path: string, f: (file: OpenFile) => OpenFile) =>
      set((s) => {
        let changed = false;
        const files = s.files.map((x) => {
          if (x.path !== path) return x;
          const y = f(x);
          if (y !== x) changed = true;
          return y;
        });
        return changed ? { files } : s;
      });

    const newTab = (n: number): TermTab => {
      const handle = session.openTerminal();
      const model = new TerminalModel(handle, (code) => {
        set((s) => ({ terminals: s.terminals.map((t) => (t.model === model ? { ...t, exitCode: code } : t)) }));
      });
      return { n, model, exitCode: null };
    };

    const fsOp = (fn: () => void): boolean => {
      try {
        fn();
        set({ flash: null });
        return true;
      } catch (e) {
        set({ flash: message(e) });
        return false;
      }
    };

    const actions: DockyardActions = {
      setLang: (lang) => set({ lang }),
      toggleLang: () => set((s) => ({ lang: s.lang === 'en' ? 'zh' : 'en' })),
      toggleTheme: () => set((s) => ({ themeChoice: resolvedTheme(s) === 'dark' ? 'light' : 'dark' })),
      setSystemDark: (systemDark) => set({ systemDark }),
      setNarrow: (narrow) => set({ narrow }),
      showPane: (narrowPane) => set({ narrowPane }),
      requestFocus: (pane) => set({ focus: { pane, seq: ++focusSeq }, narrowPane: pane }),
      toggleScreenReader: () => set((s) => ({ screenReader: !s.screenReader })),
      setHelpOpen: (helpOpen) => set({ helpOpen }),
      setLessonWidth: (f) => set({ lessonWidth: clamp(f, 0.15, 0.7) }),
      setEditorHeight: (f) => set({ editorHeight: clamp(f, 0.1, 0.9) }),
      setLesson: (lessonId) => set({ lessonId }),

      openTerminal: () => {
        const n = Math.max(0, ...get().terminals.map((t) => t.n)) + 1;
        const tab = newTab(n);
        set((s) => ({ terminals: [...s.terminals, tab], activeTerminal: n }));
        return n;
      },
      closeTerminal: (n) => {
        const s = get();
        const i = s.terminals.findIndex((t) => t.n === n);
        const tab = s.terminals[i];
        if (!tab) return;
        tab.model.dispose();
        const terminals = s.terminals.filter((t) => t.n !== n);
        const next = s.activeTerminal === n ? (terminals[Math.min(i, terminals.length - 1)]?.n ?? null) : s.activeTerminal;
        set({ terminals, activeTerminal: next });
      },
      restartTerminal: (n) => {
        const old = get().terminals.find((t) => t.n === n);
        if (!old) return;
        old.model.dispose();
        const tab = newTab(n);
        set((s) => ({ terminals: s.terminals.map((t) => (t.n === n ? tab : t)), activeTerminal: n }));
      },
      setActiveTerminal: (n) => set({ activeTerminal: n }),
      runInTerminal: (command) => {
        const s = get();
        let tab = s.terminals.find((t) => t.n === s.activeTerminal);
        if (!tab || tab.exitCode !== null) {
          const n = tab && tab.exitCode !== null ? (actions.restartTerminal(tab.n), tab.n) : actions.openTerminal();
          tab = get().terminals.find((t) => t.n === n);
        }
        tab?.model.input(command.replace(/\r?\n/g, '\r').replace(/\r?$/, '\r'));
        actions.requestFocus('terminal');
      },

      openFile: (path, o) => {
        const s = get();
        const existing = s.files.find((f) => f.path === path);
        let file = existing ?? openFromDisk(path, readDisk(session.fs, path));
        if (o?.content !== undefined && !file.readOnly) file = edit(file, o.content);
        set({
          files: existing ? s.files.map((f) => (f.path === path ? file : f)) : [...s.files, file],
          activeFile: path,
          narrowPane: 'editor',
          // Show where the file is in the tree.
          expanded: expandTo(s.expanded, path),
        });
        if (o?.focus !== false) actions.requestFocus('editor');
      },
      closeFile: (path) => {
        const s = get();
        const i = s.files.findIndex((f) => f.path === path);
        if (i < 0) return;
        const files = s.files.filter((f) => f.path !== path);
        const activeFile = s.activeFile === path ? (files[Math.min(i, files.length - 1)]?.path ?? null) : s.activeFile;
        set({ files, activeFile });
      },
      setActiveFile: (activeFile) => set({ activeFile }),
      setText: (path, text) => setFile(path, (f) => edit(f, text)),
      saveFile: (path) => {
        const s = get();
        const file = s.files.find((f) => f.path === (path ?? s.activeFile));
        if (!file || file.readOnly) return false;
        if (!isDirty(file) && file.notice === null) return true;
        // Mark first: the change event this write fires then finds nothing new.
        setFile(file.path, markSaved);
        try {
          session.fs.writeFile(file.path, file.text);
          set({ flash: null });
          return true;
        } catch (e) {
          setFile(file.path, () => file);
          set({ flash: message(e) });
          return false;
        }
      },
      toggleHidden: () => set((s) => ({ showHidden: !s.showHidden })),
      toggleExpanded: (dir, open) =>
        set((s) => {
          const has = s.expanded.includes(dir);
          const want = open ?? !has;
          if (want === has) return s;
          return { expanded: want ? [...s.expanded, dir] : s.expanded.filter((d) => d !== dir) };
        }),
      createFile: (dir, name) => {
        const path = join(dir, name);
        const ok = fsOp(() => {
          if (session.fs.exists(path)) throw new SysError('EEXIST', path);
          session.fs.writeFile(path, '');
        });
        if (ok) actions.openFile(path);
        return ok;
      },
      createFolder: (dir, name) => {
        const path = join(dir, name);
        const ok = fsOp(() => session.fs.mkdir(path));
        if (ok) actions.toggleExpanded(dir, true);
        return ok;
      },
      renamePath: (path, name) => {
        const to = join(dirname(path), name);
        if (to === path) return true;
        const ok = fsOp(() => {
          if (session.fs.exists(to)) throw new SysError('EEXIST', to);
          session.fs.rename(path, to);
        });
        if (ok) {
          // Open files move with their folder; their text is kept.
          set((s) => ({
            files: s.files.map((f) => (affects(path, f.path) ? { ...f, path: to + f.path.slice(path.length) } : f)),
            activeFile: s.activeFile && affects(path, s.activeFile) ? to + s.activeFile.slice(path.length) : s.activeFile,
            expanded: s.expanded.map((d) => (affects(path, d) ? to + d.slice(path.length) : d)),
          }));
        }
        return ok;
      },
      deletePath: (path) => fsOp(() => session.fs.rm(path, { recursive: true })),
      setFlash: (flash) => set({ flash }),

      resetLesson: () => course?.reset(),
      undoReset: () => course?.undoReset(),
      markDone: (key) => {
        if (get().done.has(key)) return;
        set((s) => ({ done: new Set([...s.done, key]) }));
        course?.markDone(key);
      },
    };

    return {
      lang: opts.lang,
      themeChoice: opts.theme,
      systemDark: opts.systemDark ?? false,
      layout: opts.layout,
      lessonId: opts.lessonId,
      storageKey: opts.storageKey,
      narrow: opts.narrow ?? false,
      narrowPane: 'terminal',
      screenReader: false,
      helpOpen: false,
      lessonWidth: 0.36,
      editorHeight: 0.55,
      terminals: [],
      activeTerminal: null,
      files: [],
      activeFile: null,
      showHidden: false,
      expanded: [HOME],
      fsVersion: 0,
      focus: null,
      flash: null,
      done: new Set(opts.done ?? []),
      canUndoReset: false,
      worldLessonId: undefined,
      worldEpoch: 0,
      progress: null,
      actions,
    };
  });

  // File changes: coalesced per microtask, then the tree re-reads and open files reconcile.
  let pending: string[] | null = null;
  const flush = () => {
    const changed = pending ?? [];
    pending = null;
    if (disposed) return;
    store.setState((s) => {
      let touched = false;
      const files = s.files.map((f) => {
        if (!changed.some((c) => affects(c, f.path))) return f;
        const g = reconcile(f, readDisk(session.fs, f.path));
        if (g !== f) touched = true;
        return g;
      });
      return touched ? { files, fsVersion: s.fsVersion + 1 } : { fsVersion: s.fsVersion + 1 };
    });
  };
  const onChange = (c: FsChange) => {
    if (!pending) {
      pending = [];
      queueMicrotask(flush);
    }
    pending.push(c.path);
  };

  const subs: IDisposable[] = [
    session.fs.onDidChange(onChange),
    session.onOpenInEditor((path) => store.getState().actions.openFile(path)),
  ];

  return {
    store,
    linkCourse(link) {
      course = link;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const s of subs) s.dispose();
      for (const t of store.getState().terminals) t.model.dispose();
    },
  };
}

function join(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

function expandTo(expanded: readonly string[], path: string): readonly string[] {
  const add: string[] = [];
  for (let d = dirname(path); d.startsWith(HOME) && d !== HOME; d = dirname(d)) if (!expanded.includes(d)) add.push(d);
  return add.length ? [...expanded, ...add] : expanded;
}
