/** `docker build`: BuildKit's builder over the simulated daemon, with its cache and progress views. */
export { build, layerSize } from './builder';
export type { BuildOptions, BuildResult, BuildFailure, BuildWarning, BuiltConfig, LegacyStep } from './builder';
export { PlainPrinter, TtyPrinter, Trace, formatBytes, sourceExcerpt } from './progress';
export type { ProgressEvent, VertexInfo } from './progress';
export { IgnoreMatcher, readIgnoreFile, cleanPath } from './dockerignore';
