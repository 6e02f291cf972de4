/**
 * Image commands (docker/cli v28.3.2 cli/command/image/*): images/ls, pull, rmi, tag, history,
 * search, inspect, prune; and the registry ones (push, login, logout) against a simulated Hub.
 */
import { DaemonError, imageRefs, withDefaultTag, type ImageRecord } from '../../engine/docker/daemon';
import { searchCatalog } from '../../engine/docker/images';
import { familiarString, parseNormalizedNamed } from '../../engine/docker/reference';
import { defineCommand, exact, flag, max, min, noArgs, type Command } from '../lib/command';
import { dockerWrite } from '../lib/gotemplate';
import { goStruct } from '../lib/gofmt';
import { dockerHumanDuration, dockerSize, humanSize } from '../lib/units';
import { CliError, connect, eachArg, guard } from './client';
import { completionImages, goTimeString, pullWithProgress, type DaemonGetter } from './containers';
import { ellipsis, shortId } from './format';

const FORMAT_USAGE =
  "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates";

const IMAGE_HEADERS: Record<string, string> = {
  ID: 'IMAGE ID',
  Repository: 'REPOSITORY',
  Tag: 'TAG',
  Digest: 'DIGEST',
  CreatedSince: 'CREATED',
  CreatedAt: 'CREATED AT',
  Size: 'SIZE',
  Containers: 'CONTAINERS',
  VirtualSize: 'VIRTUAL SIZE',
  SharedSize: 'SHARED SIZE',
  UniqueSize: 'UNIQUE SIZE',
};

/** What one row of `docker images` shows: the image, and the reference it is listed under. */
export interface ImageListing {
  readonly img: Pick<ImageRecord, 'id' | 'created' | 'size'>;
  readonly repo: string;
  readonly tag: string;
  readonly digest: string;
}

/**
 * The rows of one image (docker/cli formatter/image.go `imageFormat`): a dangling image is one
 * `<none> <none>` row; otherwise a row per tag, grouped by repository in the order the daemon lists
 * the references (its reference store sorts them), each tag repeated per digest of its repository
 * when digests are wanted (`--digests`, or a format naming `{{.Digest}}`); a repository with
 * digests but no tag gets a `<none>` tag row. Go ranges over maps here; repositories keep the
 * order of their first reference.
 */
export function imageListings(img: ImageListing['img'], refs: readonly { familiar: string; digest: boolean }[], needDigest: boolean, digestFlag: boolean): ImageListing[] {
  if (refs.length === 0) return [{ img, repo: '<none>', tag: '<none>', digest: '<none>' }];
  const repoTags = new Map<string, string[]>();
  const repoDigests = new Map<string, string[]>();
  for (const r of refs) {
    if (r.digest) {
      const at = r.familiar.indexOf('@');
      const repo = r.familiar.slice(0, at);
      repoDigests.set(repo, [...(repoDigests.get(repo) ?? []), r.familiar.slice(at + 1)]);
    } else {
      const i = r.familiar.lastIndexOf(':');
      const repo = r.familiar.slice(0, i);
      repoTags.set(repo, [...(repoTags.get(repo) ?? []), r.familiar.slice(i + 1)]);
    }
  }
  const out: ImageListing[] = [];
  for (const [repo, tags] of repoTags) {
    const digests = needDigest ? (repoDigests.get(repo) ?? []) : [];
    repoDigests.delete(repo);
    for (const tag of tags) {
      if (digests.length === 0) out.push({ img, repo, tag, digest: '<none>' });
      else for (const d of digests) out.push({ img, repo, tag, digest: d });
    }
  }
  for (const [repo, digests] of repoDigests) {
    if (digestFlag) for (const d of digests) out.push({ img, repo, tag: '<none>', digest: d });
    else out.push({ img, repo, tag: '<none>', digest: '' });
  }
  return out;
}

/** Go's zero time.Time (0001-01-01 UTC) in ms. */
const GO_ZERO_TIME = -62135596800000;

