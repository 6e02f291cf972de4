/**
 * BuildKit's instructions layer (frontend/dockerfile/instructions): AST nodes → typed commands grouped in
 * build stages, with BuildKit's error messages. Variables are not expanded here; the builder expands the
 * fields BuildKit expands (see `expandWord`) when it dispatches each command.
 */
import { goQuote, goTrimSpace, withSuggestion } from '../../core/gotext';
import { chompHeredocContent, nodeArgs, parseHeredoc, type DockerfileError, type Heredoc, type LineRange, type Node } from './parser';

// ---- types ------------------------------------------------------------------------------------------------

export interface KeyValuePair {
  key: string;
  value: string;
  /** True for the old `ENV key value` form. */
  noDelim: boolean;
}

export interface KeyValuePairOptional {
  key: string;
  /** undefined for `ARG name` without a default. */
  value: string | undefined;
  docComment: string;
}

interface CommandBase {
  /** The instruction word as written (`RUN`, `run`, …). */
  name: string;
  /** The instruction's source, trimmed (BuildKit `String()`). */
  code: string;
  location: LineRange;
  comments: string[];
}

/** The command line of RUN, CMD and ENTRYPOINT. */
export interface ShellDependantCmdLine {
  /** Shell form: one element (the joined text); exec form: the JSON array. */
  cmdLine: string[];
  /** Heredoc files of the command. */
  files: { name: string; data: string; chomp: boolean }[];
  /** True for the shell form: the command runs through SHELL (`/bin/sh -c`). */
  prependShell: boolean;
}

export interface SourceContent {
  path: string;
  data: string;
  expand: boolean;
}

export interface SourcesAndDest {
  destPath: string;
  sourcePaths: string[];
  sourceContents: SourceContent[];
}

export type MountType = 'bind' | 'cache' | 'tmpfs' | 'secret' | 'ssh';
export type ShareMode = 'shared' | 'private' | 'locked';

/** A RUN --mount (BuildKit `instructions.Mount`). */
export interface Mount {
  type: MountType;
  from: string;
  source: string;
  target: string;
  readOnly: boolean;
  sizeLimit: number;
  cacheID: string;
  cacheSharing: ShareMode | '';
  required: boolean;
  env: string | undefined;
  mode: number | undefined;
  uid: number | undefined;
  gid: number | undefined;
}

export interface HealthcheckConfig {
  test: string[];
  /** Durations in nanoseconds (0 = default). */
  interval: number;
  timeout: number;
  startPeriod: number;
  startInterval: number;
  retries: number;
}

export type Command =
  | (CommandBase & { kind: 'env'; env: KeyValuePair[] })
  | (CommandBase & { kind: 'maintainer'; maintainer: string })
  | (CommandBase & { kind: 'label'; labels: KeyValuePair[] })
  | (CommandBase & SourcesAndDest & { kind: 'add'; chown: string; chmod: string; link: boolean; keepGitDir: boolean | undefined; checksum: string; unpack: boolean | undefined; excludePatterns: string[] })
  | (CommandBase & SourcesAndDest & { kind: 'copy'; from: string; chown: string; chmod: string; link: boolean; parents: boolean; excludePatterns: string[] })
  | (CommandBase & { kind: 'onbuild'; expression: string })
  | (CommandBase & { kind: 'workdir'; path: string })
  | (CommandBase &
      ShellDependantCmdLine & {
        kind: 'run';
        flagsUsed: string[];
        /**
         * The raw `--mount` values. BuildKit reads them at build time, after expansion: call
         * `parseMount(value, expander)` (at parse time only `from=` is checked, as BuildKit does).
         */
        mountSpecs: string[];
        network: 'default' | 'none' | 'host';
        security: 'sandbox' | 'insecure';
        devices: { name: string; required: boolean }[];
      })
  | (CommandBase & ShellDependantCmdLine & { kind: 'cmd' })
  | (CommandBase & ShellDependantCmdLine & { kind: 'entrypoint' })
  | (CommandBase & { kind: 'healthcheck'; health: HealthcheckConfig })
  | (CommandBase & { kind: 'expose'; ports: string[] })
  | (CommandBase & { kind: 'user'; user: string })
  | (CommandBase & { kind: 'volume'; volumes: string[] })
  | (CommandBase & { kind: 'stopsignal'; signal: string })
  | (CommandBase & { kind: 'arg'; args: KeyValuePairOptional[] })
  | (CommandBase & { kind: 'shell'; shell: string[] });

