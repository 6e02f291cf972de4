/**
 * `minikube addons list|enable|disable` (cmd/minikube/cmd/config/addons_list.go, v1.36.0): the 39
 * addons of pkg/minikube/assets/addons.go with their maintainers, in olekukonko/tablewriter v0.0.5's
 * layout (borders, `|` separators, headers upper-cased and centred, cells wrapped at 30 columns).
 * Only storage-provisioner and default-storageclass run here; enabling another says so.
 */
import { displayWidth as termWidth } from '../../engine/runtime/pty';
import { defineCommand, exact, type Command } from '../lib/command';
import { mustRunning, S, clusterOf } from './common';

/** [name, maintainer] in assets.Addons (listed sorted). */
export const ADDONS: ReadonlyArray<readonly [string, string]> = [
  ['auto-pause', 'minikube'],
  ['dashboard', 'Kubernetes'],
  ['default-storageclass', 'Kubernetes'],
  ['pod-security-policy', '3rd party (unknown)'],
  ['storage-provisioner', 'minikube'],
  ['storage-provisioner-gluster', '3rd party (Gluster)'],
  ['storage-provisioner-rancher', '3rd party (Rancher)'],
  ['efk', '3rd party (Elastic)'],
  ['ingress', 'Kubernetes'],
  ['istio-provisioner', '3rd party (Istio)'],
  ['istio', '3rd party (Istio)'],
  ['inspektor-gadget', '3rd party (inspektor-gadget.io)'],
  ['kong', '3rd party (Kong HQ)'],
  ['kubevirt', '3rd party (KubeVirt)'],
  ['metrics-server', 'Kubernetes'],
  ['olm', '3rd party (Operator Framework)'],
  ['registry', 'minikube'],
  ['registry-creds', '3rd party (UPMC Enterprises)'],
  ['registry-aliases', '3rd party (unknown)'],
  ['freshpod', 'Google'],
  ['nvidia-driver-installer', '3rd party (NVIDIA)'],
  ['nvidia-gpu-device-plugin', '3rd party (NVIDIA)'],
  ['amd-gpu-device-plugin', '3rd party (AMD)'],
  ['logviewer', '3rd party (unknown)'],
  ['gvisor', 'minikube'],
  ['ingress-dns', 'minikube'],
  ['metallb', '3rd party (MetalLB)'],
  ['ambassador', '3rd party (Ambassador)'],
  ['gcp-auth', 'Google'],
  ['volcano', 'third-party (volcano)'],
  ['volumesnapshots', 'Kubernetes'],
  ['csi-hostpath-driver', 'Kubernetes'],
  ['portainer', '3rd party (Portainer.io)'],
  ['inaccel', '3rd party (InAccel [info@inaccel.com])'],
  ['headlamp', '3rd party (kinvolk.io)'],
  ['cloud-spanner', 'Google'],
  ['kubeflow', '3rd party'],
  ['nvidia-device-plugin', '3rd party (NVIDIA)'],
  ['yakd', '3rd party (marcnuri.com)'],
];

/** Addons whose workloads this simulator runs. */
export const SIMULATED_ADDONS = new Set(['storage-provisioner', 'default-storageclass']);

const MAX_COL = 30;

/** go-runewidth's width: emoji presentation characters such as ✅ take two columns. */
function displayWidth(s: string): number {
  let extra = 0;
  for (const ch of s) if (ch === '✅' && termWidth(ch) === 1) extra++;
  return termWidth(s) + extra;
}

/** tablewriter's WrapWords: minimum raggedness, lines up to `lim` wide. */
export function wrapWords(words: readonly string[], lim: number): string[][] {
  const n = words.length;
  const len = (i: number, j: number) => words.slice(i, j + 1).reduce((a, w) => a + displayWidth(w), 0) + (j - i);
  const cost = new Array<number>(n).fill(2 ** 31 - 1);
  const brk = new Array<number>(n).fill(n);
  for (let i = n - 1; i >= 0; i--) {
    if (len(i, n - 1) <= lim) {
      cost[i] = 0;
      brk[i] = n;
      continue;
    }
    for (let j = i + 1; j < n; j++) {
      const d = lim - len(i, j - 1);
      let c = d * d + cost[j]!;
      if (len(i, j - 1) > lim) c += 100000;
      if (c < cost[i]!) {
        cost[i] = c;
        brk[i] = j;
      }
    }
  }
  const lines: string[][] = [];
  for (let i = 0; i < n; i = brk[i]!) lines.push(words.slice(i, brk[i]));
  return lines;
}

