/**
 * Shows one terminal tab's xterm.js screen. The screen belongs to the tab (see screen.ts): the
 * view creates it when the tab has none yet, or adopts the one that is already there (the first
 * terminal, opened before React loaded), and moves it into its container. Unmounting only stops
 * following the container's size, so StrictMode's second mount finds the same screen in place.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { Theme } from '../store';
import { TerminalScreen, type ShortcutAction } from './screen';
import type { TerminalModel } from './terminalModel';

export interface XtermViewProps {
  model: TerminalModel;
  theme: Theme;
  screenReader: boolean;
  /** Focus a screen this view creates, and focus the screen whenever `focusSeq` changes. */
  autoFocus: boolean;
  focusSeq: number;
  /** Whether the tab is shown (a hidden screen has no size to fit). */
  visible: boolean;
  onShortcut(action: ShortcutAction): void;
}

export function XtermView(props: XtermViewProps) {
  const { model } = props;
  const hostRef = useRef<HTMLDivElement>(null);
  const screenRef = useRef<TerminalScreen | null>(null);
  const propsRef = useRef(props);
  propsRef.current = props;

  // A layout effect: an adopted screen moves in before the page paints (no frame without it).
  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host || model.isDisposed) return;
    const p = propsRef.current;
    const screen = TerminalScreen.of(model) ?? TerminalScreen.create(model, host, { theme: p.theme, screenReader: p.screenReader, focus: p.autoFocus });
    screen.onShortcut = (a) => propsRef.current.onShortcut(a);
    screen.mount(host);
    screenRef.current = screen;
    return () => {
      screen.unmount(host);
      if (screenRef.current === screen) screenRef.current = null;
    };
  }, [model]);

  useEffect(() => {
    screenRef.current?.setTheme(props.theme);
  }, [props.theme]);

  useEffect(() => {
    screenRef.current?.setScreenReader(props.screenReader);
  }, [props.screenReader]);

  useEffect(() => {
    if (props.visible) screenRef.current?.fit();
  }, [props.visible]);

  useEffect(() => {
    if (props.focusSeq > 0 && props.visible) screenRef.current?.focus();
  }, [props.focusSeq, props.visible]);

  return <div className="dy-xterm" ref={hostRef} data-terminal-id={model.handle.id} />;
}
