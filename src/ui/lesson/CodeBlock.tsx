/** A code block of the prose: "Run" for commands, "Copy", "Open in editor" for file blocks. */
import { useEffect, useState } from 'react';
import { lessonPath } from '../../lessons/checks';
import { LESSON_STRINGS } from './strings';
import { useLessonContext } from './context';

export interface CodeBlockProps {
  readonly code: string;
  readonly lang?: string;
  readonly run?: boolean;
  /** `file=NAME`: the file this block is, relative to /home/learner. */
  readonly file?: string;
}

/** The text a block types into the terminal: its lines, without the final newline. */
export function commandOf(code: string): string {
  return code.replace(/\n+$/, '');
}

export function CodeBlock({ code, lang, run, file }: CodeBlockProps) {
  const ctx = useLessonContext();
  const t = LESSON_STRINGS[ctx.lang];
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const id = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(id);
  }, [copied]);
  const copy = () => {
    void navigator.clipboard?.writeText(commandOf(code)).then(() => setCopied(true), () => {});
  };
  return (
    <div className="dy-code" data-lang={lang || undefined}>
      {file ? <div className="dy-code-file">{file}</div> : null}
      <pre>
        <code className={lang ? `language-${lang}` : undefined}>{code}</code>
      </pre>
      <div className="dy-code-actions">
        {run ? (
          <button type="button" className="dy-btn dy-btn-primary" onClick={() => ctx.onRun(commandOf(code))}>
            {t.run}
          </button>
        ) : null}
        {file ? (
          <button type="button" className="dy-btn" onClick={() => ctx.onOpenFile(lessonPath(file), code)}>
            {t.openInEditor}
          </button>
        ) : null}
        <button type="button" className="dy-btn" onClick={copy}>
          {t.copy}
        </button>
        <span className="dy-code-copied" role="status">
          {copied ? t.copied : ''}
        </span>
      </div>
    </div>
  );
}
