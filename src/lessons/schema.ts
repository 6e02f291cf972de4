/**
 * The lesson format: `lessons/<NN-slug>/lesson.yaml`, validated with zod. Every field has one shape
 * and a description (they become the hover docs of a JSON schema for authors later). Prose lives in
 * `en.md` and `zh.md` beside it; everything else is written once here and shared by both languages.
 *
 * Errors are reported at `file:line:col`, from the positions the `yaml` parser keeps.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { z } from 'zod';

export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

/** The format version a lesson.yaml declares; a later version adds fields and migrates old ones. */
export const LESSON_FORMAT = 1;

const idSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes, like "hello-file"');

export const localizedSchema = z
  .strictObject({
    en: z.string().min(1).describe('English text.'),
    zh: z.string().min(1).describe('Chinese text (written for Chinese readers, not translated word for word).'),
  })
  .describe('A text in both languages.');
export type Localized = z.infer<typeof localizedSchema>;

function isRegExp(s: string): boolean {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}

const relPathSchema = z
  .string()
  .min(1)
  .refine((p) => !p.split('/').includes('..'), 'must not contain ".."');

export const fileCheckSchema = z
  .strictObject({
    file: relPathSchema.describe(
      'The file to look at: relative to the learner\'s home folder (/home/learner), or absolute.',
    ),
    exists: z
      .boolean()
      .optional()
      .describe('true (the default): the file must exist and be a regular file. false: it must not exist.'),
    contains: z.string().min(1).optional().describe('The file must contain this text (case-sensitive).'),
    equals: z
      .string()
      .optional()
      .describe('The file must hold exactly this text; line ends (CRLF/LF) and trailing blank space at the end of the file are ignored.'),
    message: localizedSchema
      .optional()
      .describe('Replaces the generated "expected X, found Y" message. {path} and {found} are filled in.'),
  })
  .describe('An assertion on a file of the learner\'s host.');

export const shellCheckSchema = z
  .strictObject({
    shell: z.string().min(1).describe('A command line run by bash on a fork of the learner\'s world; its exit status decides.'),
    expectStatus: z.number().int().min(0).max(255).optional().describe('The exit status that passes (default 0).'),
    message: localizedSchema.describe(
      'Shown when the check fails. {output} is filled with the command\'s output (trimmed), {status} with its exit status.',
    ),
  })
  .describe('A verify command, in the manner of Killercoda\'s verify.sh.');

export const historyCheckSchema = z
  .strictObject({
    history: z
      .string()
      .min(1)
      .refine(isRegExp, 'is not a valid regular expression')
      .describe('A regular expression (JavaScript syntax) that one command the learner typed must match, after alias expansion.'),
    message: localizedSchema.optional().describe('Shown when no typed command matches. {pattern} is filled in.'),
  })
  .describe('An assertion on the commands the learner typed.');

const jsonScalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const objectCheckSchema = z
  .strictObject({
    object: idSchema.describe(
      'The kind of object: `file` on the host; the Docker and Kubernetes engines add their kinds (container, image, pod ...).',
    ),
    name: z.string().min(1).describe('The object\'s name (for `file`, a path relative to /home/learner, or absolute).'),
    field: z
      .string()
      .min(1)
      .regex(/^[A-Za-z_$][\w$-]*(\.[A-Za-z_$][\w$-]*|\[\d+\]|\["[^"]+"\])*$/, 'is a field path like State.Status, spec.containers[0].image or metadata.labels["app.kubernetes.io/name"]')
      .optional()
      .describe('A field path into the object as `docker inspect` / `kubectl get -o json` show it; without it the check is about the object itself.'),
    exists: z.boolean().optional().describe('true (the default): the object (or field) must be there. false: it must not.'),
    equals: z
      .union([jsonScalar, z.array(jsonScalar)])
      .optional()
      .describe('The field must equal this value (numbers and their text compare equal: 80 and "80").'),
    contains: z.union([z.string(), z.number()]).optional().describe('A text field must contain this text; a list field must hold this item.'),
    matches: z
      .string()
      .refine(isRegExp, 'is not a valid regular expression')
      .optional()
      .describe('A regular expression (JavaScript syntax) the field\'s text must match.'),
    oneOf: z.array(jsonScalar).min(1).optional().describe('The field must equal one of these values.'),
    atLeast: z.number().optional().describe('The field (a number, or the length of a list) must be at least this.'),
    atMost: z.number().optional().describe('The field (a number, or the length of a list) must be at most this.'),
    message: localizedSchema
      .optional()
      .describe('Replaces the generated message. {name}, {field}, {expected} and {found} are filled in.'),
  })
  .describe('An assertion on an object of the simulated world: its kind, name, a field, an operator and the expected value.');

export const checkSchema = z
  .union([fileCheckSchema, shellCheckSchema, historyCheckSchema, objectCheckSchema])
  .describe('A check: exactly one of the keys `file`, `shell`, `history` or `object` says its kind.');

export type FileCheck = z.infer<typeof fileCheckSchema>;
export type ShellCheck = z.infer<typeof shellCheckSchema>;
export type HistoryCheck = z.infer<typeof historyCheckSchema>;
export type ObjectCheck = z.infer<typeof objectCheckSchema>;
export type Check = z.infer<typeof checkSchema>;

/** The operators of an object check. */
export const OBJECT_OPS = ['equals', 'contains', 'matches', 'oneOf', 'atLeast', 'atMost'] as const;

/** The key that names each kind of check. */
export const CHECK_KINDS = ['file', 'shell', 'history', 'object'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

export function checkKind(c: Check): CheckKind {
  if ('file' in c) return 'file';
  if ('shell' in c) return 'shell';
  if ('object' in c) return 'object';
  return 'history';
}

export const solutionSchema = z
  .strictObject({
    commands: z.array(z.string().min(1)).optional().describe('Command lines typed at the terminal, in order.'),
    files: z
      .record(relPathSchema, z.string())
      .optional()
      .describe('Files written as the editor saves them: path (relative to /home/learner, or absolute) to content.'),
  })
  .describe('What solves the exercise (commands and/or files).');
export type Solution = z.infer<typeof solutionSchema>;

export const nearMissSchema = z
  .strictObject({
    why: z.string().min(1).describe('What mistake this is (for the report).'),
    commands: z.array(z.string().min(1)).optional().describe('Command lines typed at the terminal, in order.'),
    files: z.record(relPathSchema, z.string()).optional().describe('Files written as the editor saves them.'),
    expect: z
      .string()
      .min(1)
      .describe('Text the English failure message must contain: proves the learner is told what is wrong.'),
  })
  .describe('A wrong attempt that must NOT pass, with the message the learner must then see.');

export const exerciseSchema = z
  .strictObject({
    id: idSchema.describe('Unique in the lesson; the prose places the exercise with ::exercise{id="..."}.'),
    title: localizedSchema.describe('The exercise\'s title: the accessible name of its region.'),
    checks: z.array(checkSchema).min(1).describe('Run in order on a fork of the learner\'s world; the first failure is shown.'),
    hints: z
      .strictObject({
        en: z.array(z.string().min(1)).describe('English hints, from gentle to explicit.'),
        zh: z.array(z.string().min(1)).describe('Chinese hints, as many as the English ones.'),
      })
      .describe('Progressive hints, revealed one at a time.'),
    solution: solutionSchema.describe('What solves the exercise; lessons:check replays it and the checks must then pass.'),
    alternatives: z
      .array(solutionSchema)
      .optional()
      .describe('Other right solutions: lessons:check replays each and the checks must pass (guards against checks that are too strict).'),
    nearMisses: z
      .array(nearMissSchema)
      .optional()
      .describe('Wrong attempts: lessons:check replays each and the checks must fail with the expected message (guards against checks that are too lenient).'),
  })
  .describe('An exercise: checks, hints and a solution.');
export type Exercise = z.infer<typeof exerciseSchema>;

export const quizSchema = z
  .strictObject({
    id: idSchema.describe('Unique in the lesson (exercises and quizzes share the ids); the prose places it with ::quiz{id="..."}.'),
    question: localizedSchema.describe('The question (Markdown-free text).'),
    choices: z
      .array(
        z.strictObject({
          text: localizedSchema.describe('The answer as shown.'),
          correct: z.boolean().optional().describe('true for a right answer (at least one is).'),
          why: localizedSchema.describe('Shown once the learner picks it: why it is right or wrong.'),
        }),
      )
      .min(2)
      .describe('The answers, in the order shown.'),
  })
  .describe('A multiple-choice question for a concept section. With more than one right answer, the learner picks all of them.');
export type Quiz = z.infer<typeof quizSchema>;

const placeSchema = z.strictObject({
  id: idSchema.describe('Stable id; lessons with the same id share the part or chapter.'),
  title: localizedSchema.describe('Its title in the course overview.'),
});

export const lessonSpecSchema = z
  .strictObject({
    format: z.literal(LESSON_FORMAT).optional().describe('The version of this format (1).'),
    id: idSchema.describe('The lesson\'s id, used in URLs and progress; the folder is named NN-<id>.'),
    title: localizedSchema.describe('The lesson\'s title.'),
    part: placeSchema.describe('The part of the course the lesson belongs to.'),
    chapter: placeSchema.describe('The chapter inside the part.'),
    setup: z
      .strictObject({
        commands: z
          .array(z.string().min(1))
          .describe('Command lines run (in a fresh session, after files/ is copied into /home/learner) before the learner arrives.'),
      })
      .optional()
      .describe('How the lesson\'s starting state is built. Starting files live in the folder files/.'),
    exercises: z.array(exerciseSchema).describe('The lesson\'s exercises, in the order the prose places them.'),
    quizzes: z.array(quizSchema).optional().describe('Multiple-choice questions, placed in the prose with ::quiz{id="..."}.'),
  })
  .describe('lesson.yaml: everything about a lesson that is not prose.');
export type LessonSpec = z.infer<typeof lessonSpecSchema>;

/** A problem in a lesson file, with its position (1-based line and column). */
export interface LessonIssue {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

export function formatIssue(i: LessonIssue): string {
  return `${i.file}:${i.line}:${i.col}: ${i.message}`;
}

export type ParseResult<T> = { ok: true; value: T; issues: LessonIssue[] } | { ok: false; issues: LessonIssue[] };

/** Parses and validates a lesson.yaml text; `file` names it in the issues. */
export function parseLessonYaml(text: string, file: string): ParseResult<LessonSpec> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number, message: string): LessonIssue => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, col: pos.col, message };
  };
  if (doc.errors.length > 0) {
    return { ok: false, issues: doc.errors.map((e) => at(e.pos[0], e.message.split('\n')[0] ?? e.message)) };
  }
  const data: unknown = doc.toJS();
  const parsed = lessonSpecSchema.safeParse(data);
  const issues: LessonIssue[] = [];
  if (!parsed.success) {
    for (const issue of flattenIssues(parsed.error.issues, data)) {
      issues.push(at(offsetOf(doc, issue.path, issue.atKey === true), issue.message));
    }
    return { ok: false, issues };
  }
  const spec = parsed.data;
  // Rules across fields.
  const seen = new Set<string>();
  spec.exercises.forEach((ex, i) => {
    const path = ['exercises', i];
    if (seen.has(ex.id)) issues.push(at(offsetOf(doc, [...path, 'id']), `duplicate exercise id "${ex.id}"`));
    seen.add(ex.id);
    if (ex.hints.en.length !== ex.hints.zh.length) {
      issues.push(
        at(offsetOf(doc, [...path, 'hints']), `hints: ${ex.hints.en.length} in en but ${ex.hints.zh.length} in zh; give each language the same hints`),
      );
    }
    if ((ex.solution.commands?.length ?? 0) === 0 && Object.keys(ex.solution.files ?? {}).length === 0) {
      issues.push(at(offsetOf(doc, [...path, 'solution']), 'solution: give commands, files or both'));
    }
    ex.checks.forEach((c, j) => {
      if ('file' in c && c.exists === false && (c.contains !== undefined || c.equals !== undefined)) {
        issues.push(at(offsetOf(doc, [...path, 'checks', j]), 'a check with exists: false cannot also ask for contains or equals'));
      }
      if ('object' in c) {
        const ops = OBJECT_OPS.filter((k) => c[k] !== undefined);
        if (c.exists === false && ops.length > 0) {
          issues.push(at(offsetOf(doc, [...path, 'checks', j]), `a check with exists: false cannot also ask for ${ops.join(', ')}`));
        }
        if (ops.length > 0 && c.field === undefined) {
          issues.push(at(offsetOf(doc, [...path, 'checks', j]), `${ops.join(', ')} needs a field to look at`));
        }
      }
    });
    [...(ex.alternatives ?? []), ...(ex.nearMisses ?? [])].forEach((sol, k) => {
      if ((sol.commands?.length ?? 0) === 0 && Object.keys(sol.files ?? {}).length === 0) {
        const key = k < (ex.alternatives?.length ?? 0) ? ['alternatives', k] : ['nearMisses', k - (ex.alternatives?.length ?? 0)];
        issues.push(at(offsetOf(doc, [...path, ...key]), 'give commands, files or both'));
      }
    });
  });
  (spec.quizzes ?? []).forEach((q, i) => {
    const path = ['quizzes', i];
    if (seen.has(q.id)) issues.push(at(offsetOf(doc, [...path, 'id']), `duplicate id "${q.id}" (exercises and quizzes share ids)`));
    seen.add(q.id);
    if (!q.choices.some((c) => c.correct)) issues.push(at(offsetOf(doc, [...path, 'choices']), 'choices: mark at least one with correct: true'));
  });
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: spec, issues: [] };
}

