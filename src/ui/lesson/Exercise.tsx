/**
 * An exercise placed in the prose: a region named by its title with "Check", "Hint" and
 * "Solution", and its state in text ("Done" / "Not done yet" and the first failing check's message).
 */
import { useId, useState, useSyncExternalStore } from 'react';
import { lessonPath } from '../../lessons/checks';
import { CodeBlock } from './CodeBlock';
import { useLessonContext } from './context';
import { LESSON_STRINGS } from './strings';

export function ExerciseRegion({ id }: { readonly id: string }) {
  const ctx = useLessonContext();
  const { tracker, lang } = ctx;
  const t = LESSON_STRINGS[lang];
  const spec = ctx.lesson.exerciseSpecs.find((e) => e.id === id);
  const state = useSyncExternalStore(
    (cb) => {
      const d = tracker.onDidChange(cb);
      return () => d.dispose();
    },
    () => tracker.get(id),
    () => tracker.get(id),
  );
  const [hintsShown, setHintsShown] = useState(0);
  const [solutionOpen, setSolutionOpen] = useState(false);
  const [checking, setChecking] = useState(false);
  const headingId = useId();
  const solutionId = useId();
  if (!spec) return null;
  const title = spec.title[lang];
  const hints = spec.hints[lang];
  const done = state.status === 'done';
  const message = !done && state.messages ? state.messages[lang] : '';
  const check = () => {
    setChecking(true);
    void tracker.check(id).finally(() => setChecking(false));
  };
  const files = Object.entries(spec.solution.files ?? {});
  const commands = spec.solution.commands ?? [];
  return (
    <section role="region" aria-label={title} className={`dy-exercise ${done ? 'dy-exercise-done' : ''}`} data-exercise-id={id}>
      <h3 id={headingId} className="dy-exercise-title">
        <span className="dy-exercise-kicker">{t.exercise}</span> {title}
      </h3>
      <p className="dy-exercise-status" role="status" aria-live="polite">
        <strong className="dy-exercise-state">{done ? t.done : t.notDone}</strong>
        {message ? <span className="dy-exercise-message">{message}</span> : null}
      </p>
      <div className="dy-exercise-actions">
        <button type="button" className="dy-btn dy-btn-primary" onClick={check} aria-busy={checking || undefined}>
          {t.check}
        </button>
        <button
          type="button"
          className="dy-btn"
          disabled={hintsShown >= hints.length}
          title={hints.length === 0 ? t.noHints : undefined}
          onClick={() => setHintsShown((n) => Math.min(n + 1, hints.length))}
        >
          {t.hint}
        </button>
        <button type="button" className="dy-btn" aria-expanded={solutionOpen} aria-controls={solutionId} onClick={() => setSolutionOpen((o) => !o)}>
          {t.solution}
        </button>
      </div>
      {hintsShown > 0 ? (
        <ol className="dy-exercise-hints">
          {hints.slice(0, hintsShown).map((h, i) => (
            <li key={i}>
              <span className="dy-visually-hidden">{t.hintCount(i + 1, hints.length)}: </span>
              {h}
            </li>
          ))}
        </ol>
      ) : null}
      <div id={solutionId} className="dy-exercise-solution" hidden={!solutionOpen}>
        {solutionOpen ? (
          <>
            {files.map(([path, content]) => (
              <CodeBlock key={path} code={content} file={path} lang={fileLang(path)} />
            ))}
            {commands.map((c, i) => (
              <CodeBlock key={i} code={c} lang="bash" run />
            ))}
          </>
        ) : null}
      </div>
    </section>
  );
}

function fileLang(path: string): string | undefined {
  const p = lessonPath(path).toLowerCase();
  if (/\.ya?ml$/.test(p)) return 'yaml';
  if (/(^|\/)dockerfile$/.test(p)) return 'dockerfile';
  if (/\.sh$/.test(p)) return 'bash';
  return undefined;
}