function wrapCell(s: string): string[] {
  const w = displayWidth(s);
  if (w <= MAX_COL) return [s];
  const words = s.split(' ');
  const lim = Math.max(MAX_COL, ...words.map(displayWidth));
  return wrapWords(words, lim).map((l) => l.join(' '));
}

const padRight = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - displayWidth(s)));
function center(s: string, w: number): string {
  const gap = w - displayWidth(s);
  const left = Math.floor(gap / 2);
  return ' '.repeat(left) + s + ' '.repeat(gap - left);
}

/** A tablewriter table with all borders (what `addons list` and `service list` print). */
export function renderTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const cells = rows.map((r) => r.map(wrapCell));
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...cells.map((r) => Math.max(...r[i]!.map(displayWidth)))));
  const line = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n`;
  let out = line;
  out += `|${header.map((h, i) => ` ${center(h.toUpperCase(), widths[i]!)} `).join('|')}|\n`;
  out += line;
  for (const r of cells) {
    const height = Math.max(...r.map((c) => c.length));
    for (let k = 0; k < height; k++) out += `|${r.map((c, i) => ` ${padRight(c[k] ?? '', widths[i]!)} `).join('|')}|\n`;
  }
  return out + line;
}

export function addonsCommand(): Command {
  const list = defineCommand({
    use: 'list',
    short: 'Lists all available minikube addons as well as their current statuses (enabled/disabled)',
    run: async (cli) => {
      const c = await clusterOf(cli.proc);
      const profile = c?.profile;
      const sorted = [...ADDONS].sort((a, b) => (a[0] < b[0] ? -1 : 1));
      if (!profile) {
        await cli.out(renderTable(['Addon Name', 'Maintainer'], sorted.map(([n, m]) => [n, m])));
        return 0;
      }
      const on = new Set(profile.addons);
      await cli.out(renderTable(['Addon Name', 'Profile', 'Status', 'Maintainer'], sorted.map(([n, m]) => [n, profile.name, on.has(n) ? 'enabled ✅' : 'disabled    ', m])));
      return 0;
    },
  });
  const toggle = (enable: boolean) =>
    defineCommand({
      use: `${enable ? 'enable' : 'disable'} ADDON_NAME`,
      short: enable ? 'Enables the addon w/ ADDON_NAME within minikube. For a list of available addons use: minikube addons list' : 'Disables the addon w/ ADDON_NAME within minikube (example: minikube addons disable dashboard). For a list of available addons use: minikube addons list',
      args: exact(1),
      run: async (cli, args) => {
        const name = args[0]!;
        const c = await mustRunning(cli);
        if (typeof c === 'number') return c;
        if (!ADDONS.some(([n]) => n === name)) {
          await cli.err(`\n${S.failure}Exiting due to MK_ADDON_ENABLE: enable failed: run callbacks: ${name} is not a valid addon\n\n`);
          return 10;
        }
        if (!SIMULATED_ADDONS.has(name)) {
          await cli.err(`dockyard: the minikube addon '${name}' is not simulated here\n`);
          return 1;
        }
        c.setAddon(name, enable);
        await cli.out(enable ? `${S.addonEnable}The '${name}' addon is enabled\n` : `${S.addonDisable}"The '${name}' addon is disabled\n`);
        return 0;
      },
    });
  return defineCommand({
    use: 'addons SUBCOMMAND [flags]',
    short: 'Enable or disable a minikube addon',
    subcommands: [list, toggle(true), toggle(false)],
  });
}
