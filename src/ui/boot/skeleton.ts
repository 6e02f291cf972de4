/**
 * The page before React: a static copy of App's layout (same elements, classes and grid, so
 * nothing moves when React takes over), with the three labelled regions and an empty terminal
 * container for the first xterm.js screen. Plain DOM, no React.
 */
import { htmlLang, type Lang, type Strings } from '../i18n';
import { NARROW_WIDTH, type Layout, type Theme } from '../store';

export interface SkeletonOptions {
  strings: Strings;
  lang: Lang;
  theme: Theme;
  layout: Layout;
}

export interface Skeleton {
  readonly root: HTMLElement;
  /** Where the first terminal's screen opens (a `.dy-xterm`, as XtermView renders it). */
  readonly terminalHost: HTMLElement;
  /** The instance was narrower than NARROW_WIDTH: only the terminal pane is shown. */
  readonly narrow: boolean;
  remove(): void;
}

type Attrs = Record<string, string | boolean | undefined>;

function h(tag: string, attrs: Attrs, ...children: Array<Node | string>): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'className') el.className = String(v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  el.append(...children);
  return el;
}

/** Appends the skeleton to `element` and returns it. */
export function renderSkeleton(element: HTMLElement, opts: SkeletonOptions): Skeleton {
  const t = opts.strings;
  const root = h('div', { className: 'dy-root', 'data-theme': opts.theme, 'data-layout': opts.layout, lang: htmlLang(opts.lang), 'data-skeleton': 'true' });
  element.append(root);
  // As App measures it: panes become tabs below NARROW_WIDTH (the terminal is the one shown first).
  const narrow = root.clientWidth > 0 && root.clientWidth < NARROW_WIDTH;
  root.setAttribute('data-narrow', narrow ? 'true' : 'false');

  const terminalHost = h('div', { className: 'dy-xterm' });
  root.append(
    h(
      'header',
      { className: 'dy-header' },
      h('span', { className: 'dy-brand' }, t.appTitle),
      // Holds the header at the height its buttons will give it.
      h('div', { className: 'dy-header-tools', 'aria-hidden': 'true' }, h('span', { className: 'dy-skel-button' })),
    ),
    h(
      'div',
      { className: 'dy-main' },
      h('section', { className: 'dy-pane dy-lesson-pane', role: 'region', 'aria-label': t.lesson, hidden: narrow }, h('p', { className: 'dy-empty' }, t.loadingLesson)),
      ...(narrow ? [] : [h('div', { className: 'dy-splitter dy-splitter-vertical', 'aria-hidden': 'true' })]),
      h(
        'div',
        { className: 'dy-work' },
        h('section', { className: 'dy-pane dy-editor-pane', role: 'region', 'aria-label': t.editor, hidden: narrow }, h('p', { className: 'dy-empty' }, t.loadingEditor)),
        ...(narrow ? [] : [h('div', { className: 'dy-splitter dy-splitter-horizontal', 'aria-hidden': 'true' })]),
        h(
          'section',
          { className: 'dy-pane dy-terminal-pane', role: 'region', 'aria-label': t.terminal },
          h(
            'div',
            { className: 'dy-tabs', role: 'tablist', 'aria-label': t.terminalTabs },
            h('div', { className: 'dy-tab dy-tab-active' }, h('button', { type: 'button', role: 'tab', 'aria-selected': 'true', className: 'dy-tab-label' }, t.terminalN(1))),
          ),
          h('div', { className: 'dy-term-panels' }, h('div', { className: 'dy-term-panel', role: 'tabpanel' }, terminalHost)),
          h('p', { className: 'dy-hint' }, t.leaveHint),
        ),
      ),
    ),
  );
  return { root, terminalHost, narrow, remove: () => root.remove() };
}
