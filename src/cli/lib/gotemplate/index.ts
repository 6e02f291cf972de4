/** Go's text/template as docker (`--format`) and kubectl (`-o go-template`) use it. */
export { Template, TemplateError, FuncError, NO_VALUE, BUILTINS, isTrue } from './exec';
export type { FuncMap, GoFunc, ParamType, MissingKey, TemplateOptions, ParseResult, ExecResult } from './exec';
export { DOCKER_FUNCS, DOCKER_HEADER_FUNCS, KUBECTL_FUNCS, goTitle, goSplit } from './funcs';
export { dockerWrite, dockerPreFormat, parseDockerTemplate, isTableFormat, TABLE_FORMAT_KEY, RAW_FORMAT_KEY, JSON_FORMAT_KEY, DOCKER_JSON_FORMAT } from './docker';
export type { DockerWriteResult } from './docker';
export { parseKubectlGoTemplate } from './kubectl';
