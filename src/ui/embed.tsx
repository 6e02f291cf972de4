/**
 * Embedding: `createDockyard(element, options)` mounts one complete Dockyard (its own session,
 * store, terminals, editor and lesson pane) into an element. Instances share nothing: a docs page
 * may hold several.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { StoreApi } from 'zustand';
import type { Session } from '../session/types';
import { App } from './App';
import { DockyardProvider } from './context';
import { createBrowserHost } from './host';
import { detectLang, type Lang } from './i18n';
import { createPageSession } from './sessionFactory';
import { createDockyardController, type DockyardState, type Layout, type ThemeChoice } from './store';
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
  dispose(): void;
}

let instances = 0;

export function createDockyard(element: HTMLElement, options: DockyardOptions = {}): DockyardInstance {
  const n = ++instances;
  const idPrefix = `dy${n}`;
  const storageKey = options.storageKey ?? `dockyard:${element.id || `instance-${n}`}`;
  const lang = options.lang ?? detectLang(window.location.search, navigator.languages ?? [navigator.language]);
  const host = createBrowserHost();
  let openInEditor: ((path: string) => void) | null = null;
  const session = createPageSession({
    seed: options.seed,
    host,
    services: {
      openInEditor(path) {
        if (!openInEditor) return false;
        openInEditor(path);
        return true;
      },
    },
  });
  const controller = createDockyardController(session, {
    lang,
    theme: options.theme ?? 'auto',
    layout: options.layout ?? 'full',
    lessonId: options.lesson,
    storageKey,
    systemDark: window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false,
  });
  const { store } = controller;
  openInEditor = (path) => store.getState().actions.openFile(path);
  store.getState().actions.openTerminal();

  element.classList.add('dy-host');
  // Errors a pane's boundary caught are reported there (console.warn), not as page errors.
  const root = createRoot(element, { onCaughtError: () => {} });
  root.render(
    <StrictMode>
      <DockyardProvider store={store} session={session}>
        <App idPrefix={idPrefix} manageDocument={options.manageDocument ?? false} onReset={() => options.onReset?.(instance)} />
      </DockyardProvider>
    </StrictMode>,
  );

  let disposed = false;
  const instance: DockyardInstance = {
    session,
    storageKey,
    store,
    dispose() {
      if (disposed) return;
      disposed = true;
      openInEditor = null;
      root.unmount();
      controller.dispose();
      session.dispose();
      host.dispose();
      element.classList.remove('dy-host');
    },
  };
  return instance;
}