/** docker/cli formatter.NewImageFormat: the format `--format` (or the default table) stands for. */
export function newImageFormat(source: string, quiet: boolean, digest: boolean): string {
  if (source === 'table') return quiet ? '{{.ID}}' : digest ? DEFAULT_IMAGE_TABLE_WITH_DIGEST : DEFAULT_IMAGE_TABLE;
  if (source === 'raw') {
    if (quiet) return 'image_id: {{.ID}}';
    return digest
      ? 'repository: {{ .Repository }}\ntag: {{.Tag}}\ndigest: {{.Digest}}\nimage_id: {{.ID}}\ncreated_at: {{.CreatedAt}}\nvirtual_size: {{.Size}}\n'
      : 'repository: {{ .Repository }}\ntag: {{.Tag}}\nimage_id: {{.ID}}\ncreated_at: {{.CreatedAt}}\nvirtual_size: {{.Size}}\n';
  }
  return source.startsWith('table') && digest && !source.includes('{{.Digest}}') ? `${source}\t{{.Digest}}` : source;
}

const DEFAULT_IMAGE_TABLE = 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}';
const DEFAULT_IMAGE_TABLE_WITH_DIGEST = 'table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}';

/** The values a `docker images --format` template sees (formatter.imageContext). */
export function imageRow(l: ImageListing, now: number, trunc: boolean, usage?: { containers: number; sharedSize: number }): Record<string, unknown> {
  const created = Date.parse(l.img.created);
  // image.go: Containers, SharedSize and UniqueSize are N/A (-1) unless the daemon computed them (system df -v).
  const containers = usage?.containers ?? -1;
  const shared = usage?.sharedSize ?? -1;
  return goStruct(
    {
      Containers: containers === -1 ? 'N/A' : String(containers),
      CreatedAt: goTimeString(created),
      // Go's zero time (year 1) has no age.
      CreatedSince: created <= GO_ZERO_TIME ? '' : `${dockerHumanDuration(now - created)} ago`,
      Digest: l.digest,
      ID: trunc ? shortId(l.img.id) : l.img.id,
      Repository: l.repo,
      SharedSize: shared === -1 ? 'N/A' : humanSize(shared),
      Size: dockerSize(l.img.size),
      Tag: l.tag,
      UniqueSize: shared === -1 || l.img.size === -1 ? 'N/A' : humanSize(l.img.size - shared),
      VirtualSize: humanSize(l.img.size),
    },
    '*formatter.imageContext',
  );
}

