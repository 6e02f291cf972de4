/** Renders a lesson's compiled (sanitised) HAST with React, mapping our elements to components. */
import type { Element, Root } from 'hast';
import { toJsxRuntime, type Components } from 'hast-util-to-jsx-runtime';
import { memo, type ReactNode } from 'react';
import { Fragment, jsx, jsxs } from 'react/jsx-runtime';
import { hastText, isExternalUrl } from '../../lessons/markdown';
import type { Lang } from '../../lessons/schema';
import { CodeBlock } from './CodeBlock';
import { ExerciseRegion } from './Exercise';
import { QuizRegion } from './Quiz';
import { LESSON_STRINGS } from './strings';

function codeChild(pre: Element | undefined): Element | undefined {
  const c = pre?.children.find((n): n is Element => n.type === 'element' && n.tagName === 'code');
  return c;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function components(lang: Lang, assets: Readonly<Record<string, string>>): Components {
  const t = LESSON_STRINGS[lang];
  return {
    pre: ({ node, children }) => {
      const code = codeChild(node);
      if (!code) return <pre>{children}</pre>;
      const cls = code.properties.className;
      const language = Array.isArray(cls) ? cls.map(String).find((c) => c.startsWith('language-'))?.slice(9) : undefined;
      const file = str(code.properties.dataFile);
      const run = code.properties.dataRun === 'true';
      return <CodeBlock code={hastText(code)} lang={language} run={run} file={file} />;
    },
    div: ({ node, children, ...rest }) => {
      const id = str(node?.properties.dataExercise);
      if (id) return <ExerciseRegion id={id} />;
      const quiz = str(node?.properties.dataQuiz);
      if (quiz) return <QuizRegion id={quiz} />;
      return <div {...rest}>{children}</div>;
    },
    aside: ({ node, children }) => {
      const kind = str(node?.properties.dataCallout) as keyof typeof t.callout | undefined;
      const label = kind && kind in t.callout ? t.callout[kind] : undefined;
      return (
        <aside className={`dy-callout dy-callout-${kind ?? 'note'}`} aria-label={label}>
          {label ? <p className="dy-callout-label">{label}</p> : null}
          {children}
        </aside>
      );
    },
    img: ({ node: _node, src, alt, ...rest }) => {
      const url = typeof src === 'string' ? (assets[src] ?? src) : undefined;
      return <img {...rest} src={url} alt={alt ?? ''} loading="lazy" />;
    },
    a: ({ node: _node, href, children, ...rest }) => {
      // Defence in depth: the compiler already did this.
      const external = typeof href === 'string' && isExternalUrl(href);
      return (
        <a {...rest} href={href} {...(external ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>
          {children}
        </a>
      );
    },
  };
}

export interface ProseProps {
  readonly hast: Root;
  readonly lang: Lang;
  readonly assets?: Readonly<Record<string, string>>;
}

/** The prose; exercises and code blocks inside it read the LessonContext. */
export const Prose = memo(function Prose({ hast, lang, assets = {} }: ProseProps): ReactNode {
  return toJsxRuntime(hast, { Fragment, jsx, jsxs, passNode: true, components: components(lang, assets) });
});
