/**
 * The registry commands (docker/cli v28.3.2 cli/command/registry/login.go, logout.go,
 * cli/command/registry.go, cli/command/image/push.go) against the world's simulated Docker Hub and
 * private registries (src/engine/docker/registry.ts, distribution.ts).
 *
 * Credentials: docker/cli keeps them in `~/.docker/config.json` (`$DOCKER_CONFIG`, `--config`), in
 * plain text unless a credential helper is configured. Dockyard takes the credential-helper variant,
 * so no password is ever written: the file gets `"credsStore": "secretservice"` and an empty
 * `auths` entry per server (as nativeStore.Store leaves it), no "stored unencrypted" warning is
 * printed, and the helper's store, which here keeps only the username, is world state. The simulated
 * Hub accepts any username with a non-empty password (the lessons say so).
 *
 * `docker login` with neither username nor password goes, in 28.3.2, to the web-based device-code
 * flow first; the simulation has no browser sign-in, so it takes the real fallback path
 * ("Failed to start web-based login - falling back to command line login...").
 */
import { withDefaultTag, type DockerDaemon } from '../../engine/docker/daemon';
import { StreamError, type TransferEvent } from '../../engine/docker/distribution';
import { familiarString, parseNormalizedNamed, referenceString } from '../../engine/docker/reference';
import type { ProcessContext } from '../../engine/runtime/kernel';
import { defineCommand, exact, flag, max, type CliContext, type Command } from '../lib/command';
import { humanSize } from '../lib/units';
import { CliError, connect, guard } from './client';
import { completionImages, type DaemonGetter } from './containers';

export const INDEX_SERVER = 'https://index.docker.io/v1/';
/** The credential helper Linux docker/cli picks when `pass` is not installed (default_store_linux.go). */
export const CREDS_STORE = 'secretservice';

const REGISTER_SUGGEST =
  "Log in with your Docker ID or email address to push and pull images from Docker Hub. If you don't have a Docker ID, head over to https://hub.docker.com/ to create one.";
const PAT_SUGGEST =
  'You can log in with your password or a Personal Access Token (PAT). Using a limited-scope PAT grants better security and is required for organizations using SSO. Learn more at https://docs.docker.com/go/access-tokens/';

// ------------------------------------------------------------------------------ config.json

/** The fields of configfile.ConfigFile, in the order json.Marshal writes them. */
const CONFIG_FIELDS = [
  'auths', 'HttpHeaders', 'psFormat', 'imagesFormat', 'networksFormat', 'pluginsFormat', 'volumesFormat', 'statsFormat', 'detachKeys', 'credsStore', 'credHelpers',
  'serviceInspectFormat', 'servicesFormat', 'tasksFormat', 'secretFormat', 'configFormat', 'nodesFormat', 'pruneFilters', 'proxies', 'currentContext', 'cliPluginsExtraDirs', 'plugins', 'aliases', 'features', 'experimental',
];

interface AuthEntry {
  auth?: string;
  email?: string;
  identitytoken?: string;
  registrytoken?: string;
}

interface ConfigFile {
  auths: Record<string, AuthEntry>;
  credsStore?: string;
  [k: string]: unknown;
}

/** The client's config directory: `--config`, else $DOCKER_CONFIG, else $HOME/.docker. */
export function configDir(cli: CliContext): string {
  if (cli.changed('config')) return cli.flag<string>('config') ?? '';
  const env = cli.proc.env.get('DOCKER_CONFIG');
  if (env) return env;
  return `${cli.proc.env.get('HOME') ?? '/root'}/.docker`;
}

function loadConfig(ctx: ProcessContext, dir: string): ConfigFile {
  try {
    const parsed = JSON.parse(ctx.fs.readText(`${dir}/config.json`)) as Partial<ConfigFile>;
    return { ...parsed, auths: parsed.auths ?? {} };
  } catch {
    return { auths: {} };
  }
}

/** configfile.Save: the struct's fields in order, map keys sorted, tab indent, no final newline; 0600 in a 0700 dir. */
function saveConfig(ctx: ProcessContext, dir: string, cfg: ConfigFile): void {
  const out: Record<string, unknown> = {};
  const sortKeys = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).sort((a, b) => (a[0] < b[0] ? -1 : 1)));
  for (const k of CONFIG_FIELDS) {
    const v = cfg[k];
    if (k === 'auths') out[k] = sortKeys(Object.fromEntries(Object.entries(cfg.auths).map(([s, a]) => [s, Object.fromEntries(['auth', 'email', 'identitytoken', 'registrytoken'].filter((f) => a[f as keyof AuthEntry]).map((f) => [f, a[f as keyof AuthEntry]]))])));
    else if (v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)) out[k] = v !== null && typeof v === 'object' && !Array.isArray(v) ? sortKeys(v as Record<string, unknown>) : v;
  }
  const file = `${dir}/config.json`;
  if (!ctx.fs.exists(dir)) ctx.fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const existed = ctx.fs.exists(file);
  ctx.fs.writeFile(file, JSON.stringify(out, null, '\t'), existed ? {} : { mode: 0o600 });
  if (!existed) ctx.fs.chmod(file, 0o600);
}