function imagesCommandDef(dc: DaemonGetter, use: string, aliases: readonly string[], annotations: Record<string, string>): Command {
  return defineCommand({
    use,
    aliases,
    short: 'List images',
    args: max(1),
    annotations,
    flags: {
      quiet: flag.bool('quiet', { short: 'q', usage: 'Only show image IDs' }),
      all: flag.bool('all', { short: 'a', usage: 'Show all images (default hides intermediate images)' }),
      noTrunc: flag.bool('no-trunc', { usage: "Don't truncate output" }),
      digests: flag.bool('digests', { usage: 'Show digests' }),
      format: flag.string('format', { usage: FORMAT_USAGE }),
      filter: flag.list('filter', { short: 'f', type: 'filter', usage: 'Filter output based on conditions provided' }),
      tree: flag.bool('tree', { usage: 'List multi-platform images as a tree (EXPERIMENTAL)' }),
    },
    completeArgs: (req) => completionImages(dc, req.toComplete),
    run: (cli, args, o) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        let list = daemon.listImages();
        const refFilters: string[] = [];
        let dangling: boolean | undefined;
        for (const f of o.filter) {
          const i = f.indexOf('=');
          const k = i < 0 ? f : f.slice(0, i);
          const v = i < 0 ? '' : f.slice(i + 1);
          if (k === 'dangling') {
            if (v !== 'true' && v !== 'false' && v !== '1' && v !== '0') throw new DaemonError(`Invalid filter 'dangling=${v}'`, 400);
            dangling = v === 'true' || v === '1';
          } else if (k === 'reference') refFilters.push(v);
          else if (!['label', 'before', 'since', 'until'].includes(k)) throw new DaemonError(`invalid filter '${k}'`, 400);
        }
        if (args[0] !== undefined) refFilters.push(args[0]);
        // daemon/images/images.go: an image without references is listed as dangling unless it
        // is an intermediate image (a parent of another) and -a is not given.
        const bare = (i: ImageRecord) => i.repoTags.length + i.repoDigests.length === 0;
        if (dangling === true) list = list.filter((i) => i.repoTags.length === 0 && !daemon.hasChildren(i.id));
        else if (dangling === false) list = list.filter((i) => !bare(i));
        else if (!o.all) list = list.filter((i) => !bare(i) || !daemon.hasChildren(i.id));
        if (refFilters.length > 0) list = list.filter((i) => !bare(i));
        const globToRe = (g: string) => new RegExp(`^${g.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
        const needDigest = o.digests || o.format.includes('{{.Digest}}');
        const now = cli.proc.kernel.clock.now();
        let listings = list.flatMap((i) => imageListings(i, imageRefs(i), needDigest, o.digests));
        if (refFilters.length > 0) {
          listings = listings.filter((r) => refFilters.every((f) => (/:[^/]*$/.test(f) ? globToRe(f).test(`${r.repo}:${r.tag}`) : globToRe(f).test(r.repo))));
        }
        const rows = listings.map((l) => imageRow(l, now, !o.noTrunc));
        let format = o.format;
        if (o.quiet) {
          const seen = new Set<string>();
          for (const r of rows) {
            const id = o.noTrunc ? (r.ID as string) : (r.ID as string);
            if (!seen.has(id)) {
              seen.add(id);
              await cli.out(`${o.noTrunc ? id : id}\n`);
            }
          }
          return 0;
        }
        if (format === '' || format === 'table') format = newImageFormat('table', false, o.digests);
        const r = dockerWrite(format, rows, IMAGE_HEADERS);
        if (!r.ok) throw new CliError(r.error);
        await cli.out(r.output);
        return 0;
      }),
  });
}

export const imagesCommand = (dc: DaemonGetter) => imagesCommandDef(dc, 'images [OPTIONS] [REPOSITORY[:TAG]]', [], { 'category-top': '7', aliases: 'docker image ls, docker image list, docker images' });
export const imageLsCommand = (dc: DaemonGetter) => imagesCommandDef(dc, 'ls [OPTIONS] [REPOSITORY[:TAG]]', ['list'], { aliases: 'docker image ls, docker image list, docker images' });

export function pullCommand(dc: DaemonGetter): Command {
  return defineCommand({
    use: 'pull [OPTIONS] NAME[:TAG|@DIGEST]',
    short: 'Download an image from a registry',
    args: exact(1),
    annotations: { 'category-top': '5', aliases: 'docker image pull, docker pull' },
    flags: {
      allTags: flag.bool('all-tags', { short: 'a', usage: 'Download all tagged images in the repository' }),
      quiet: flag.bool('quiet', { short: 'q', usage: 'Suppress verbose output' }),
      platform: flag.string('platform', { usage: 'Set platform if server is multi-platform capable' }),
      disableContentTrust: flag.bool('disable-content-trust', { usage: 'Skip image verification', default: true }),
    },
    completeArgs: (req) => completionImages(dc, req.toComplete),
    run: (cli, args, o) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        const parsed = parseNormalizedNamed(args[0]!);
        if (!parsed.ok) throw new CliError(parsed.error);
        const ref = withDefaultTag(parsed.value);
        // pull.go: "Using default tag: latest" when no tag or digest was given.
        if (!parsed.value.tag && !parsed.value.digest && !o.quiet) await cli.out('Using default tag: latest\n');
        const sink = o.quiet ? { isTTY: false, write: () => Promise.resolve(), close: () => {} } : cli.proc.stdout;
        await pullWithProgress(cli.proc, daemon, familiarString(ref), sink);
        // The last line: the fully qualified reference (docker.pull.final-ref).
        const qualified = `${ref.domain}/${ref.path}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
        await cli.out(`${o.quiet ? qualified : qualified}\n`);
        return 0;
      }),
  });
}

function rmiDef(dc: DaemonGetter, use: string, aliases: readonly string[], annotations: Record<string, string>): Command {
  return defineCommand({
    use,
    aliases,
    short: 'Remove one or more images',
    args: min(1),
    annotations,
    flags: {
      force: flag.bool('force', { short: 'f', usage: 'Force removal of the image' }),
      noPrune: flag.bool('no-prune', { usage: 'Do not delete untagged parents' }),
      platform: flag.list('platform', { type: 'stringSlice', usage: 'Remove only the given platform variant. Formatted as "os[/arch[/variant]]" (e.g., "linux/amd64")' }),
    },
    completeArgs: (req) => completionImages(dc, req.toComplete),
    run: (cli, args, o) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        return eachArg(cli, args, (a) => Promise.resolve(daemon.removeImage(a, o.force, !o.noPrune).join('\n')));
      }),
  });
}

