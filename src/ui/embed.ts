/**
 * Embedding: `createDockyard(element, options)` mounts one complete Dockyard (its own session,
 * store, terminals, editor and lesson pane) into an element. Instances share nothing: a docs page
 * may hold several.
 *
 * Terminal first: this module does not import React. It draws a static skeleton of the layout,
 * starts the session and opens the first terminal's xterm.js screen in it, so the prompt comes
 * with only the engine and xterm.js loaded. Once the prompt is drawn it loads the React interface
 * (./mount), which adopts that screen (same xterm.js instance, scrollback, subscriptions, focus).
 */
import type { StoreApi } from 'zustand/vanilla';
import type { Course, CourseStorage } from '../lessons/course';
import type { ProgressStore } from './persist/store';
import type { Session } from '../session/types';
import { renderSkeleton } from './boot/skeleton';
import { afterNextFrame, whenFirstPromptShown } from './boot/firstPrompt';
import { createBrowserHost } from './host';
import { detectLang, htmlLang, STRINGS, type Lang } from './i18n';
import type { MountedApp } from './mount';
import { Workspace } from '../session/workspace';
import { createWorldFactory } from './sessionFactory';
import { createDockyardController, resolvedTheme, type DockyardState, type Layout, type ThemeChoice } from './store';
import { TerminalScreen } from './terminal/screen';
import './styles.css';

export interface DockyardOptions {
  /** Interface and lesson language; default: `?lang=` in the URL, else the browser's language. */
  lang?: Lang;
  /** Lesson to open (its id). */
  lesson?: string;
  /** Key under which this instance stores progress; default from the element's id or a counter. */
  storageKey?: string;
  theme?: ThemeChoice;
  /** Seed of the simulated world's ids (the same seed gives the same output). */
  seed?: number;
  /** 'embed' hides the course navigation. Default 'full'. */
  layout?: Layout;
  /** The full page sets <html lang> and the title; embeds leave the host page alone. */
  manageDocument?: boolean;
  /** "Reset" in the lesson pane; the owner brings the session back to the lesson's start. */
  onReset?(instance: DockyardInstance): void;
}

export interface DockyardInstance {
  readonly session: Session;
  readonly storageKey: string;
  /** The instance's state (for the lead's persistence and tests); UI code uses useDockyard. */
  readonly store: StoreApi<DockyardState>;
  /**
   * Resolves when the React interface has taken over from the boot skeleton (or the instance was
   * disposed first); rejects if its code could not be loaded (the terminal keeps working).
   */
  readonly ready: Promise<void>;
  dispose(): void;
}

let instances = 0;