/** credentials.ConvertToHostname. */
export function convertToHostname(s: string): string {
  const m = /^[a-z]+:\/\/([^/]+)/i.exec(s);
  if (m) return m[1]!;
  return s.split('/')[0]!;
}

/** The username the client's stored credentials name for a server (never a password: none is kept). */
export function storedUsername(cli: CliContext, daemon: DockerDaemon, server: string): string | undefined {
  const dir = configDir(cli);
  const cfg = loadConfig(cli.proc, dir);
  if (cfg.credsStore) return daemon.registries?.credential(dir, server);
  // A file store (a hand-written config.json): `auth` is base64("user:secret").
  const a = cfg.auths[server] ?? Object.entries(cfg.auths).find(([k]) => convertToHostname(k) === server)?.[1];
  if (!a?.auth) return undefined;
  try {
    const text = atob(a.auth);
    const user = text.slice(0, text.indexOf(':'));
    return user || undefined;
  } catch {
    return undefined;
  }
}

// ------------------------------------------------------------------------------ tui notes

const B = (s: string, code: number) => `\x1b[${code}m${s}\x1b[0m`;

/** tui.Output.PrintNote: "\n" + header, the lines after the first indented under it; italic on a terminal. */
function note(tty: boolean, text: string): string {
  const header = tty ? B(`${B(B('i', 30), 106)} ${B('Info → ', 96)}`, 1) : ' Info -> ';
  const lines = text.split('\n').map((l, i) => `${i > 0 ? ' '.repeat(9) : ''}${tty ? B(l, 3) : l}\n`);
  return `\n${header}${lines.join('')}`;
}

// ------------------------------------------------------------------------------ input

/** prompt.ReadInput: a line (without its end), or null at end of input. */
async function readLine(ctx: ProcessContext): Promise<string | null> {
  let s = '';
  for (;;) {
    const c = await ctx.stdin.read();
    if (c === null) return s === '' ? null : s;
    s += new TextDecoder().decode(c);
    const i = s.indexOf('\n');
    if (i >= 0) return s.slice(0, i).replace(/\r$/, '');
  }
}

async function readAll(ctx: ProcessContext): Promise<string> {
  let s = '';
  for (;;) {
    const c = await ctx.stdin.read();
    if (c === null) return s;
    s += new TextDecoder().decode(c);
  }
}

// ------------------------------------------------------------------------------ login