export const rmiCommand = (dc: DaemonGetter) => rmiDef(dc, 'rmi [OPTIONS] IMAGE [IMAGE...]', [], { aliases: 'docker image rm, docker image remove, docker rmi' });
export const imageRmCommand = (dc: DaemonGetter) => rmiDef(dc, 'rm [OPTIONS] IMAGE [IMAGE...]', ['remove', 'rmi'], { aliases: 'docker image rm, docker image remove, docker rmi' });

export function tagCommand(dc: DaemonGetter): Command {
  return defineCommand({
    use: 'tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]',
    short: 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE',
    args: exact(2),
    annotations: { aliases: 'docker image tag, docker tag' },
    completeArgs: (req) => completionImages(dc, req.toComplete),
    run: (cli, args) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        const t = parseNormalizedNamed(args[1]!);
        if (!t.ok) throw new CliError(`Error parsing reference: "${args[1]!}" is not a valid repository/tag: ${t.error}`);
        daemon.tag(args[0]!, args[1]!);
        return 0;
      }),
  });
}

export function historyCommand(dc: DaemonGetter): Command {
  return defineCommand({
    use: 'history [OPTIONS] IMAGE',
    short: 'Show the history of an image',
    args: exact(1),
    annotations: { aliases: 'docker image history, docker history' },
    flags: {
      human: flag.bool('human', { short: 'H', usage: 'Print sizes and dates in human readable format', default: true }),
      quiet: flag.bool('quiet', { short: 'q', usage: 'Only show image IDs' }),
      noTrunc: flag.bool('no-trunc', { usage: "Don't truncate output" }),
      format: flag.string('format', { usage: FORMAT_USAGE }),
      platform: flag.string('platform', { usage: 'Show history for the given platform. Formatted as "os[/arch[/variant]]" (e.g., "linux/amd64")' }),
    },
    completeArgs: (req) => completionImages(dc, req.toComplete),
    run: (cli, args, o) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        const img = daemon.image(args[0]!);
        if (!img) throw new DaemonError(`No such image: ${args[0]!}`, 404);
        const now = cli.proc.kernel.clock.now();
        const rows = img.history.map((h, i) => {
          const created = Date.parse(h.created);
          const id = i === 0 ? img.id : '<missing>';
          const by = h.createdBy.replace(/\t/g, ' ');
          return goStruct(
            {
              ID: id === '<missing>' ? id : o.noTrunc ? id : shortId(id),
              CreatedSince: o.human ? `${dockerHumanDuration(now - created)} ago` : new Date(created).toISOString().replace(/\.\d+Z$/, 'Z'),
              CreatedAt: new Date(created).toISOString().replace(/\.\d+Z$/, 'Z'),
              CreatedBy: o.noTrunc ? by : ellipsis(by, 45),
              Size: o.human ? dockerSize(h.size) : String(h.size),
              Comment: h.comment,
            },
            '*formatter.historyContext',
          );
        });
        if (o.quiet) {
          for (const r of rows) await cli.out(`${r.ID}\n`);
          return 0;
        }
        const format = o.format === '' || o.format === 'table' ? `table {{.ID}}\t${o.human ? '{{.CreatedSince}}' : '{{.CreatedAt}}'}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}` : o.format;
        const r = dockerWrite(format, rows, { ID: 'IMAGE', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT', CreatedBy: 'CREATED BY', Size: 'SIZE', Comment: 'COMMENT' });
        if (!r.ok) throw new CliError(r.error);
        await cli.out(r.output);
        return 0;
      }),
  });
}