type PathKey = string | number;

interface FlatIssue {
  path: PathKey[];
  message: string;
  /** An unknown key: report at the key itself rather than its value. */
  atKey?: boolean;
}

/** Turns zod issues into readable ones; a union of checks reports the branch its key selects. */
function flattenIssues(issues: readonly z.core.$ZodIssue[], root: unknown, prefix: PathKey[] = []): FlatIssue[] {
  const out: FlatIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path.filter((k): k is PathKey => typeof k !== 'symbol')];
    const name = describePath(path);
    switch (issue.code) {
      case 'invalid_union': {
        const value = getIn(root, path);
        const branch = unionBranch(value);
        if (branch === undefined) {
          out.push({ path, message: `${name}: a check needs exactly one of the keys ${CHECK_KINDS.join(', ')}` });
        } else {
          const sub = issue.errors[branch] ?? [];
          out.push(...flattenIssues(sub, root, path));
        }
        break;
      }
      case 'unrecognized_keys':
        for (const key of issue.keys) out.push({ path: [...path, key], message: `unknown field "${key}"${where(path)}`, atKey: true });
        break;
      case 'invalid_type': {
        const value = getIn(root, path);
        if (value === undefined) out.push({ path, message: `missing field "${String(path[path.length - 1])}"${where(path.slice(0, -1))}` });
        else out.push({ path, message: `${name}: expected ${issue.expected}, found ${typeName(value)}` });
        break;
      }
      case 'invalid_value':
        out.push({ path, message: `${name}: expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, found ${JSON.stringify(getIn(root, path))}` });
        break;
      case 'too_small':
        out.push({
          path,
          message:
            issue.origin === 'array'
              ? `${name}: expected at least ${String(issue.minimum)} item${Number(issue.minimum) === 1 ? '' : 's'}, found ${(getIn(root, path) as unknown[]).length}`
              : issue.origin === 'string'
                ? `${name}: must not be empty`
                : `${name}: expected at least ${String(issue.minimum)}`,
        });
        break;
      default:
        out.push({ path, message: `${name}: ${issue.message}` });
    }
  }
  return out;
}

