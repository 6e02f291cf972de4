/**
 * docker/cli's formatter Context (`cli/command/formatter/formatter.go`): the `table` prefix, `json`,
 * literal `\t`/`\n` in --format, the header row rendered from the same template with HeaderFunctions,
 * and the tabwriter (10, 1, 3, ' ', 0) for tables. Error texts: `template parsing error: template: ...`.
 */
import { DOCKER_TABWRITER, tabwrite } from '../tabwriter';
import { Template, type ParseResult } from './exec';
import { DOCKER_FUNCS, DOCKER_HEADER_FUNCS } from './funcs';

export const TABLE_FORMAT_KEY = 'table';
export const RAW_FORMAT_KEY = 'raw';
export const JSON_FORMAT_KEY = 'json';
export const DOCKER_JSON_FORMAT = '{{json .}}';

/** docker/cli `templates.Parse`: an unnamed template with docker's basic functions. */
export function parseDockerTemplate(text: string): ParseResult {
  return Template.parse(text, { name: '', funcs: DOCKER_FUNCS });
}

export function isTableFormat(format: string): boolean {
  return format.startsWith(TABLE_FORMAT_KEY);
}

/** `Context.preFormat`: strips `table`, maps `json` to `{{json .}}`, trims spaces, turns literal `\t` `\n` into tab and newline. */
export function dockerPreFormat(format: string): string {
  let f = format;
  if (isTableFormat(f)) f = f.slice(TABLE_FORMAT_KEY.length);
  else if (f === JSON_FORMAT_KEY) f = DOCKER_JSON_FORMAT;
  f = f.replace(/^ +| +$/g, '');
  return f.replace(/\\t|\\n/g, (m) => (m === '\\t' ? '\t' : '\n'));
}

export type DockerWriteResult = { ok: true; output: string } | { ok: false; output: string; error: string };

/**
 * `Context.Write`: renders `items` with `format` (each followed by a newline). For a table format,
 * the header row is the same template run on `header` (field name → column header) with docker's
 * HeaderFunctions, and everything is aligned by the tabwriter. Errors are docker's
 * (`template parsing error: ...`); `output` then holds what was rendered before the error.
 */
export function dockerWrite(format: string, items: readonly unknown[], header: Record<string, string>): DockerWriteResult {
  const final = dockerPreFormat(format);
  const parsed = parseDockerTemplate(final);
  if (!parsed.ok) return { ok: false, output: '', error: `template parsing error: ${parsed.error}` };
  const tmpl = parsed.template;
  let buffer = '';
  for (const item of items) {
    const r = tmpl.execute(item);
    buffer += r.output;
    if (!r.ok) return { ok: false, output: '', error: `template parsing error: ${r.error}` };
    buffer += '\n';
  }
  if (!isTableFormat(format)) return { ok: true, output: buffer };
  const h = tmpl.withFuncs(DOCKER_HEADER_FUNCS).execute(header);
  return { ok: true, output: tabwrite(h.output + '\n' + buffer, DOCKER_TABWRITER) };
}