export function searchCommand(): Command {
  return defineCommand({
    use: 'search [OPTIONS] TERM',
    short: 'Search Docker Hub for images',
    args: exact(1),
    annotations: { 'category-top': '10' },
    flags: {
      filter: flag.list('filter', { short: 'f', type: 'filter', usage: 'Filter output based on conditions provided' }),
      limit: flag.int('limit', { usage: 'Max number of search results' }),
      noTrunc: flag.bool('no-trunc', { usage: "Don't truncate output" }),
      format: flag.string('format', { usage: 'Pretty-print search using a Go template' }),
    },
    run: (cli, args, o) =>
      guard(cli, async () => {
        // The Hub's search: the catalog's repositories, then what learners pushed (no stars yet).
        const daemon = await connect(cli);
        const term = args[0]!.toLowerCase();
        let hits = searchCatalog(args[0]!);
        const known = new Set(hits.map((h) => h.name));
        for (const repo of daemon.registries?.hub.repositories() ?? []) {
          if (repo.includes(term) && !known.has(repo)) hits.push({ name: repo, description: '', stars: 0, official: false });
        }
        for (const f of o.filter) {
          const [k, v = ''] = f.split('=');
          if (k === 'is-official') hits = hits.filter((h) => h.official === (v === 'true'));
          else if (k === 'stars') hits = hits.filter((h) => h.stars >= Number(v));
          else if (k !== 'is-automated') throw new DaemonError(`invalid filter '${k!}'`, 400);
        }
        hits = hits.slice(0, o.limit > 0 ? o.limit : 25);
        const rows = hits.map((h) =>
          goStruct(
            {
              Name: h.name,
              Description: o.noTrunc ? h.description : ellipsis(h.description.replace(/\n/g, ' '), 45),
              StarCount: String(h.stars),
              IsOfficial: h.official ? '[OK]' : '',
              IsAutomated: '',
            },
            '*formatter.searchContext',
          ),
        );
        const format = o.format === '' ? 'table {{.Name}}\t{{.Description}}\t{{.StarCount}}\t{{.IsOfficial}}' : o.format;
        const r = dockerWrite(format, rows, { Name: 'NAME', Description: 'DESCRIPTION', StarCount: 'STARS', IsOfficial: 'OFFICIAL', IsAutomated: 'AUTOMATED' });
        if (!r.ok) throw new CliError(r.error);
        await cli.out(r.output);
        return 0;
      }),
  });
}

export function imagePruneCommand(): Command {
  return defineCommand({
    use: 'prune [OPTIONS]',
    short: 'Remove unused images',
    args: noArgs,
    flags: {
      all: flag.bool('all', { short: 'a', usage: 'Remove all unused images, not just dangling ones' }),
      force: flag.bool('force', { short: 'f', usage: 'Do not prompt for confirmation' }),
      filter: flag.list('filter', { type: 'filter', usage: 'Provide filter values (e.g. "until=<timestamp>")' }),
    },
    run: (cli, _args, o) =>
      guard(cli, async () => {
        const daemon = await connect(cli);
        const warning = o.all
          ? 'WARNING! This will remove all images without at least one container associated to them.'
          : 'WARNING! This will remove all dangling images.';
        if (!o.force && !(await confirm(cli, warning))) return 0;
        const used = new Set(daemon.listContainers(true).map((c) => c.imageId));
        const victims = daemon.listImages().filter((i) => !used.has(i.id) && (o.all || i.repoTags.length === 0));
        const lines: string[] = [];
        let reclaimed = 0;
        for (const v of victims) {
          const refs = v.repoTags.length > 0 ? v.repoTags : [v.id];
          for (const r of refs) {
            try {
              lines.push(...daemon.removeImage(r, true));
            } catch {
              // already gone with an earlier tag
            }
          }
          reclaimed += v.size;
        }
        if (lines.length > 0) await cli.out(`Deleted Images:\n${lines.map((l) => l.replace(/^Untagged: /, 'untagged: ').replace(/^Deleted: /, 'deleted: ')).join('\n')}\n\n`);
        await cli.out(`Total reclaimed space: ${dockerSize(reclaimed)}\n`);
        return 0;
      }),
  });
}

/** command.PromptForConfirmation: "<warning>\nAre you sure you want to continue? [y/N] ". */
export async function confirm(cli: { out(t: string): Promise<void>; proc: { stdin: { read(): Promise<Uint8Array | null> } } }, warning: string): Promise<boolean> {
  await cli.out(`${warning}\nAre you sure you want to continue? [y/N] `);
  let line = '';
  for (;;) {
    const chunk = await cli.proc.stdin.read();
    if (chunk === null) break;
    line += new TextDecoder().decode(chunk);
    if (line.includes('\n')) break;
  }
  const answer = line.split('\n')[0]!.trim().toLowerCase();
  if (answer === 'y' || answer === 'yes') return true;
  return false;
}

// ------------------------------------------------------------------ registry: login, logout, push

// The registry commands live in ./registry (the world's Hub and private registries).
export { loginCommand, logoutCommand, pushCommand } from './registry';