function where(path: PathKey[]): string {
  return path.length === 0 ? '' : ` in ${describePath(path)}`;
}

function unionBranch(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const present = CHECK_KINDS.filter((k) => k in value);
  if (present.length !== 1) return undefined;
  return CHECK_KINDS.indexOf(present[0] as CheckKind);
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return typeof v === 'string' ? `the text ${JSON.stringify(v)}` : `${typeof v} ${String(v)}`;
}

/** `exercises[0].checks[1].file` */
export function describePath(path: readonly PathKey[]): string {
  let s = '';
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : s === '' ? k : `.${k}`;
  return s;
}

function getIn(root: unknown, path: readonly PathKey[]): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PathKey, unknown>)[k];
  }
  return v;
}

/** The source offset of the node at `path`, or of its nearest existing ancestor. */
function offsetOf(doc: Document, path: readonly PathKey[], atKey = false): number {
  for (let n = path.length; n >= 0; n--) {
    const sub = path.slice(0, n);
    const key = sub[sub.length - 1];
    if (atKey && n === path.length && n > 0) {
      const parent = n === 1 ? doc.contents : doc.getIn(sub.slice(0, -1), true);
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
        const keyNode = pair?.key;
        if (isScalar(keyNode) && keyNode.range) return keyNode.range[0];
      }
    }
    const node = (sub.length === 0 ? doc.contents : doc.getIn(sub, true)) as YamlNode | null | undefined;
    if (node && (isMap(node) || isSeq(node) || isScalar(node)) && node.range) return node.range[0];
  }
  return 0;
}