export type ArgCommand = Extract<Command, { kind: 'arg' }>;
export type RunCommand = Extract<Command, { kind: 'run' }>;

/** A build stage: a FROM and the commands after it. */
export interface Stage {
  kind: 'stage';
  /** Lower-cased `AS` name, or ''. */
  name: string;
  commands: Command[];
  /** The FROM word as written. */
  origCmd: string;
  /** The image or stage named by FROM (unexpanded). */
  baseName: string;
  /** `--platform` value (unexpanded), or ''. */
  platform: string;
  docComment: string;
  sourceCode: string;
  location: LineRange;
  comments: string[];
}

export type InstructionResult<T> = { ok: true; value: T } | { ok: false; error: DockerfileError };

class InstructionError extends Error {}

// ---- BFlags -------------------------------------------------------------------------------------------------

type FlagType = 'bool' | 'string' | 'strings';
interface Flag {
  name: string;
  type: FlagType;
  value: string;
  values: string[];
}

/** BuildKit BFlags: `--name=value` flags of an instruction. */
class BFlags {
  private readonly flags = new Map<string, Flag>();
  readonly used = new Map<string, Flag>();
  private err: string | undefined;
  constructor(private readonly args: readonly string[]) {}

  private add(name: string, type: FlagType, value: string): Flag {
    const flag: Flag = { name, type, value, values: [] };
    if (this.flags.has(name)) this.err = `Duplicate flag defined: ${name}`;
    else this.flags.set(name, flag);
    return flag;
  }
  addBool(name: string, def: boolean): Flag {
    return this.add(name, 'bool', def ? 'true' : 'false');
  }
  addString(name: string, def: string): Flag {
    return this.add(name, 'string', def);
  }
  addStrings(name: string): Flag {
    return this.add(name, 'strings', '');
  }

  parse(): void {
    if (this.err !== undefined) throw new InstructionError(`error setting up flags: ${this.err}`);
    for (const a of this.args) {
      if (a === '--') return;
      if (!a.startsWith('--')) throw new InstructionError(`arg should start with -- : ${a}`);
      const eq = a.indexOf('=');
      const hasValue = eq >= 0;
      const flagName = hasValue ? a.slice(0, eq) : a;
      const value = hasValue ? a.slice(eq + 1) : '';
      const arg = flagName.slice(2);
      const flag = this.flags.get(arg);
      if (flag === undefined) throw new InstructionError(withSuggestion(`unknown flag: ${flagName}`, arg, [...this.flags.keys()], true));
      if (this.used.has(arg) && flag.type !== 'strings') throw new InstructionError(`duplicate flag specified: ${flagName}`);
      this.used.set(arg, flag);
      switch (flag.type) {
        case 'bool':
          if (hasValue && value === '') throw new InstructionError(`missing a value on flag: ${flagName}`);
          switch (value.toLowerCase()) {
            case 'true':
            case '':
              flag.value = 'true';
              break;
            case 'false':
              flag.value = 'false';
              break;
            default:
              throw new InstructionError(`expecting boolean value for flag ${flagName}, not: ${value}`);
          }
          break;
        case 'string':
          if (!hasValue) throw new InstructionError(`missing a value on flag: ${flagName}`);
          flag.value = value;
          break;
        case 'strings':
          if (!hasValue) throw new InstructionError(`missing a value on flag: ${flagName}`);
          flag.values.push(value);
          break;
      }
    }
  }
}

// ---- Go value parsers -------------------------------------------------------------------------------------

/** Go strconv.ParseBool; undefined when invalid. */
export function goParseBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

const durationUnits: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Go time.ParseDuration, in nanoseconds; errors carry Go's text. */
export function goParseDuration(s: string): { ok: true; value: number } | { ok: false; error: string } {
  const orig = s;
  const bad = { ok: false as const, error: `time: invalid duration ${goQuote(orig)}` };
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { ok: true, value: 0 };
  if (s === '') return bad;
  let total = 0;
  while (s !== '') {
    const num = /^([0-9]*)(\.([0-9]*))?/.exec(s);
    const intPart = num?.[1] ?? '';
    const frac = num?.[3];
    if (intPart === '' && (frac === undefined || frac === '')) return bad;
    s = s.slice(num?.[0].length ?? 0);
    const unit = /^[^0-9.]*/.exec(s)?.[0] ?? '';
    if (unit === '') return { ok: false, error: `time: missing unit in duration ${goQuote(orig)}` };
    const mult = durationUnits[unit];
    if (mult === undefined) return { ok: false, error: `time: unknown unit ${goQuote(unit)} in duration ${goQuote(orig)}` };
    s = s.slice(unit.length);
    total += Number(intPart === '' ? '0' : intPart) * mult + (frac !== undefined && frac !== '' ? Number('0.' + frac) * mult : 0);
  }
  return { ok: true, value: neg ? -Math.floor(total) : Math.floor(total) };
}

