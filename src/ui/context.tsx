/**
 * One provider per Dockyard instance (GraphiQL-style): the store and the session are created by
 * the instance and handed down; components read narrow slices with `useDockyard(selector)`.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore, type StoreApi } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { Session } from '../session/types';
import { STRINGS, type Strings } from './i18n';
import type { DockyardActions, DockyardState } from './store';

interface DockyardContextValue {
  readonly store: StoreApi<DockyardState>;
  readonly session: Session;
}

const DockyardContext = createContext<DockyardContextValue | null>(null);

export function DockyardProvider(props: { store: StoreApi<DockyardState>; session: Session; children: ReactNode }) {
  return <DockyardContext.Provider value={{ store: props.store, session: props.session }}>{props.children}</DockyardContext.Provider>;
}

function useDockyardContext(): DockyardContextValue {
  const ctx = useContext(DockyardContext);
  if (!ctx) throw new Error('Dockyard components must be inside <DockyardProvider>');
  return ctx;
}

/** A slice of the instance's state; objects and arrays are compared shallowly. */
export function useDockyard<T>(selector: (s: DockyardState) => T): T {
  return useStore(useDockyardContext().store, useShallow(selector));
}

export function useActions(): DockyardActions {
  return useStore(useDockyardContext().store, (s) => s.actions);
}

export function useStoreApi(): StoreApi<DockyardState> {
  return useDockyardContext().store;
}

export function useSession(): Session {
  return useDockyardContext().session;
}

export function useStrings(): Strings {
  return STRINGS[useDockyard((s) => s.lang)];
}
