/**
 * One xterm.js screen bound to one terminal tab. The Terminal is created in one effect and
 * disposed in its cleanup (StrictMode mounts twice in development: the second screen replays
 * the tab's log). Keys go to the session as xterm.js gives them; output is written as it comes.
 */
import { FitAddon } from '@xterm/addon-fit';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef } from 'react';
import type { Theme } from '../store';
import { terminalKeyAction } from './keys';
import type { TerminalModel } from './terminalModel';
import { XTERM_THEMES } from './themes';

export interface XtermViewProps {
  model: TerminalModel;
  theme: Theme;
  screenReader: boolean;
  /** Focus this screen when it mounts, and whenever `focusSeq` changes. */
  autoFocus: boolean;
  focusSeq: number;
  /** Whether the tab is shown (a hidden screen has no size to fit). */
  visible: boolean;
  onShortcut(action: 'focus-editor' | 'focus-lesson' | 'focus-terminal'): void;
}

export function XtermView(props: XtermViewProps) {
  const { model } = props;
  const hostRef = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal | null>(null);
  const fitRef = useRef<(() => void) | null>(null);
  const shortcutRef = useRef(props.onShortcut);
  shortcutRef.current = props.onShortcut;
  const initial = useRef({ theme: props.theme, screenReader: props.screenReader, autoFocus: props.autoFocus });

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const term = new Terminal({
      allowProposedApi: true, // the Unicode 11 width tables are a proposed API
      cursorBlink: true,
      fontFamily: 'ui-monospace, "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, "Noto Sans Mono CJK SC", monospace',
      fontSize: 14,
      scrollback: 5000,
      theme: XTERM_THEMES[initial.current.theme],
      screenReaderMode: initial.current.screenReader,
      macOptionIsMeta: true,
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.loadAddon(new Unicode11Addon());
    term.unicode.activeVersion = '11';
    term.open(host);

    const copy = () => {
      const text = term.getSelection();
      if (text) void navigator.clipboard?.writeText(text).catch(() => {});
      term.clearSelection();
    };
    const paste = () => {
      void navigator.clipboard
        ?.readText()
        .then((text) => term.paste(text))
        .catch(() => {});
    };
    term.attachCustomKeyEventHandler((e) => {
      const action = terminalKeyAction(e, term.hasSelection());
      if (action === 'terminal') return true;
      if (e.type === 'keydown') {
        e.preventDefault();
        if (action === 'copy') copy();
        else if (action === 'paste') paste();
        else shortcutRef.current(action);
      }
      return false;
    });

    const doFit = () => {
      if (host.clientWidth < 10 || host.clientHeight < 10) return;
      try {
        fit.fit();
      } catch {
        /* not laid out yet */
      }
    };
    fitRef.current = doFit;
    doFit();
    // Pasting a megabyte arrives as one onData call and goes to the session in one piece.
    const dataSub = term.onData((d) => model.input(d));
    const resizeSub = term.onResize(({ cols, rows }) => model.resize(cols, rows));
    model.resize(term.cols, term.rows);
    const attached = model.attach((s) => term.write(s));
    const ro = new ResizeObserver(() => doFit());
    ro.observe(host);
    termRef.current = term;
    if (initial.current.autoFocus) term.focus();

    return () => {
      ro.disconnect();
      attached.dispose();
      dataSub.dispose();
      resizeSub.dispose();
      termRef.current = null;
      fitRef.current = null;
      term.dispose();
    };
  }, [model]);

  useEffect(() => {
    if (termRef.current) termRef.current.options.theme = XTERM_THEMES[props.theme];
  }, [props.theme]);

  useEffect(() => {
    if (termRef.current) termRef.current.options.screenReaderMode = props.screenReader;
  }, [props.screenReader]);

  useEffect(() => {
    if (props.visible) fitRef.current?.();
  }, [props.visible]);

  useEffect(() => {
    if (props.focusSeq > 0 && props.visible) termRef.current?.focus();
  }, [props.focusSeq, props.visible]);

  return <div className="dy-xterm" ref={hostRef} data-terminal-id={model.handle.id} />;
}
