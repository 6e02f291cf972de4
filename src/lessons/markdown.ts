/**
 * Lesson prose: Markdown (GFM + directives) compiled to sanitised HAST, which the page renders with
 * hast-util-to-jsx-runtime. Runs at build time (the Vite plugin) and in lessons:check.
 *
 * What the prose can hold beyond GFM:
 * - `::exercise{id="hello"}`  places an exercise (a leaf directive);
 * - `:::tip` / `:::warning` / `:::note` ... `:::`  callouts (container directives);
 * - `:kbd[Ctrl]+:kbd[S]`  keys (raw HTML such as <kbd> is dropped);
 * - code blocks: ```` ```bash ```` blocks get "Run" and "Copy" (`norun` in the meta turns Run off);
 *   ```` ```yaml file=pod.yaml ```` blocks get "Open in editor".
 * Raw HTML is dropped, and the result is sanitised (no script, no event handlers, safe URLs);
 * external links open in a new tab with rel="noopener noreferrer".
 */
import type { Element, ElementContent, Root as HastRoot, RootContent as HastContent } from 'hast';
import type { Code, Nodes as MdNodes, Parent as MdParent, Root as MdRoot } from 'mdast';
import type {} from 'mdast-util-directive';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { LessonIssue } from './schema';

export const CALLOUTS = ['tip', 'note', 'warning'] as const;
export type CalloutKind = (typeof CALLOUTS)[number];

/** Languages whose code blocks are commands for the terminal (they get "Run"). */
export const SHELL_LANGS = new Set(['bash', 'sh', 'shell', 'console']);

export interface SourcePos {
  readonly line: number;
  readonly col: number;
}

export interface CodeBlockInfo extends SourcePos {
  readonly lang: string;
  readonly code: string;
  /** Has a "Run" button (and lessons:check runs it). */
  readonly run: boolean;
  /** `file=NAME`: has "Open in editor". */
  readonly file?: string;
}

export interface CompiledProse {
  /** Sanitised HAST, positions removed: small JSON for the page. */
  readonly hast: HastRoot;
  /** The exercises the prose places, in order. */
  readonly exercises: ReadonlyArray<{ readonly id: string } & SourcePos>;
  /** The quizzes the prose places, in order. */
  readonly quizzes: ReadonlyArray<{ readonly id: string } & SourcePos>;
  readonly links: ReadonlyArray<{ readonly url: string } & SourcePos>;
  readonly images: ReadonlyArray<{ readonly url: string } & SourcePos>;
  readonly codeBlocks: readonly CodeBlockInfo[];
  /** The first level-1 heading's text, if any. */
  readonly title: string | undefined;
  readonly issues: LessonIssue[];
}

/** Sanitisation: GitHub's schema plus what our directives and code blocks produce. */
export const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'aside'],
  attributes: {
    ...defaultSchema.attributes,
    code: [...(defaultSchema.attributes?.code ?? []), 'dataRun', 'dataFile'],
    div: [...(defaultSchema.attributes?.div ?? []), 'dataExercise', 'dataQuiz'],
    aside: [['dataCallout', ...CALLOUTS]],
  },
};

