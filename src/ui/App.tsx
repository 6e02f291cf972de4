/** One Dockyard instance's page: header, and the Lesson / Editor / Terminal panes. */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useActions, useDockyard, useStrings } from './context';
import { EditorPane } from './editor/EditorPane';
import { htmlLang } from './i18n';
import { Icon } from './Icon';
import { Splitter } from './layout/Splitter';
import { LessonSlot } from './LessonSlot';
import { NARROW_WIDTH, resolvedTheme, type PaneId } from './store';
import { shortcutOf } from './terminal/keys';
import { TerminalPane } from './terminal/TerminalPane';

export interface AppProps {
  /** Prefix for element ids (unique per instance). */
  idPrefix: string;
  /** The full page sets <html lang> and the document title; an embed leaves the host page alone. */
  manageDocument: boolean;
  /** "Reset" of the lesson: the owner brings the session back to the lesson's start. */
  onReset(): void;
}

export function App(props: AppProps) {
  const t = useStrings();
  const actions = useActions();
  const s = useDockyard((s) => ({
    lang: s.lang,
    theme: resolvedTheme(s),
    layout: s.layout,
    narrow: s.narrow,
    pane: s.narrowPane,
    screenReader: s.screenReader,
    helpOpen: s.helpOpen,
    lessonWidth: s.lessonWidth,
    editorHeight: s.editorHeight,
    focus: s.focus,
    lessonId: s.lessonId,
  }));
  const rootRef = useRef<HTMLDivElement>(null);
  const lessonRef = useRef<HTMLElement>(null);
  const id = (x: string) => `${props.idPrefix}-${x}`;

  // Follow the system theme (used while the learner has not picked one).
  useEffect(() => {
    const mq = window.matchMedia?.('(prefers-color-scheme: dark)');
    if (!mq) return;
    actions.setSystemDark(mq.matches);
    const on = (e: MediaQueryListEvent) => actions.setSystemDark(e.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, [actions]);

  // Narrow (a phone, a tablet in portrait, a narrow embed): panes become tabs.
  useEffect(() => {
    const el = rootRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => actions.setNarrow(el.clientWidth < NARROW_WIDTH));
    ro.observe(el);
    actions.setNarrow(el.clientWidth < NARROW_WIDTH);
    return () => ro.disconnect();
  }, [actions]);

  useEffect(() => {
    if (!props.manageDocument) return;
    document.documentElement.lang = htmlLang(s.lang);
    document.title = t.appTitle;
    const meta = document.querySelector('meta[name="color-scheme"]');
    meta?.setAttribute('content', s.theme);
  }, [props.manageDocument, s.lang, s.theme, t.appTitle]);

  // The full page's URL names the lesson and the language: a new entry of the browser's history
  // per lesson (Back returns to the previous one), the same entry for a change of language.
  const shownLesson = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!props.manageDocument) return;
    const url = new URL(window.location.href);
    if (s.lessonId) url.searchParams.set('lesson', s.lessonId);
    url.searchParams.set('lang', s.lang);
    const newLesson = shownLesson.current !== undefined && s.lessonId !== shownLesson.current;
    if (s.lessonId) shownLesson.current = s.lessonId;
    if (url.href === window.location.href) return;
    if (newLesson && url.searchParams.get('lesson') !== new URL(window.location.href).searchParams.get('lesson')) {
      window.history.pushState(null, '', url);
    } else {
      window.history.replaceState(null, '', url);
    }
  }, [props.manageDocument, s.lessonId, s.lang]);
  useEffect(() => {
    if (!props.manageDocument) return;
    const onPop = () => {
      const params = new URLSearchParams(window.location.search);
      const lesson = params.get('lesson');
      const lang = params.get('lang');
      if (lesson) {
        shownLesson.current = lesson;
        actions.setLesson(lesson);
      }
      if (lang === 'en' || lang === 'zh') actions.setLang(lang);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [props.manageDocument, actions]);

  useEffect(() => {
    if (s.focus?.pane === 'lesson') lessonRef.current?.focus();
  }, [s.focus]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.defaultPrevented) return;
    const sc = shortcutOf(e);
    if (sc) {
      e.preventDefault();
      actions.requestFocus(sc === 'focus-editor' ? 'editor' : sc === 'focus-lesson' ? 'lesson' : 'terminal');
    } else if (e.key === 'Escape' && s.helpOpen) {
      actions.setHelpOpen(false);
    }
  };

  const panes: Array<[PaneId, string]> = [
    ['lesson', t.lesson],
    ['editor', t.editor],
    ['terminal', t.terminal],
  ];
  const shown = (p: PaneId) => !s.narrow || s.pane === p;

  return (
    <div
      ref={rootRef}
      className="dy-root"
      data-theme={s.theme}
      data-layout={s.layout}
      data-narrow={s.narrow ? 'true' : 'false'}
      lang={htmlLang(s.lang)}
      onKeyDown={onKeyDown}
    >
      <header className="dy-header">
        <span className="dy-brand">{t.appTitle}</span>
        {s.narrow && (
          <div className="dy-pane-tabs" role="tablist" aria-label={t.panes}>
            {panes.map(([p, name]) => (
              <button key={p} type="button" role="tab" aria-selected={s.pane === p} aria-controls={id(p)} onClick={() => actions.showPane(p)}>
                {name}
              </button>
            ))}
          </div>
        )}
        <div className="dy-header-tools">
          <button type="button" onClick={actions.toggleLang} aria-label={t.switchLanguageLabel} lang={s.lang === 'en' ? 'zh-CN' : 'en'}>
            {t.switchLanguage}
          </button>
          <button type="button" onClick={actions.toggleTheme} aria-label={s.theme === 'dark' ? t.themeToLight : t.themeToDark} title={s.theme === 'dark' ? t.themeToLight : t.themeToDark}>
            <Icon name={s.theme === 'dark' ? 'sun' : 'moon'} />
          </button>
          <button type="button" onClick={actions.toggleScreenReader} aria-pressed={s.screenReader} aria-label={t.screenReader} title={t.screenReader}>
            <Icon name="reader" />
          </button>
          <button type="button" onClick={() => actions.setHelpOpen(!s.helpOpen)} aria-expanded={s.helpOpen} aria-controls={id('help')} aria-label={t.keyboardHelp} title={t.keyboardHelp}>
            <Icon name="keyboard" />
          </button>
        </div>
      </header>
      {s.helpOpen && (
        <div className="dy-help" id={id('help')} role="dialog" aria-label={t.keyboardHelpTitle}>
          <h2>{t.keyboardHelpTitle}</h2>
          <ul>
            <li>{t.helpFocusEditor}</li>
            <li>{t.helpFocusTerminal}</li>
            <li>{t.helpFocusLesson}</li>
            <li>{t.helpTab}</li>
            <li>{t.helpCopy}</li>
            <li>{t.helpSave}</li>
          </ul>
          <button type="button" onClick={() => actions.setHelpOpen(false)}>
            {t.closeHelp}
          </button>
        </div>
      )}
      <div className="dy-main" style={s.narrow ? undefined : { gridTemplateColumns: `${s.lessonWidth * 100}% 6px minmax(0, 1fr)` }}>
        <section ref={lessonRef} id={id('lesson')} className="dy-pane dy-lesson-pane" role="region" aria-label={t.lesson} tabIndex={-1} hidden={!shown('lesson')}>
          <LessonSlot onReset={props.onReset} />
        </section>
        {!s.narrow && (
          <Splitter orientation="vertical" value={s.lessonWidth} min={0.15} max={0.7} label={t.resizeLesson} controls={id('lesson')} onChange={actions.setLessonWidth} />
        )}
        <div className="dy-work" style={s.narrow ? undefined : { gridTemplateRows: `${s.editorHeight * 100}% 6px minmax(0, 1fr)` }}>
          <section id={id('editor')} className="dy-pane dy-editor-pane" role="region" aria-label={t.editor} hidden={!shown('editor')}>
            <EditorPane instance={props.idPrefix} />
          </section>
          {!s.narrow && (
            <Splitter orientation="horizontal" value={s.editorHeight} min={0.1} max={0.9} label={t.resizeEditor} controls={id('editor')} onChange={actions.setEditorHeight} />
          )}
          <section id={id('terminal')} className="dy-pane dy-terminal-pane" role="region" aria-label={t.terminal} hidden={!shown('terminal')}>
            <TerminalPane visible={shown('terminal')} />
            <p className="dy-hint">{t.leaveHint}</p>
          </section>
        </div>
      </div>
    </div>
  );
}