export function createDockyard(element: HTMLElement, options: DockyardOptions = {}): DockyardInstance {
  const n = ++instances;
  const idPrefix = `dy${n}`;
  const storageKey = options.storageKey ?? `dockyard:${element.id || `instance-${n}`}`;
  const lang = options.lang ?? detectLang(window.location.search, navigator.languages ?? [navigator.language]);
  const layout = options.layout ?? 'full';
  const themeChoice = options.theme ?? 'auto';
  const systemDark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  const manageDocument = options.manageDocument ?? false;

  let promptShown!: () => void;
  const prompt = new Promise<void>((r) => (promptShown = r));
  // After the prompt, React and the interface load first (the lesson tells the learner what to
  // type); the coreutils' code and the Unicode 11 tables follow once it took over (or failed to
  // load). A command typed before that loads the coreutils itself.
  let uiSettled!: () => void;
  const afterUi = new Promise<void>((r) => (uiSettled = r));
  const host = createBrowserHost();
  let openInEditor: ((path: string) => void) | null = null;
  // The page's language as it is now (the switch changes it live): the shell's hints follow it.
  let uiLang: () => string = () => lang;
  const worlds = createWorldFactory({
    seed: options.seed,
    host,
    services: {
      openInEditor(path: string) {
        if (!openInEditor) return false;
        openInEditor(path);
        return true;
      },
      uiLanguage: () => uiLang(),
    },
    programsAfter: afterUi,
  });
  // The instance's session for its whole life; each lesson's world runs under it (src/lessons/course.ts).
  const workspace = new Workspace(worlds.live());
  const session: Session = workspace;

  element.classList.add('dy-host');
  if (manageDocument) document.documentElement.lang = htmlLang(lang);
  const theme = resolvedTheme({ themeChoice, systemDark });
  const skeleton = renderSkeleton(element, { strings: STRINGS[lang], lang, theme, layout });

  const controller = createDockyardController(session, {
    lang,
    theme: themeChoice,
    layout,
    lessonId: options.lesson,
    storageKey,
    systemDark,
    narrow: skeleton.narrow,
  });
  uiLang = () => controller.store.getState().lang;
  const { store } = controller;
  openInEditor = (path) => store.getState().actions.openFile(path);

  let disposed = false;
  // The first terminal opens at once on a fresh host; after the prompt, the course makes it the
  // first lesson's world: its starting files are written into it, or (a saved world, a setup to
  // run) it switches to that world, without a trace while nothing was typed (src/lessons/course.ts).
  let course: Course | undefined;
  let progressStore: ProgressStore | undefined;
  store.getState().actions.openTerminal();

  // The first terminal's screen, in the skeleton; React's XtermView adopts it later.
  const first = store.getState().terminals[0];
  let screen: TerminalScreen | undefined;
  if (first) {
    screen = TerminalScreen.create(first.model, skeleton.terminalHost, { theme, screenReader: false, focus: layout === 'full', unicode11: false });
  }
  // xterm.js parses what was written on its own schedule: the write callback says it is in the buffer.
  const parsed = () => new Promise<void>((r) => (screen && !screen.isDisposed ? screen.term.write('', r) : r()));
  const waiting = first ? whenFirstPromptShown(first.model, { drawn: () => parsed().then(() => afterNextFrame()) }) : null;
  void (waiting?.promise ?? Promise.resolve()).then(() => promptShown());
  // The course's code and storage load once the prompt is there (they are not needed to draw it).
  void prompt.then(() => (disposed ? undefined : startCourse()));

  async function startCourse(): Promise<void> {
    try {
      const [{ lessons, loadLessonStart }, { Course: CourseClass }, { memoryStartCache }, { openProgressStore }] = await Promise.all([
        import('virtual:lessons'),
        import('../lessons/course'),
        import('../lessons/start'),
        import('./persist/store'),
      ]);
      if (disposed) return;
      // The lesson's start is most likely the one asked for, or the first: fetch it while storage opens.
      const guess = options.lesson ?? lessons[0]?.id;
      if (guess !== undefined) void loadLessonStart(guess).catch(() => undefined);
      const progress = openProgressStore(storageKey);
      progressStore = progress;
      store.setState({ progress });
      const loaded = await progress.load();
      if (disposed) return;
      const saved = loaded.course;
      // The language: the page's choice (option or URL) first, then the learner's last one.
      if (options.lang === undefined && !new URLSearchParams(window.location.search).has('lang') && saved?.lang) {
        store.getState().actions.setLang(saved.lang);
      }
      const storage: CourseStorage = {
        async loadWorld(id) {
          const w = await progress.loadWorld(id);
          if (w.kind === 'ok') return { kind: 'ok', snapshot: w.world.snapshot };
          if (w.kind === 'rebuild') return { kind: 'rebuild', files: w.files, modes: w.modes ?? {}, history: w.history };
          return { kind: 'none' };
        },
        saveWorld: (id, snapshot, learner) => progress.saveWorld(id, { snapshot, files: { ...learner.files }, modes: { ...learner.modes }, history: learner.history }),
        saveCourse: (r) => progress.saveCourse(() => ({ lesson: r.lessonId ?? null, lang: store.getState().lang, done: [...r.done] })),
        startCache: progress.startCache,
      };
      store.subscribe((s, prev) => {
        if (s.lang !== prev.lang && course) progress.saveCourse({ lesson: course.lessonId ?? null, lang: s.lang, done: [...course.done] });
      });
      progress.onDidImport(() => window.location.reload());
      const wanted = options.lesson ?? saved?.lesson ?? undefined;
      const first = wanted !== undefined && lessons.some((l) => l.id === wanted) ? wanted : options.lesson === undefined ? lessons[0]?.id : undefined;
      const notice = (id: string, why: 'open' | 'reset' | 'undo') => {
        const l = lessons.find((x) => x.id === id);
        const lang = store.getState().lang;
        return STRINGS[lang].worldNotice(why, l?.order ?? 0, l?.title[lang] ?? id);
      };
      const c = new CourseClass(
        {
          workspace,
          live: (snapshot) => worlds.live(snapshot),
          virtual: () => worlds.virtual(),
          loadStart: loadLessonStart,
          storage,
          startCaches: [memoryStartCache()],
          notice,
          schedule: (fn, ms) => {
            const h = setTimeout(fn, ms);
            return () => clearTimeout(h);
          },
          log: (m) => console.warn(`dockyard: ${m}`),
        },
        { done: saved?.done ?? [] },
      );
      course = c;
      controller.linkCourse({ reset: () => void c.reset(), undoReset: () => void c.undoReset(), markDone: (k) => c.markDone(k) });
      c.onDidChange(() => store.setState((s) => ({ done: new Set(c.done), canUndoReset: c.canUndo, worldLessonId: c.lessonId, worldEpoch: s.worldEpoch + 1 })));
      store.setState({ done: new Set(c.done) });
      if (first !== undefined) {
        await c.open(first, { firstWorld: true, quiet: !workspace.touched });
        store.setState({ lessonId: first });
      }
      // For tests and host pages: the first lesson's machine is ready.
      if (!disposed) element.dataset.dyCourse = 'ready';
      store.subscribe((s, prev) => {
        if (s.lessonId !== undefined && s.lessonId !== prev.lessonId) void c.open(s.lessonId);
      });
    } catch (e) {
      // The terminal still works, on a plain host.
      console.error('dockyard: the course could not be loaded', e);
    }
  }

  const saveNow = () => {
    course?.saveNow();
    void progressStore?.flush();
  };
  const onHidden = () => {
    if (document.visibilityState === 'hidden') saveNow();
  };
  window.addEventListener('pagehide', saveNow);
  document.addEventListener('visibilitychange', onHidden);

  // Editor tabs of files the new world does not have are closed, unless they hold unsaved work.
  workspace.onDidSwitch(() => {
    const st = store.getState();
    for (const f of st.files) if (f.text === f.saved && !workspace.fs.exists(f.path)) st.actions.closeFile(f.path);
  });

  let app: MountedApp | null = null;
  const reactHost = document.createElement('div');
  reactHost.className = 'dy-react-host';

  let tookOver!: () => void;
  const handedOver = new Promise<void>((r) => (tookOver = r));
  const ready = prompt
    .then(() => {
      if (disposed) return null;
      return import('./mount');
    })
    .then((m) => {
      if (!m || disposed) return;
      element.append(reactHost);
      app = m.mountApp(reactHost, {
        store,
        session,
        idPrefix,
        manageDocument,
        onReset: () => options.onReset?.(instance),
        // Runs in the commit that shows React's tree, after the terminal view adopted the screen.
        onMounted: () => {
          skeleton.remove();
          tookOver();
        },
      });
      return handedOver;
    });
  ready.then(
    () => {
      if (disposed) return;
      screen?.loadUnicode11();
      uiSettled();
    },
    (e: unknown) => {
      if (disposed) return;
      // The terminal keeps working in the skeleton; the rest of the interface is missing.
      console.error('dockyard: the interface could not be loaded', e);
      screen?.loadUnicode11();
      uiSettled();
    },
  );

  const instance: DockyardInstance = {
    session,
    storageKey,
    store,
    ready,
    dispose() {
      if (disposed) return;
      disposed = true;
      openInEditor = null;
      saveNow();
      window.removeEventListener('pagehide', saveNow);
      document.removeEventListener('visibilitychange', onHidden);
      course?.dispose();
      progressStore?.dispose();
      waiting?.dispose();
      promptShown();
      app?.unmount();
      app = null;
      reactHost.remove();
      controller.dispose();
      session.dispose();
      host.dispose();
      skeleton.remove();
      element.classList.remove('dy-host');
      delete element.dataset.dyCourse;
      tookOver();
    },
  };
  return instance;
}
