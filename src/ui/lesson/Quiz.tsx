/**
 * A multiple-choice question placed in the prose (`::quiz{id}`): a group of radio buttons (one right
 * answer) or checkboxes (several), "Check answer", and why each picked answer is right or wrong.
 */
import { useId, useState } from 'react';
import { useLessonContext } from './context';
import { LESSON_STRINGS } from './strings';

export function QuizRegion({ id }: { readonly id: string }) {
  const ctx = useLessonContext();
  const { lang } = ctx;
  const t = LESSON_STRINGS[lang];
  const spec = ctx.lesson.quizSpecs.find((q) => q.id === id);
  const [picked, setPicked] = useState<ReadonlySet<number>>(new Set());
  const [checked, setChecked] = useState<ReadonlySet<number> | null>(null);
  const [done, setDone] = useState(() => ctx.quizDone(id));
  const name = useId();
  if (!spec) return null;
  const multiple = spec.choices.filter((c) => c.correct).length > 1;
  const right = new Set(spec.choices.flatMap((c, i) => (c.correct ? [i] : [])));
  const allRight = (s: ReadonlySet<number>) => s.size === right.size && [...s].every((i) => right.has(i));
  const pick = (i: number) => {
    setChecked(null);
    setPicked((p) => {
      if (!multiple) return new Set([i]);
      const n = new Set(p);
      if (n.has(i)) n.delete(i);
      else n.add(i);
      return n;
    });
  };
  const check = () => {
    setChecked(picked);
    if (allRight(picked) && !done) {
      setDone(true);
      ctx.onQuizDone(id);
    }
  };
  const missed = checked !== null && [...checked].every((i) => right.has(i)) && checked.size < right.size;
  return (
    <section role="region" aria-label={spec.question[lang]} className={`dy-quiz ${done ? 'dy-exercise-done' : ''}`} data-quiz-id={id}>
      <fieldset>
        <legend className="dy-exercise-title">
          <span className="dy-exercise-kicker">{t.question}</span> {spec.question[lang]}
        </legend>
        {multiple ? <p className="dy-quiz-note">{t.pickAll}</p> : null}
        <ul className="dy-quiz-choices">
          {spec.choices.map((c, i) => {
            const shown = checked?.has(i) ?? false;
            return (
              <li key={i} className={shown ? (c.correct ? 'dy-quiz-right' : 'dy-quiz-wrong') : undefined}>
                <label>
                  <input type={multiple ? 'checkbox' : 'radio'} name={name} checked={picked.has(i)} onChange={() => pick(i)} />
                  {c.text[lang]}
                </label>
                {shown ? (
                  <p className="dy-quiz-why">
                    <strong>{c.correct ? t.right : t.wrong}: </strong>
                    {c.why[lang]}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      </fieldset>
      <div className="dy-exercise-actions">
        <button type="button" className="dy-btn dy-btn-primary" onClick={check} disabled={picked.size === 0}>
          {t.checkAnswer}
        </button>
      </div>
      <p className="dy-exercise-status" role="status" aria-live="polite">
        <strong className="dy-exercise-state">{done ? t.done : t.notDone}</strong>
        {missed ? <span className="dy-exercise-message">{t.missedSome}</span> : null}
      </p>
    </section>
  );
}
