/**
 * rcjsuen's dockerfile-language-service (validation from dockerfile-utils, hover docs, completion)
 * with its LSP-shaped answers turned into Monaco's shapes: 1-based lines and columns (LSP's are
 * 0-based; both count UTF-16 code units, so a column is the character offset + 1). No Monaco import
 * here, so it runs in Node tests; `dockerfileMonaco.ts` maps the names below to Monaco's enums.
 * Loaded lazily, when the first Dockerfile model appears.
 */
import { DockerfileParser } from 'dockerfile-ast';
import { Util } from 'dockerfile-ast/lib/util';
import { DockerfileLanguageServiceFactory, type DockerfileLanguageService } from 'dockerfile-language-service';

type Diagnostic = ReturnType<DockerfileLanguageService['validate']>[number];
type Hover = NonNullable<ReturnType<DockerfileLanguageService['computeHover']>>;
type CompletionItem = Awaited<ReturnType<DockerfileLanguageService['computeCompletionItems']>>[number];
type LspRange = Diagnostic['range'];

/** A Monaco range (IRange): 1-based, end exclusive. */
export interface MonacoRange {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

export type Severity = 'Error' | 'Warning' | 'Info' | 'Hint';

/** monaco.editor.IMarkerData, with the severity and tags by name. */
export interface DockerfileMarker extends MonacoRange {
  severity: Severity;
  message: string;
  source: string;
  code?: string;
  tags: ('Unnecessary' | 'Deprecated')[];
}

export interface DockerfileHover {
  /** Markdown. */
  contents: string;
  range?: MonacoRange;
}

/** Names shared by LSP's and Monaco's CompletionItemKind (their numbers differ). */
const KIND_NAMES = [
  'Text', 'Method', 'Function', 'Constructor', 'Field', 'Variable', 'Class', 'Interface', 'Module', 'Property', 'Unit', 'Value', 'Enum',
  'Keyword', 'Snippet', 'Color', 'File', 'Reference', 'Folder', 'EnumMember', 'Constant', 'Struct', 'Event', 'Operator', 'TypeParameter',
] as const;
export type KindName = (typeof KIND_NAMES)[number];

export interface DockerfileCompletion {
  label: string;
  kind: KindName;
  insertText: string;
  /** insertText uses snippet syntax (`${1:command}`). */
  snippet: boolean;
  /** The text the completion replaces. */
  range: MonacoRange;
  documentation?: string;
  detail?: string;
  filterText?: string;
  sortText?: string;
  deprecated?: boolean;
}

export interface DockerfileService {
  markers(text: string): DockerfileMarker[];
  /** `line` and `column` are Monaco's (1-based). */
  hover(text: string, line: number, column: number): DockerfileHover | null;
  completions(text: string, line: number, column: number): Promise<DockerfileCompletion[]>;
}

/**
 * dockerfile-ast 0.7.1 looks for a byte order mark with Node's `Buffer`, which a browser does not
 * have ("Buffer is not defined" on every parse). The BOM is U+FEFF as a JS character.
 */
Util.isUTF8BOM = (char: string) => char.charCodeAt(0) === 0xfeff;

const SEVERITIES: Record<number, Severity> = { 1: 'Error', 2: 'Warning', 3: 'Info', 4: 'Hint' };

export function toMonacoRange(r: LspRange): MonacoRange {
  return { startLineNumber: r.start.line + 1, startColumn: r.start.character + 1, endLineNumber: r.end.line + 1, endColumn: r.end.character + 1 };
}

export function toMarker(d: Diagnostic): DockerfileMarker {
  const tags: DockerfileMarker['tags'] = [];
  for (const t of d.tags ?? []) tags.push(t === 1 ? 'Unnecessary' : 'Deprecated');
  return {
    ...toMonacoRange(d.range),
    severity: SEVERITIES[d.severity ?? 1] ?? 'Error',
    message: d.message,
    source: d.source ?? 'dockerfile-utils',
    ...(d.code !== undefined ? { code: String(d.code) } : {}),
    tags,
  };
}

type Markup = Hover['contents'] | NonNullable<CompletionItem['documentation']>;

/** Markdown for any of LSP's content shapes (MarkupContent, a string, MarkedString(s)). */
export function toMarkdown(c: Markup): string {
  if (typeof c === 'string') return c;
  if (Array.isArray(c)) return c.map((x) => toMarkdown(x)).join('\n\n');
  if ('kind' in c) return c.kind === 'markdown' ? c.value : escapeMarkdown(c.value);
  return '```' + c.language + '\n' + c.value + '\n```';
}

function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

export function toHover(h: Hover): DockerfileHover {
  return { contents: toMarkdown(h.contents), ...(h.range ? { range: toMonacoRange(h.range) } : {}) };
}

/**
 * `fallback` is the range of the word at the cursor, for items without a text edit.
 * LSP `insertTextFormat` 2 is a snippet; `kind` 1..25 index the names above.
 */
export function toCompletion(item: CompletionItem, fallback: MonacoRange): DockerfileCompletion {
  const edit = item.textEdit;
  let range = fallback;
  let insertText = item.insertText ?? item.label;
  if (edit) {
    insertText = edit.newText;
    range = toMonacoRange('range' in edit ? edit.range : edit.replace);
  }
  const doc = item.documentation;
  return {
    label: item.label,
    kind: KIND_NAMES[(item.kind ?? 1) - 1] ?? 'Text',
    insertText,
    snippet: item.insertTextFormat === 2,
    range,
    ...(doc !== undefined ? { documentation: toMarkdown(doc) } : {}),
    ...(item.detail !== undefined ? { detail: item.detail } : {}),
    ...(item.filterText !== undefined ? { filterText: item.filterText } : {}),
    ...(item.sortText !== undefined ? { sortText: item.sortText } : {}),
    ...(item.deprecated || item.tags?.includes(1) ? { deprecated: true } : {}),
  };
}

/**
 * Whether the cursor is in a FROM image's tag. The service would ask Docker Hub for the image's
 * tags there (over `https`); nothing in Dockyard may use the network, so that case gets no proposals.
 */
export function inFromImageTag(text: string, line0: number, character: number): boolean {
  for (const from of DockerfileParser.parse(text).getFROMs()) {
    const r = from.getImageTagRange();
    if (!r) continue;
    const afterStart = line0 > r.start.line || (line0 === r.start.line && character >= r.start.character);
    const beforeEnd = line0 < r.end.line || (line0 === r.end.line && character <= r.end.character);
    if (afterStart && beforeEnd) return true;
  }
  return false;
}

/** The word (letters, digits, `_`) around a 0-based position, as a Monaco range. */
function wordRange(text: string, line0: number, character: number): MonacoRange {
  const lineText = text.split('\n')[line0] ?? '';
  let start = character;
  while (start > 0 && /\w/.test(lineText[start - 1] ?? '')) start--;
  let end = character;
  while (end < lineText.length && /\w/.test(lineText[end] ?? '')) end++;
  return { startLineNumber: line0 + 1, startColumn: start + 1, endLineNumber: line0 + 1, endColumn: end + 1 };
}

export function createDockerfileService(): DockerfileService {
  const service = DockerfileLanguageServiceFactory.createLanguageService();
  service.setCapabilities({
    completion: { completionItem: { snippetSupport: true, deprecatedSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  });
  return {
    markers(text) {
      return service.validate(text).map(toMarker);
    },
    hover(text, line, column) {
      const h = service.computeHover(text, { line: line - 1, character: column - 1 });
      return h ? toHover(h) : null;
    },
    async completions(text, line, column) {
      const position = { line: line - 1, character: column - 1 };
      if (inFromImageTag(text, position.line, position.character)) return [];
      const items = await service.computeCompletionItems(text, position);
      const fallback = wordRange(text, position.line, position.character);
      return items.map((i) => toCompletion(i.documentation ? i : service.resolveCompletionItem(i), fallback));
    },
  };
}
