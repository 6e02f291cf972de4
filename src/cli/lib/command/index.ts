/** The command-line framework of the simulated docker and kubectl (cobra + pflag, word for word). */
export { defineCommand, Command, levenshtein, RunFlags } from './command';
export type { CliContext, CommandSpec, FlagDefs, FlagValuesOf, RunFn } from './command';
export { flag, formatFloatG } from './flags';
export type { FlagDef, FlagValue, FlagCommon, CustomFlagOptions, ZeroKind } from './flags';
export { FlagSet, flagUsagesWrapped, unquoteUsage, defaultIsZeroValue } from './flagset';
export type { Flag } from './flagset';
export { dockerStyle, kubectlStyle, dockerShowHelp, kubectlUsageError, cobraArgsError } from './style';
export type { CliStyle } from './style';
export { runCli, helpFor, renderEnvOf, findCommand, traverseCommand, stripFlags } from './run';
export { completeCli } from './complete';
export { kubectlOptions, wordWrap } from './help-kubectl';
export { anyArgs, noArgs, exact, min, max, range, customArgs } from './types';
export type { ArgsRule, CommandGroup, Completer, CompleteRequest, RenderEnv } from './types';
export { goQuote, parseDuration, formatDuration } from './goparse';