/** Parses `file=pod.yaml norun` (values may be quoted). */
export function parseCodeMeta(meta: string | null | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!meta) return out;
  for (const m of meta.matchAll(/([\w-]+)(?:=(?:"([^"]*)"|'([^']*)'|(\S+)))?/g)) {
    out.set(m[1] as string, m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

export function compileMarkdown(text: string, file: string): CompiledProse {
  const issues: LessonIssue[] = [];
  const exercises: Array<{ id: string } & SourcePos> = [];
  const quizzes: Array<{ id: string } & SourcePos> = [];
  const links: Array<{ url: string } & SourcePos> = [];
  const images: Array<{ url: string } & SourcePos> = [];
  const codeBlocks: CodeBlockInfo[] = [];
  let title: string | undefined;

  const posOf = (n: MdNodes): SourcePos => ({ line: n.position?.start.line ?? 1, col: n.position?.start.column ?? 1 });
  const issue = (n: MdNodes, message: string) => issues.push({ file, ...posOf(n), message });

  const transform = (parent: MdParent): void => {
    const kids = parent.children;
    for (let i = 0; i < kids.length; i++) {
      const node = kids[i] as MdNodes;
      switch (node.type) {
        case 'textDirective': {
          if (node.name === 'kbd' && node.children.length > 0) {
            node.data = { hName: 'kbd' };
            continue;
          }
          // `10:30` or `note:this` in running text is not a directive: give the text back.
          const label = node.children.length > 0 ? `[${plainText(node)}]` : '';
          kids.splice(i, 1, { type: 'text', value: `:${node.name}${label}` });
          continue;
        }
        case 'leafDirective': {
          if (node.name === 'exercise' || node.name === 'quiz') {
            const id = node.attributes?.id;
            if (!id) issue(node, `::${node.name} needs an id, as in ::${node.name}{id="${node.name === 'quiz' ? 'what-is-an-image' : 'hello-file'}"}`);
            else {
              (node.name === 'quiz' ? quizzes : exercises).push({ id, ...posOf(node) });
              node.children = [];
              node.data = { hName: 'div', hProperties: node.name === 'quiz' ? { dataQuiz: id } : { dataExercise: id } };
            }
          } else {
            issue(node, `unknown directive ::${node.name} (known: ::exercise, ::quiz)`);
            kids.splice(i--, 1);
          }
          continue;
        }
        case 'containerDirective': {
          if ((CALLOUTS as readonly string[]).includes(node.name)) {
            node.data = { hName: 'aside', hProperties: { dataCallout: node.name } };
          } else {
            issue(node, `unknown directive :::${node.name} (known: ${CALLOUTS.map((c) => ':::' + c).join(', ')})`);
            node.data = { hName: 'div' };
          }
          transform(node);
          continue;
        }
        case 'code': {
          handleCode(node);
          continue;
        }
        case 'link':
          links.push({ url: node.url, ...posOf(node) });
          break;
        case 'image':
          images.push({ url: node.url, ...posOf(node) });
          break;
        case 'heading':
          if (node.depth === 1 && title === undefined) title = plainText(node);
          break;
      }
      if ('children' in node) transform(node);
    }
  };

  const handleCode = (node: Code): void => {
    const lang = node.lang ?? '';
    const meta = parseCodeMeta(node.meta);
    const fileName = meta.get('file');
    const run = SHELL_LANGS.has(lang) && fileName === undefined && !meta.has('norun');
    if (meta.has('file') && !fileName) issue(node, 'file= needs a file name, as in ```yaml file=pod.yaml');
    codeBlocks.push({ lang, code: node.value, run, ...(fileName ? { file: fileName } : {}), ...posOf(node) });
    const props: Record<string, string> = {};
    if (run) props.dataRun = 'true';
    if (fileName) props.dataFile = fileName;
    node.data = { ...node.data, hProperties: props };
  };

  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkDirective)
    .use(() => (tree: MdRoot) => transform(tree))
    .use(remarkRehype)
    .use(rehypeSanitize, sanitizeSchema)
    .use(() => (tree: HastRoot) => finishHast(tree));
  const mdast = processor.parse(text);
  const hast = processor.runSync(mdast) as HastRoot;
  return { hast, exercises, quizzes, links, images, codeBlocks, title, issues };
}

/** After sanitising: safe external links, and no positions or data in the JSON. */
function finishHast(node: HastRoot | HastContent): void {
  delete node.position;
  delete node.data;
  if (node.type === 'element') {
    if (node.tagName === 'a') externalLink(node);
  }
  if ('children' in node) for (const c of node.children as ElementContent[]) finishHast(c);
}

export function isExternalUrl(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//');
}

function externalLink(a: Element): void {
  const href = a.properties.href;
  if (typeof href === 'string' && isExternalUrl(href)) {
    a.properties.target = '_blank';
    a.properties.rel = ['noopener', 'noreferrer'];
  }
}

function plainText(n: MdNodes): string {
  if ('value' in n && typeof n.value === 'string') return n.value;
  if ('children' in n) return (n.children as MdNodes[]).map(plainText).join('');
  return '';
}

/** The text of a HAST subtree (a code block's source). */
export function hastText(n: HastRoot | HastContent): string {
  if (n.type === 'text') return n.value;
  if ('children' in n) return (n.children as HastContent[]).map(hastText).join('');
  return '';
}