/** Formats nanoseconds as Go's time.Duration.String() for the values BuildKit prints (whole units). */
function formatDuration(ns: number): string {
  if (ns % 1e9 === 0) return `${ns / 1e9}s`;
  if (ns % 1e6 === 0) return `${ns / 1e6}ms`;
  if (ns % 1e3 === 0) return `${ns / 1e3}µs`;
  return `${ns}ns`;
}

/** docker/go-units RAMInBytes (binary multiples). */
export function ramInBytes(size: string): number | undefined {
  const m = /^(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(size);
  if (m === null) return undefined;
  const n = Number(m[1]);
  if (Number.isNaN(n)) return undefined;
  const unit = (m[2] ?? '').toLowerCase();
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 }[unit] ?? 1;
  return Math.floor(n * mult);
}

/** Go strconv.ParseUint(s, base, 32); undefined when invalid or out of range. */
function parseUint32(s: string, base: 8 | 10): number | undefined {
  const re = base === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!re.test(s)) return undefined;
  const n = parseInt(s, base);
  return n > 0xffffffff ? undefined : n;
}

/** The fields of one CSV record (Go encoding/csv rules for quotes), or an error. */
function csvFields(val: string): { fields: string[] } | { error: string } {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (val[i] === '"') {
      let f = '';
      i++;
      for (;;) {
        if (i >= val.length) return { error: `parse error on line 1, column ${i + 1}: extraneous or missing " in quoted-field` };
        if (val[i] === '"') {
          if (val[i + 1] === '"') {
            f += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        f += val[i];
        i++;
      }
      if (i < val.length && val[i] !== ',') return { error: `parse error on line 1, column ${i + 1}: extraneous or missing " in quoted-field` };
      fields.push(f);
    } else {
      let end = val.indexOf(',', i);
      if (end < 0) end = val.length;
      const f = val.slice(i, end);
      const q = f.indexOf('"');
      if (q >= 0) return { error: `parse error on line 1, column ${i + q + 1}: bare " in non-quoted-field` };
      fields.push(f);
      i = end;
    }
    if (i >= val.length) return { fields };
    i++; // the comma
  }
}

// ---- RUN --mount ------------------------------------------------------------------------------------------

const allowedMountTypes: readonly MountType[] = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'];
const allowedSharingModes: readonly ShareMode[] = ['shared', 'private', 'locked'];

/** Expands variables in one word for the build; returns the word or an error message. */
export type SingleWordExpander = (word: string) => { ok: true; value: string } | { ok: false; error: string };

/**
 * BuildKit parseMount: one `--mount` value. Without an expander (parse time) only `type` and `from` are
 * read, as BuildKit defers the rest; with an expander every key is expanded and checked.
 */
export function parseMount(val: string, expander?: SingleWordExpander): { ok: true; value: Mount } | { ok: false; error: string } {
  try {
    return { ok: true, value: parseMountOrThrow(val, expander) };
  } catch (e) {
    if (e instanceof InstructionError) return { ok: false, error: e.message };
    throw e;
  }
}

function parseMountOrThrow(val: string, expander: SingleWordExpander | undefined): Mount {
  const csv = csvFields(val);
  if ('error' in csv) throw new InstructionError(`failed to parse csv mounts: ${csv.error}`);
  const m: Mount = {
    type: 'bind', from: '', source: '', target: '', readOnly: false, sizeLimit: 0, cacheID: '', cacheSharing: '',
    required: false, env: undefined, mode: undefined, uid: undefined, gid: undefined,
  };
  let roAuto = true;
  const bool = (key: string, value: string): boolean => {
    const b = goParseBool(value);
    if (b === undefined) throw new InstructionError(`invalid value for ${key}: ${value}`);
    return b;
  };
  for (const field of csv.fields) {
    const eq = field.indexOf('=');
    const ok = eq >= 0;
    const key = (ok ? field.slice(0, eq) : field).toLowerCase();
    let value = ok ? field.slice(eq + 1) : '';
    if (!ok) {
      if (expander === undefined) continue;
      switch (key) {
        case 'readonly':
        case 'ro':
          m.readOnly = true;
          roAuto = false;
          continue;
        case 'readwrite':
        case 'rw':
          m.readOnly = false;
          roAuto = false;
          continue;
        case 'required':
          if (m.type === 'secret' || m.type === 'ssh') {
            m.required = true;
            continue;
          }
          throw new InstructionError(`unexpected key '${key}' for mount type '${m.type}'`);
        default:
          throw new InstructionError(`invalid field '${field}' must be a key=value pair`);
      }
    }
    if (expander !== undefined) {
      const r = expander(value);
      if (!r.ok) throw new InstructionError(r.error);
      value = r.value;
    } else if (key === 'from') {
      const idx = value.indexOf('$');
      if (idx !== -1 && idx !== value.length - 1) {
        throw new InstructionError(`'${key}' doesn't support variable expansion, define alias stage instead`);
      }
    } else {
      continue;
    }
    switch (key) {
      case 'type': {
        const v = value.toLowerCase() as MountType;
        if (!allowedMountTypes.includes(v)) {
          throw new InstructionError(withSuggestion(`unsupported mount type ${goQuote(value)}`, value, allowedMountTypes, true));
        }
        m.type = v;
        break;
      }
      case 'from':
        m.from = value;
        break;
      case 'source':
      case 'src':
        m.source = value;
        break;
      case 'target':
      case 'dst':
      case 'destination':
        m.target = value;
        break;
      case 'readonly':
      case 'ro':
        m.readOnly = bool(key, value);
        roAuto = false;
        break;
      case 'readwrite':
      case 'rw':
        m.readOnly = !bool(key, value);
        roAuto = false;
        break;
      case 'required':
        if (m.type !== 'secret' && m.type !== 'ssh') throw new InstructionError(`unexpected key '${key}' for mount type '${m.type}'`);
        m.required = bool(key, value);
        break;
      case 'size': {
        if (m.type !== 'tmpfs') throw new InstructionError(`unexpected key '${key}' for mount type '${m.type}'`);
        const n = ramInBytes(value);
        if (n === undefined) throw new InstructionError(`invalid value for ${key}: ${value}`);
        m.sizeLimit = n;
        break;
      }
      case 'id':
        m.cacheID = value;
        break;
      case 'sharing': {
        const v = value.toLowerCase() as ShareMode;
        if (!allowedSharingModes.includes(v)) {
          throw new InstructionError(withSuggestion(`unsupported sharing value ${goQuote(value)}`, value, allowedSharingModes, true));
        }
        m.cacheSharing = v;
        break;
      }
      case 'mode': {
        const n = parseUint32(value, 8);
        if (n === undefined) throw new InstructionError(`invalid value ${value} for mode`);
        m.mode = n;
        break;
      }
      case 'uid':
      case 'gid': {
        const n = parseUint32(value, 10);
        if (n === undefined) throw new InstructionError(`invalid value ${value} for ${key}`);
        m[key] = n;
        break;
      }
      case 'env':
        m.env = value;
        break;
      default: {
        const allKeys = ['type', 'from', 'source', 'target', 'readonly', 'id', 'sharing', 'required', 'size', 'mode', 'uid', 'gid', 'src', 'dst', 'destination', 'ro', 'rw', 'readwrite', 'env'];
        throw new InstructionError(withSuggestion(`unexpected key '${key}' in '${field}'`, key, allKeys, true));
      }
    }
  }
  const fileInfoAllowed = m.type === 'secret' || m.type === 'ssh' || m.type === 'cache';
  if (!fileInfoAllowed) {
    if (m.mode !== undefined) throw new InstructionError(`mode not allowed for ${goQuote(m.type)} type mounts`);
    if (m.uid !== undefined) throw new InstructionError(`uid not allowed for ${goQuote(m.type)} type mounts`);
    if (m.gid !== undefined) throw new InstructionError(`gid not allowed for ${goQuote(m.type)} type mounts`);
  }
  if (roAuto) m.readOnly = !(m.type === 'cache' || m.type === 'tmpfs');
  if (m.type === 'secret') {
    if (m.from !== '') throw new InstructionError('secret mount should not have a from');
    if (m.cacheSharing !== '') throw new InstructionError('secret mount should not define sharing');
    if (m.source === '' && m.target === '' && m.cacheID === '') throw new InstructionError('invalid secret mount. one of source, target required');
    if (m.source !== '' && m.cacheID !== '') throw new InstructionError("both source and id can't be set");
  }
  if (m.cacheSharing !== '' && m.type !== 'cache') throw new InstructionError(`invalid cache sharing set for ${m.type} mount`);
  return m;
}

function parseDevice(val: string): { name: string; required: boolean } {
  const csv = csvFields(val);
  if ('error' in csv) throw new InstructionError(`failed to parse csv devices: ${csv.error}`);
  const d = { name: '', required: false };
  for (const field of csv.fields) {
    const eq = field.indexOf('=');
    const key = (eq >= 0 ? field.slice(0, eq) : field).toLowerCase();
    const value = eq >= 0 ? field.slice(eq + 1) : '';
    if (eq < 0) {
      if (key === 'required') {
        d.required = true;
        continue;
      }
      if (d.name === '') {
        d.name = field;
        continue;
      }
      throw new InstructionError(`invalid field '${field}' must be a key=value pair`);
    }
    switch (key) {
      case 'name':
        if (d.name !== '') throw new InstructionError(`device name already set to ${d.name}`);
        d.name = value;
        break;
      case 'required': {
        const b = goParseBool(value);
        if (b === undefined) throw new InstructionError(`invalid value for ${key}: ${value}`);
        d.required = b;
        break;
      }
      default:
        if (d.name === '') {
          d.name = field;
          continue;
        }
        throw new InstructionError(withSuggestion(`unexpected key '${key}' in '${field}'`, key, ['name', 'required'], true));
    }
  }
  return d;
}

// ---- parse.go ---------------------------------------------------------------------------------------------

interface ParseRequest {
  command: string;
  args: string[];
  heredocs: Heredoc[];
  attributes: Record<string, boolean>;
  flags: BFlags;
  original: string;
  location: LineRange;
  comments: string[];
}

function base(req: ParseRequest): CommandBase {
  return { name: req.command, code: goTrimSpace(req.original), location: req.location, comments: req.comments };
}

const errAtLeastOneArgument = (c: string) => new InstructionError(`${c} requires at least one argument`);
const errExactlyOneArgument = (c: string) => new InstructionError(`${c} requires exactly one argument`);
const errNoDestinationArgument = (c: string) =>
  new InstructionError(`${c} requires at least two arguments, but only one was provided. Destination could not be determined`);

function parseKvps(args: string[], cmdName: string): KeyValuePair[] {
  if (args.length === 0) throw errAtLeastOneArgument(cmdName);
  if (args.length % 3 !== 0) throw new InstructionError(`Bad input to ${cmdName}, too many arguments`);
  const res: KeyValuePair[] = [];
  for (let j = 0; j < args.length; j += 3) {
    if ((args[j] as string).length === 0) throw new InstructionError(`${cmdName} names can not be blank`);
    res.push({ key: args[j] as string, value: args[j + 1] as string, noDelim: args[j + 2] === '' });
  }
  return res;
}

function getDocComment(comments: string[], name: string): string {
  if (name === '') return '';
  for (const line of comments) if (line.startsWith(name + ' ')) return line.slice(name.length + 1);
  return '';
}

function handleJSONArgs(args: string[], attributes: Record<string, boolean>): string[] {
  if (args.length === 0) return [];
  if (attributes['json'] === true) return args;
  return [args.join(' ')];
}

function parseSourcesAndDest(req: ParseRequest, command: string): SourcesAndDest {
  const srcs = req.args.slice(0, -1);
  const dest = req.args[req.args.length - 1] as string;
  if (parseHeredoc(dest).heredoc !== undefined) throw new InstructionError(`${command} cannot accept a heredoc as a destination`);
  const lookup = new Map(req.heredocs.map((h) => [h.name, h]));
  const sourcePaths: string[] = [];
  const sourceContents: SourceContent[] = [];
  for (const src of srcs) {
    const h = parseHeredoc(src).heredoc;
    if (h !== undefined) {
      let content = lookup.get(h.name)?.content ?? '';
      if (h.chomp) content = chompHeredocContent(content);
      sourceContents.push({ data: content, path: h.name, expand: h.expand });
    } else {
      sourcePaths.push(src);
    }
  }
  return { destPath: dest, sourcePaths, sourceContents };
}

function shellDependent(req: ParseRequest, emptyAsNil: boolean): ShellDependantCmdLine {
  const files = req.heredocs.map((h) => ({ name: h.name, data: h.content, chomp: h.chomp }));
  let args = handleJSONArgs(req.args, req.attributes);
  if (emptyAsNil && args.length === 0) args = [];
  return { cmdLine: args, files, prependShell: req.attributes['json'] !== true };
}

const validStageName = /^[a-z][a-z0-9-_.]*$/;

function parseFrom(req: ParseRequest): Stage {
  let stageName = '';
  if (req.args.length === 3 && (req.args[1] as string).toLowerCase() === 'as') {
    stageName = (req.args[2] as string).toLowerCase();
    if (!validStageName.test(stageName)) {
      throw new InstructionError(`invalid name for build stage: ${goQuote(req.args[2] as string)}, name can't start with a number or contain symbols`);
    }
  } else if (req.args.length !== 1) {
    throw new InstructionError('FROM requires either one or three arguments');
  }
  const flPlatform = req.flags.addString('platform', '');
  req.flags.parse();
  return {
    kind: 'stage',
    baseName: req.args[0] as string,
    origCmd: req.command,
    name: stageName,
    sourceCode: goTrimSpace(req.original),
    commands: [],
    platform: flPlatform.value,
    location: req.location,
    comments: req.comments,
    docComment: getDocComment(req.comments, stageName),
  };
}

function optInterval(f: Flag): number {
  if (f.value === '') return 0;
  const d = goParseDuration(f.value);
  if (!d.ok) throw new InstructionError(d.error);
  if (d.value === 0) return 0;
  if (d.value < 1e6) throw new InstructionError(`Interval ${goQuote(f.name)} cannot be less than ${formatDuration(1e6)}`);
  return d.value;
}

function parseHealthcheck(req: ParseRequest): Command {
  if (req.args.length === 0) throw errAtLeastOneArgument('HEALTHCHECK');
  let typ = (req.args[0] as string).toUpperCase();
  const args = req.args.slice(1);
  if (typ === 'NONE') {
    if (args.length !== 0) throw new InstructionError('HEALTHCHECK NONE takes no arguments');
    return { ...base(req), kind: 'healthcheck', health: { test: [typ], interval: 0, timeout: 0, startPeriod: 0, startInterval: 0, retries: 0 } };
  }
  const flInterval = req.flags.addString('interval', '');
  const flTimeout = req.flags.addString('timeout', '');
  const flStartPeriod = req.flags.addString('start-period', '');
  const flStartInterval = req.flags.addString('start-interval', '');
  const flRetries = req.flags.addString('retries', '');
  req.flags.parse();
  if (typ !== 'CMD') throw new InstructionError(`Unknown type ${goQuote(typ)} in HEALTHCHECK (try CMD)`);
  const cmdSlice = handleJSONArgs(args, req.attributes);
  if (cmdSlice.length === 0) throw new InstructionError('Missing command after HEALTHCHECK CMD');
  if (req.attributes['json'] !== true) typ = 'CMD-SHELL';
  const health: HealthcheckConfig = {
    test: [typ, ...cmdSlice],
    interval: optInterval(flInterval),
    timeout: optInterval(flTimeout),
    startPeriod: optInterval(flStartPeriod),
    startInterval: optInterval(flStartInterval),
    retries: 0,
  };
  if (flRetries.value !== '') {
    const v = flRetries.value;
    if (!/^[+-]?[0-9]+$/.test(v)) throw new InstructionError(`strconv.ParseInt: parsing ${goQuote(v)}: invalid syntax`);
    const n = Number(v);
    if (n > 2147483647 || n < -2147483648) throw new InstructionError(`strconv.ParseInt: parsing ${goQuote(v)}: value out of range`);
    if (n < 0) throw new InstructionError(`--retries cannot be negative (${n})`);
    health.retries = n;
  }
  return { ...base(req), kind: 'healthcheck', health };
}

function parseRun(req: ParseRequest): Command {
  const flDevice = req.flags.addStrings('device');
  const flMount = req.flags.addStrings('mount');
  const flNetwork = req.flags.addString('network', 'default');
  const flSecurity = req.flags.addString('security', 'sandbox');
  req.flags.parse();
  const flagsUsed = [...req.flags.used.keys()];
  const cmdline = shellDependent(req, false);
  // BuildKit's post-parse hooks run in file order: device, mount, network, security.
  const devices = flDevice.values.map(parseDevice);
  for (const spec of flMount.values) parseMountOrThrow(spec, undefined);
  const network = flNetwork.value;
  if (network !== 'default' && network !== 'none' && network !== 'host') throw new InstructionError(`invalid network mode ${goQuote(network)}`);
  const security = flSecurity.value;
  if (security !== 'sandbox' && security !== 'insecure') throw new InstructionError(`security ${goQuote(security)} is not valid`);
  return { ...base(req), ...cmdline, kind: 'run', flagsUsed, mountSpecs: [...flMount.values], network, security, devices };
}

function parseOnBuild(req: ParseRequest): Command {
  if (req.args.length === 0) throw errAtLeastOneArgument('ONBUILD');
  req.flags.parse();
  const trigger = goTrimSpace(req.args[0] as string).toUpperCase();
  if (trigger === 'ONBUILD') throw new InstructionError('Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed');
  if (trigger === 'MAINTAINER' || trigger === 'FROM') throw new InstructionError(`${trigger} isn't allowed as an ONBUILD trigger`);
  let original = req.original.replace(/^[\t\n\f\r ]*ONBUILD[\t\n\f\r ]*/i, '');
  for (const h of req.heredocs) original += '\n' + h.content + h.name;
  return { ...base(req), kind: 'onbuild', expression: original };
}

function parseArg(req: ParseRequest): Command {
  if (req.args.length < 1) throw errAtLeastOneArgument('ARG');
  const args = req.args.map((arg): KeyValuePairOptional => {
    const eq = arg.indexOf('=');
    let key = arg;
    let value: string | undefined;
    if (eq >= 0) {
      key = arg.slice(0, eq);
      if (key.length === 0) throw new InstructionError('ARG names can not be blank');
      value = arg.slice(eq + 1);
    }
    return { key, value, docComment: getDocComment(req.comments, key) };
  });
  return { ...base(req), kind: 'arg', args };
}

/** The instruction names for "did you mean" (upper case, in BuildKit's command list order). */
const allInstructionNames = [
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL',
  'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
];

function parseInstructionOrThrow(node: Node): Command | Stage {
  const req: ParseRequest = {
    command: node.value,
    args: nodeArgs(node),
    heredocs: node.heredocs,
    attributes: node.attributes,
    flags: new BFlags(node.flags),
    original: node.original,
    location: { start: node.startLine, end: node.endLine },
    comments: node.prevComment,
  };
  switch (node.value.toLowerCase()) {
    case 'env': {
      req.flags.parse();
      return { ...base(req), kind: 'env', env: parseKvps(req.args, 'ENV') };
    }
    case 'maintainer':
      if (req.args.length !== 1) throw errExactlyOneArgument('MAINTAINER');
      req.flags.parse();
      return { ...base(req), kind: 'maintainer', maintainer: req.args[0] as string };
    case 'label':
      req.flags.parse();
      return { ...base(req), kind: 'label', labels: parseKvps(req.args, 'LABEL') };
    case 'add': {
      if (req.args.length < 2) throw errNoDestinationArgument('ADD');
      const flChown = req.flags.addString('chown', '');
      const flChmod = req.flags.addString('chmod', '');
      const flLink = req.flags.addBool('link', false);
      const flKeepGitDir = req.flags.addBool('keep-git-dir', false);
      const flChecksum = req.flags.addString('checksum', '');
      const flUnpack = req.flags.addBool('unpack', false);
      const flExcludes = req.flags.addStrings('exclude');
      req.flags.parse();
      const sd = parseSourcesAndDest(req, 'ADD');
      return {
        ...base(req),
        ...sd,
        kind: 'add',
        chown: flChown.value,
        chmod: flChmod.value,
        link: flLink.value === 'true',
        keepGitDir: req.flags.used.has('keep-git-dir') ? flKeepGitDir.value === 'true' : undefined,
        checksum: flChecksum.value,
        unpack: req.flags.used.has('unpack') ? flUnpack.value === 'true' : undefined,
        excludePatterns: flExcludes.values,
      };
    }
    case 'copy': {
      if (req.args.length < 2) throw errNoDestinationArgument('COPY');
      const flChown = req.flags.addString('chown', '');
      const flFrom = req.flags.addString('from', '');
      const flChmod = req.flags.addString('chmod', '');
      const flLink = req.flags.addBool('link', false);
      const flExcludes = req.flags.addStrings('exclude');
      const flParents = req.flags.addBool('parents', false);
      req.flags.parse();
      const sd = parseSourcesAndDest(req, 'COPY');
      return {
        ...base(req),
        ...sd,
        kind: 'copy',
        from: flFrom.value,
        chown: flChown.value,
        chmod: flChmod.value,
        link: flLink.value === 'true',
        parents: flParents.value === 'true',
        excludePatterns: flExcludes.values,
      };
    }
    case 'from':
      return parseFrom(req);
    case 'onbuild':
      return parseOnBuild(req);
    case 'workdir':
      if (req.args.length !== 1) throw errExactlyOneArgument('WORKDIR');
      req.flags.parse();
      return { ...base(req), kind: 'workdir', path: req.args[0] as string };
    case 'run':
      return parseRun(req);
    case 'cmd':
      req.flags.parse();
      return { ...base(req), ...shellDependent(req, false), kind: 'cmd' };
    case 'healthcheck':
      return parseHealthcheck(req);
    case 'entrypoint':
      req.flags.parse();
      return { ...base(req), ...shellDependent(req, true), kind: 'entrypoint' };
    case 'expose': {
      if (req.args.length === 0) throw errAtLeastOneArgument('EXPOSE');
      req.flags.parse();
      return { ...base(req), kind: 'expose', ports: [...req.args].sort() };
    }
    case 'user':
      if (req.args.length !== 1) throw errExactlyOneArgument('USER');
      req.flags.parse();
      return { ...base(req), kind: 'user', user: req.args[0] as string };
    case 'volume': {
      if (req.args.length === 0) throw errAtLeastOneArgument('VOLUME');
      req.flags.parse();
      const volumes = req.args.map((v) => {
        v = goTrimSpace(v);
        if (v === '') throw new InstructionError('VOLUME specified can not be an empty string');
        return v;
      });
      return { ...base(req), kind: 'volume', volumes };
    }
    case 'stopsignal':
      if (req.args.length !== 1) throw errExactlyOneArgument('STOPSIGNAL');
      return { ...base(req), kind: 'stopsignal', signal: req.args[0] as string };
    case 'arg':
      return parseArg(req);
    case 'shell': {
      req.flags.parse();
      const shell = handleJSONArgs(req.args, req.attributes);
      if (shell.length === 0) throw errAtLeastOneArgument('SHELL');
      if (req.attributes['json'] !== true) throw new InstructionError('SHELL requires the arguments to be in JSON form');
      return { ...base(req), kind: 'shell', shell };
    }
  }
  throw new InstructionError(withSuggestion(`unknown instruction: ${node.value}`, node.value, allInstructionNames, false));
}

/**
 * BuildKit ParseInstruction: one AST node → a command or a stage (for FROM). The error message is the
 * instruction's own (`USER requires exactly one argument`), without the `dockerfile parse error` prefix.
 */
export function parseInstruction(node: Node): InstructionResult<Command | Stage> {
  try {
    return { ok: true, value: parseInstructionOrThrow(node) };
  } catch (e) {
    if (e instanceof InstructionError) return { ok: false, error: { message: e.message, location: { start: node.startLine, end: node.endLine } } };
    throw e;
  }
}

/** Build stages, and the ARGs before the first FROM. */
export interface Instructions {
  stages: Stage[];
  metaArgs: ArgCommand[];
}

/**
 * BuildKit instructions.Parse: the AST → build stages and meta ARGs. Instruction errors read
 * `dockerfile parse error on line N: …`; an instruction before any FROM gives
 * `no build stage in current context`. The error's location is the instruction's lines.
 */
export function instructionsFrom(ast: Node): InstructionResult<Instructions> {
  const stages: Stage[] = [];
  const metaArgs: ArgCommand[] = [];
  for (const n of ast.children) {
    const r = parseInstruction(n);
    const location = { start: n.startLine, end: n.endLine };
    if (!r.ok) return { ok: false, error: { message: `dockerfile parse error on line ${n.startLine}: ${r.error.message}`, location } };
    const cmd = r.value;
    if (stages.length === 0 && cmd.kind === 'arg') {
      metaArgs.push(cmd);
      continue;
    }
    if (cmd.kind === 'stage') {
      stages.push(cmd);
      continue;
    }
    const current = stages[stages.length - 1];
    if (current === undefined) return { ok: false, error: { message: 'no build stage in current context', location } };
    current.commands.push(cmd);
  }
  return { ok: true, value: { stages, metaArgs } };
}
