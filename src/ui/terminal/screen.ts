/**
 * The xterm.js screen of one terminal tab, without React. It lives as long as its tab (its
 * TerminalModel owns it), not as long as a view: the boot code creates the first tab's screen
 * before React has loaded, and the React view later adopts it (moves its element into its own
 * container). It is the tab's only writer into xterm.js from its creation to its disposal, so
 * nothing is printed twice or lost when a view mounts, unmounts or mounts again (StrictMode).
 */
import { FitAddon } from '@xterm/addon-fit';
import type { Unicode11Addon } from '@xterm/addon-unicode11';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import type { IDisposable } from '../../engine/core/events';
import type { Theme } from '../store';
import { terminalKeyAction } from './keys';
import type { TerminalModel } from './terminalModel';
import { XTERM_THEMES } from './themes';

export type ShortcutAction = 'focus-editor' | 'focus-lesson' | 'focus-terminal';

export interface ScreenOptions {
  theme: Theme;
  screenReader: boolean;
  /** Take the keyboard focus once opened. */
  focus: boolean;
  /** Load the Unicode 11 width tables now (default); the boot screen loads them after its first prompt. */
  unicode11?: boolean;
}

const FONT = 'ui-monospace, "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, "Noto Sans Mono CJK SC", monospace';

const screens = new WeakMap<TerminalModel, TerminalScreen>();

let unicode11: Promise<{ Unicode11Addon: typeof Unicode11Addon }> | undefined;

/** `Element.moveBefore` (Chromium 133+): moves a subtree and keeps its focus. Not in TS 5.9's DOM types. */
type MoveBefore = (node: Node, child: Node | null) => void;

export class TerminalScreen implements IDisposable {
  readonly term: Terminal;
  private readonly fitAddon = new FitAddon();
  private readonly subs: IDisposable[] = [];
  private host: HTMLElement;
  private observer: ResizeObserver | null = null;
  private disposed = false;
  /** What Ctrl-Shift-E and friends do; set by the view (nothing before React has loaded). */
  onShortcut: ((action: ShortcutAction) => void) | null = null;

  /** The screen of a tab, if it has one. */
  static of(model: TerminalModel): TerminalScreen | undefined {
    const s = screens.get(model);
    return s && !s.disposed ? s : undefined;
  }

  /** Opens a screen for `model` in `host` (which must be in the document and should have a size). */
  static create(model: TerminalModel, host: HTMLElement, opts: ScreenOptions): TerminalScreen {
    const screen = new TerminalScreen(model, host, opts);
    screens.set(model, screen);
    model.own(screen);
    return screen;
  }

  private constructor(
    private readonly model: TerminalModel,
    host: HTMLElement,
    opts: ScreenOptions,
  ) {
    this.host = host;
    const term = new Terminal({
      allowProposedApi: true, // the Unicode 11 width tables are a proposed API
      cursorBlink: true,
      fontFamily: FONT,
      fontSize: 14,
      scrollback: 5000,
      theme: XTERM_THEMES[opts.theme],
      screenReaderMode: opts.screenReader,
      macOptionIsMeta: true,
    });
    this.term = term;
    term.loadAddon(this.fitAddon);
    term.open(host);

    term.attachCustomKeyEventHandler((e) => {
      const action = terminalKeyAction(e, term.hasSelection());
      if (action === 'terminal') return true;
      if (e.type === 'keydown') {
        e.preventDefault();
        if (action === 'copy') this.copy();
        else if (action === 'paste') this.paste();
        else this.onShortcut?.(action);
      }
      return false;
    });

    this.fit();
    // Pasting a megabyte arrives as one onData call and goes to the session in one piece.
    this.subs.push(
      term.onData((d) => model.input(d)),
      term.onResize(({ cols, rows }) => model.resize(cols, rows)),
    );
    model.resize(term.cols, term.rows);
    // The one writer: what was printed before the screen existed, then everything new.
    this.subs.push(model.attach((s) => term.write(s)));
    this.observe();
    if (opts.unicode11 !== false) this.loadUnicode11();
    if (opts.focus) term.focus();
  }

  /** The element xterm.js draws in (`.xterm`). */
  get element(): HTMLElement | undefined {
    return this.term.element;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /**
   * Shows the screen in `host`: moves its element there if it is elsewhere (keeping the
   * keyboard focus, the scrollback and the subscriptions), then fits it to its new size.
   */
  mount(host: HTMLElement): void {
    if (this.disposed) return;
    const el = this.term.element;
    if (el && el.parentElement !== host) {
      const hadFocus = el.contains(el.ownerDocument.activeElement);
      const moveBefore = (host as unknown as { moveBefore?: MoveBefore }).moveBefore;
      let moved = false;
      if (typeof moveBefore === 'function' && el.isConnected && host.isConnected) {
        try {
          moveBefore.call(host, el, null);
          moved = true;
        } catch {
          /* not movable atomically (another document, a shadow root): append instead */
        }
      }
      if (!moved) host.appendChild(el);
      if (hadFocus && !el.contains(el.ownerDocument.activeElement)) this.term.focus();
    }
    this.host = host;
    this.observe();
    this.fit();
  }

  /** The view that showed the screen went away: stop following its size (the element stays). */
  unmount(host: HTMLElement): void {
    if (this.host !== host) return;
    this.observer?.disconnect();
    this.observer = null;
  }

  /** Fits the screen to its container (nothing while the container has no size, e.g. a hidden tab). */
  fit(): void {
    if (this.disposed) return;
    const host = this.host;
    if (host.clientWidth < 10 || host.clientHeight < 10) return;
    try {
      this.fitAddon.fit();
    } catch {
      /* not laid out yet */
    }
  }

  focus(): void {
    if (!this.disposed) this.term.focus();
  }

  setTheme(theme: Theme): void {
    if (!this.disposed) this.term.options.theme = XTERM_THEMES[theme];
  }

  setScreenReader(on: boolean): void {
    if (!this.disposed && this.term.options.screenReaderMode !== on) this.term.options.screenReaderMode = on;
  }

  /** Loads the Unicode 11 width tables (emoji are two columns wide, as the shell counts them). */
  loadUnicode11(): void {
    unicode11 ??= import('@xterm/addon-unicode11');
    unicode11.then(
      ({ Unicode11Addon }) => {
        if (this.disposed || this.term.unicode.activeVersion === '11') return;
        this.term.loadAddon(new Unicode11Addon());
        this.term.unicode.activeVersion = '11';
      },
      (e: unknown) => {
        unicode11 = undefined;
        console.warn('dockyard: the Unicode 11 widths could not be loaded', e);
      },
    );
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.observer?.disconnect();
    this.observer = null;
    for (const s of this.subs.splice(0)) s.dispose();
    this.onShortcut = null;
    if (screens.get(this.model) === this) screens.delete(this.model);
    this.term.dispose();
  }

  private observe(): void {
    this.observer?.disconnect();
    this.observer = new ResizeObserver(() => this.fit());
    this.observer.observe(this.host);
  }

  private copy(): void {
    const text = this.term.getSelection();
    if (text) void navigator.clipboard?.writeText(text).catch(() => {});
    this.term.clearSelection();
  }

  private paste(): void {
    void navigator.clipboard
      ?.readText()
      .then((text) => this.term.paste(text))
      .catch(() => {});
  }
}