export function loginCommand(): Command {
  return defineCommand({
    use: 'login [OPTIONS] [SERVER]',
    short: 'Authenticate to a registry',
    long: 'Authenticate to a registry.\nDefaults to Docker Hub if no server is specified.',
    args: max(1),
    annotations: { 'category-top': '8' },
    flags: {
      username: flag.string('username', { short: 'u', usage: 'Username' }),
      password: flag.string('password', { short: 'p', usage: 'Password or Personal Access Token (PAT)' }),
      passwordStdin: flag.bool('password-stdin', { usage: 'Take the Password or Personal Access Token (PAT) from stdin' }),
    },
    run: (cli, args, o) =>
      guard(cli, async () => {
        const ctx = cli.proc;
        // verifyLoginFlags
        if (cli.changed('password-stdin')) {
          if (cli.changed('password')) throw new CliError('conflicting options: cannot specify both --password and --password-stdin');
          if (!cli.changed('username')) throw new CliError('the --password-stdin option requires --username to be set');
        }
        if (cli.changed('username') && o.username === '') throw new CliError('username is empty');
        if (cli.changed('password') && o.password === '') throw new CliError('password is empty');
        // verifyLoginOptions
        let user = o.username;
        let password = o.password;
        if (password !== '') await cli.err('WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n');
        if (o.passwordStdin) {
          if (user === '') throw new CliError('username is empty');
          password = (await readAll(ctx)).replace(/\n$/, '').replace(/\r$/, '');
        }
        const daemon = await connect(cli);
        const server = args[0] !== undefined && args[0] !== '' && args[0] !== 'docker.io' ? args[0] : INDEX_SERVER;
        const isDefault = server === INDEX_SERVER;
        const key = isDefault ? server : convertToHostname(server);
        const dir = configDir(cli);
        const stored = user === '' && password === '' ? storedUsername(cli, daemon, key) : undefined;
        if (stored !== undefined) {
          // loginWithStoredCredentials: the helper still holds the secret.
          const tty = ctx.stderr.isTTY;
          await cli.err(`Authenticating with existing credentials... [Username: ${stored}]\n`);
          await cli.err(note(tty, "To login with a different account, run 'docker logout' followed by 'docker login'"));
          await cli.err('\n\n');
          await registryLogin(daemon, key, stored, 'x');
          store(cli, daemon, dir, key, stored);
          await cli.out('Login Succeeded\n');
          return 0;
        }
        // loginUser
        if ((user === '' || password === '') && !ctx.stdin.isTTY) throw new CliError('Error: Cannot perform an interactive login from a non TTY device');
        if (isDefault && user === '' && password === '' && !oauthDisabled(ctx)) {
          await cli.err('Failed to start web-based login - falling back to command line login...\n\n');
        }
        // PromptUserForCredentials
        user = user.trim();
        if (user === '') {
          if (isDefault) {
            await cli.out(`${REGISTER_SUGGEST}\n`);
            if (hintsEnabled(ctx)) await cli.out(`${PAT_SUGGEST}\n\n`);
          }
          await cli.out('Username: ');
          user = ((await readLine(ctx)) ?? '').trim();
          if (user === '') throw new CliError('Error: Non-null Username Required');
        }
        password = password.trim();
        if (password === '') {
          const tty = ctx.tty;
          const saved = tty ? { ...tty.termios } : undefined;
          if (tty) tty.setTermios({ echo: false });
          try {
            if (isDefault) await cli.err(note(ctx.stderr.isTTY, `A Personal Access Token (PAT) can be used instead.\nTo create a PAT, visit ${B('https://app.docker.com/settings', 4)}\n\n`));
            await cli.out('Password: ');
            password = (await readLine(ctx)) ?? '';
          } finally {
            if (tty && saved) tty.setTermios(saved);
          }
          await cli.out('\n');
          if (password === '') throw new CliError('Error: Password Required');
        }
        // The password goes no further than the login: the credential helper keeps the username only.
        await registryLogin(daemon, key, user, password);
        store(cli, daemon, dir, key, user);
        await cli.out('Login Succeeded\n');
        return 0;
      }),
  });
}

function oauthDisabled(ctx: ProcessContext): boolean {
  const v = ctx.env.get('DOCKER_CLI_DISABLE_OAUTH_LOGIN');
  return v !== undefined && ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v);
}

function hintsEnabled(ctx: ProcessContext): boolean {
  const v = ctx.env.get('DOCKER_CLI_HINTS');
  return v === undefined || !['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(v);
}

/** The daemon's RegistryLogin: the Hub takes any username with a password; a private registry is pinged. */
async function registryLogin(daemon: DockerDaemon, server: string, user: string, password: string): Promise<void> {
  await daemon.login(server === INDEX_SERVER ? 'docker.io' : server, user, password);
}

/** nativeStore.Store: the secret goes to the helper, the file keeps an empty entry. */
function store(cli: CliContext, daemon: DockerDaemon, dir: string, server: string, user: string): void {
  const cfg = loadConfig(cli.proc, dir);
  cfg.credsStore ??= CREDS_STORE;
  cfg.auths[server] = {};
  try {
    saveConfig(cli.proc, dir, cfg);
  } catch (e) {
    throw new CliError(`Error saving credentials: ${e instanceof Error ? e.message : String(e)}`);
  }
  daemon.registries?.storeCredential(dir, server, user);
}

export function logoutCommand(): Command {
  return defineCommand({
    use: 'logout [SERVER]',
    short: 'Log out from a registry',
    long: 'Log out from a registry.\nIf no server is specified, the default is defined by the daemon.',
    args: max(1),
    annotations: { 'category-top': '9' },
    run: (cli, args) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        const server = args[0] ?? INDEX_SERVER;
        const isDefault = args[0] === undefined;
        const hostname = isDefault ? server : convertToHostname(server);
        const regs = isDefault ? [server] : [server, hostname, `http://${hostname}`, `https://${hostname}`];
        await cli.out(`Removing login credentials for ${hostname}\n`);
        const dir = configDir(cli);
        const cfg = loadConfig(cli.proc, dir);
        let changed = false;
        for (const r of regs) {
          daemon.registries?.eraseCredential(dir, r);
          if (r in cfg.auths) {
            delete cfg.auths[r];
            changed = true;
          }
        }
        if (changed) saveConfig(cli.proc, dir, cfg);
        return 0;
      }),
  });
}

