/**
 * The Dockerfile front end, as BuildKit's (moby/buildkit frontend/dockerfile): parse the text
 * (`parseDockerfile`), turn the tree into build stages (`instructionsFrom`), and expand variables in
 * words (`expandWord`). Every failure is a value carrying BuildKit's message and the lines it points at.
 *
 *   const p = parseDockerfile(text);            // { ok, ast, warnings, escapeToken } | { ok: false, error }
 *   const i = p.ok && instructionsFrom(p.ast);  // { ok, value: { stages, metaArgs } } | { ok: false, error }
 *   expandWord('$HOME/app', { HOME: '/root' }); // { ok: true, value: '/root/app' }
 */
export { parseDockerfile, dump, nodeArgs, parseHeredoc, heredocsFromLine, chompHeredocContent, parseWords, parseJSONArray, parseNameValues, INSTRUCTIONS, DEFAULT_ESCAPE_TOKEN } from './parser';
export type { Node, Heredoc, LineRange, ParseWarning, DockerfileError, ParseResult } from './parser';
export { instructionsFrom, parseInstruction, parseMount, goParseDuration, goParseBool, ramInBytes } from './instructions';
export type {
  Command,
  Stage,
  Instructions,
  InstructionResult,
  ArgCommand,
  RunCommand,
  KeyValuePair,
  KeyValuePairOptional,
  Mount,
  MountType,
  ShareMode,
  HealthcheckConfig,
  ShellDependantCmdLine,
  SourcesAndDest,
  SourceContent,
  SingleWordExpander,
} from './instructions';
export { expandWord, expandWords, ShellLex } from './lex';
export type { EnvSource, LexOptions, LexResult, ProcessWordResult } from './lex';
export { detectSyntax, parseDirective, DirectiveParser } from './directives';
export type { Directive, DetectedDirective } from './directives';
