/** The "Terminal" region: tabs of terminals on the one host, each an xterm.js screen. */
import { Icon } from '../Icon';
import { useActions, useDockyard, useStrings } from '../context';
import { resolvedTheme } from '../store';
import { XtermView } from './XtermView';

export function TerminalPane(props: { visible: boolean }) {
  const t = useStrings();
  const actions = useActions();
  const { terminals, active, theme, screenReader, focusSeq, autoFocus } = useDockyard((s) => ({
    terminals: s.terminals,
    active: s.activeTerminal,
    theme: resolvedTheme(s),
    screenReader: s.screenReader,
    focusSeq: s.focus?.pane === 'terminal' ? s.focus.seq : 0,
    autoFocus: s.layout === 'full',
  }));

  const onShortcut = (a: 'focus-editor' | 'focus-lesson' | 'focus-terminal') =>
    actions.requestFocus(a === 'focus-editor' ? 'editor' : a === 'focus-lesson' ? 'lesson' : 'terminal');

  return (
    <>
      <div className="dy-tabs" role="tablist" aria-label={t.terminalTabs}>
        {terminals.map((tab) => (
          <div key={tab.n} className={`dy-tab${tab.n === active ? ' dy-tab-active' : ''}`}>
            <button
              type="button"
              role="tab"
              id={`dy-term-tab-${tab.n}`}
              aria-selected={tab.n === active}
              tabIndex={tab.n === active ? 0 : -1}
              className="dy-tab-label"
              onClick={() => {
                actions.setActiveTerminal(tab.n);
                actions.requestFocus('terminal');
              }}
            >
              {t.terminalN(tab.n)}
              {tab.exitCode !== null ? ' ⏻' : ''}
            </button>
            <button type="button" className="dy-tab-close" aria-label={t.closeTerminal(tab.n)} title={t.closeTerminal(tab.n)} onClick={() => actions.closeTerminal(tab.n)}>
              ×
            </button>
          </div>
        ))}
        <button type="button" className="dy-icon-button" aria-label={t.newTerminal} title={t.newTerminal} onClick={() => { actions.openTerminal(); actions.requestFocus('terminal'); }}>
          <Icon name="plus" />
        </button>
      </div>
      <div className="dy-term-panels">
        {terminals.map((tab, i) => {
          const shown = tab.n === active;
          return (
            <div key={tab.n} className="dy-term-panel" role="tabpanel" aria-labelledby={`dy-term-tab-${tab.n}`} hidden={!shown}>
              <XtermView
                model={tab.model}
                theme={theme}
                screenReader={screenReader}
                autoFocus={autoFocus && i === 0}
                focusSeq={shown ? focusSeq : 0}
                visible={shown && props.visible}
                onShortcut={onShortcut}
              />
              {tab.exitCode !== null && (
                <div className="dy-exited" role="status">
                  <span>{t.processExited(tab.exitCode)}</span>
                  <button type="button" onClick={() => actions.restartTerminal(tab.n)}>
                    {t.restart}
                  </button>
                  <button type="button" onClick={() => actions.closeTerminal(tab.n)}>
                    {t.close}
                  </button>
                </div>
              )}
            </div>
          );
        })}
      </div>
    </>
  );
}
