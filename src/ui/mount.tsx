/**
 * The React interface of one instance, loaded after the first prompt (see embed.ts). It renders
 * App around the store and session that already exist; the first terminal's view adopts the
 * screen the boot code opened, and `onMounted` (the skeleton's removal) runs in the same commit,
 * before the page paints, so the terminal never leaves the screen.
 */
import { StrictMode, useLayoutEffect, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { StoreApi } from 'zustand/vanilla';
import type { Session } from '../session/types';
import { App } from './App';
import { DockyardProvider } from './context';
import type { DockyardState } from './store';

export interface MountOptions {
  store: StoreApi<DockyardState>;
  session: Session;
  idPrefix: string;
  manageDocument: boolean;
  onReset(): void;
  /** Called once React's tree is in the document (its layout effects ran), before the first paint. */
  onMounted(): void;
}

export interface MountedApp {
  unmount(): void;
}

/** Renders the interface into `container` (which takes no box of its own: `.dy-react-host`). */
export function mountApp(container: HTMLElement, opts: MountOptions): MountedApp {
  // Errors a pane's boundary caught are reported there (console.warn), not as page errors.
  const root = createRoot(container, { onCaughtError: () => {} });
  root.render(
    <StrictMode>
      <Handover onMounted={opts.onMounted}>
        <DockyardProvider store={opts.store} session={opts.session}>
          <App idPrefix={opts.idPrefix} manageDocument={opts.manageDocument} onReset={opts.onReset} />
        </DockyardProvider>
      </Handover>
    </StrictMode>,
  );
  return { unmount: () => root.unmount() };
}

/** Its layout effect runs after those of everything inside it (the terminal view's adoption). */
function Handover(props: { onMounted(): void; children: ReactNode }) {
  const { onMounted } = props;
  useLayoutEffect(() => {
    onMounted();
  }, [onMounted]);
  return props.children;
}