// ------------------------------------------------------------------------------ push

/** jsonmessage's progress text: `[===>   ]  1.2MB/29.8MB` (the bar only on terminals wider than 110). */
export function progressText(current: number, total: number, width: number): string {
  const pct = Math.min(50, Math.floor(Math.floor((current / total) * 100) / 2));
  const bar = width > 110 ? `[${'='.repeat(pct)}>${' '.repeat(Math.max(0, 50 - pct))}] ` : '';
  const numbers = current > total ? humanSize(current).padStart(8) : `${humanSize(current).padStart(8)}/${humanSize(total)}`;
  return bar + numbers;
}

/** Shows a daemon's progress stream as jsonmessage.DisplayJSONMessagesStream does. */
export function progressWriter(ctx: ProcessContext, out: ProcessContext['stdout']): { onEvent: (e: TransferEvent) => void; done: () => Promise<void> } {
  const redraw = out.isTTY && ctx.tty?.screen === 'full';
  const width = ctx.tty?.cols ?? 80;
  const rows = new Map<string, number>();
  let chain = Promise.resolve();
  const onEvent = (e: TransferEvent) => {
    // Progress rows are not shown off a terminal.
    if (e.progress && !redraw) return;
    const line = e.progress ? `${e.line} ${progressText(e.progress.current, e.progress.total, width)}` : e.line;
    let text: string;
    if (redraw && e.layer) {
      let row = rows.get(e.layer);
      let pre = '';
      if (row === undefined) {
        row = rows.size;
        rows.set(e.layer, row);
        pre = '\n';
      }
      const diff = rows.size - row;
      text = `${pre}\x1b[${diff}A\x1b[2K\r${line}\n\x1b[${diff}B`;
    } else {
      if (!e.layer) rows.clear();
      text = `${line}\n`;
    }
    chain = chain.then(() => out.write(text));
  };
  return { onEvent, done: () => chain };
}

export function pushCommand(dc: DaemonGetter): Command {
  return defineCommand({
    use: 'push [OPTIONS] NAME[:TAG]',
    short: 'Upload an image to a registry',
    args: exact(1),
    annotations: { 'category-top': '6', aliases: 'docker image push, docker push' },
    flags: {
      allTags: flag.bool('all-tags', { short: 'a', usage: 'Push all tags of an image to the repository' }),
      quiet: flag.bool('quiet', { short: 'q', usage: 'Suppress verbose output' }),
      platform: flag.string('platform', { usage: "Push a platform-specific manifest as a single-platform image to the registry.\nImage index won't be pushed, meaning that other manifests, including attestations won't be preserved.\n'os[/arch[/variant]]': Explicit platform (eg. linux/amd64)" }),
      disableContentTrust: flag.bool('disable-content-trust', { usage: 'Skip image signing', default: true }),
    },
    completeArgs: (req) => completionImages(dc, req.toComplete),
    run: (cli, args, o) =>
      guard(cli, async () => {
        const parsed = parseNormalizedNamed(args[0]!);
        if (!parsed.ok) throw new CliError(parsed.error);
        let ref = parsed.value;
        const nameOnly = !ref.tag && !ref.digest;
        if (o.allTags && !nameOnly) throw new CliError("tag can't be used with --all-tags/-a");
        if (!o.allTags && nameOnly) {
          ref = withDefaultTag(ref);
          if (!o.quiet) await cli.out(`Using default tag: ${ref.tag}\n`);
        }
        const daemon = await connect(cli);
        if (ref.digest) throw new CliError('cannot push a digest reference');
        const key = ref.domain === 'docker.io' ? INDEX_SERVER : ref.domain;
        const username = storedUsername(cli, daemon, key);
        const sink = o.quiet ? { isTTY: false, write: () => Promise.resolve(), close: () => {} } : cli.proc.stdout;
        const w = progressWriter(cli.proc, sink);
        try {
          await daemon.push(familiarString(ref), username !== undefined ? { username } : {}, w.onEvent, (ms) => cli.proc.sleep(ms));
        } catch (e) {
          // Errors inside the progress stream print as they are (jsonmessage), not as daemon errors.
          if (e instanceof StreamError) throw new CliError(e.message);
          throw e;
        } finally {
          await w.done();
        }
        if (o.quiet) await cli.out(`${referenceString(ref)}\n`);
        return 0;
      }),
  });
}
