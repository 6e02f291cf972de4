/**
 * `minikube start` with the docker driver (cmd/minikube/cmd/start.go, pkg/minikube/node/start.go,
 * bootstrapper/kubeadm/kubeadm.go, v1.36.0): the styled steps of a first start, of a restart of a
 * stopped node, and of a start of a running one; each step takes a little virtual time.
 */
import { versions } from '../../engine/core/versions';
import { NODE_DOCKER_VERSION, PROFILE, type StartStep } from '../../engine/kube/cluster';
import type { ProcessContext } from '../../engine/runtime/kernel';
import { defineCommand, flag, noArgs, type CliContext, type Command } from '../lib/command';
import { clusterOf, S } from './common';
import { writeKubeconfigEntries, writeMinikubeHome } from './kubeconfig';

/** `Debian 12.11`: gopsutil's platform (os-release ID, title-cased) and its version (/etc/debian_version). */
function platformOf(ctx: ProcessContext): string {
  const read = (p: string) => {
    try {
      return ctx.fs.readText(p);
    } catch {
      return '';
    }
  };
  const rel = read('/etc/os-release');
  const id = /^ID=("?)([^"\n]*)\1$/m.exec(rel)?.[2] ?? 'linux';
  const ver = id === 'debian' ? read('/etc/debian_version').trim() : (/^VERSION_ID=("?)([^"\n]*)\1$/m.exec(rel)?.[2] ?? '');
  return `${id.charAt(0).toUpperCase()}${id.slice(1)} ${ver}`.trim();
}

/** host's CPUs and memory (MB), for minikube's defaults (start_flags.go suggestMemoryAllocation). */
function hostResources(ctx: ProcessContext): { cpus: number; memory: number } {
  let cpus = 2;
  let memMb = 8000;
  try {
    cpus = (ctx.fs.readText('/proc/cpuinfo').match(/^processor\s*:/gm) ?? []).length || 2;
  } catch {
    // default
  }
  try {
    const kb = Number(/^MemTotal:\s+(\d+) kB/m.exec(ctx.fs.readText('/proc/meminfo'))?.[1] ?? 0);
    if (kb) memMb = Math.floor(kb / 1024);
  } catch {
    // default
  }
  const fallback = 2200;
  const maximum = memMb - 48;
  let suggested = Math.floor(memMb / 400) * 100;
  if (suggested > maximum) suggested = maximum;
  if (suggested < fallback) suggested = fallback;
  return { cpus: Math.min(cpus, 2), memory: suggested };
}

const STEP_MS: Record<StartStep['kind'], number> = {
  'pull-base': 1200,
  'create-node': 9000,
  'restart-node': 4000,
  'update-node': 800,
  certs: 1600,
  boot: 6000,
  rbac: 700,
  cni: 900,
  verify: 1800,
};

export function startCommand(): Command {
  return defineCommand({
    use: 'start',
    short: 'Starts a local Kubernetes cluster',
    long: 'Starts a local Kubernetes cluster',
    args: noArgs,
    flags: {
      driver: flag.string('driver', { short: 'd', usage: "Driver is one of: virtualbox, vmwarefusion, kvm2, qemu2, qemu, vfkit, hyperkit, hyperv, ssh, none, docker, podman (defaults to auto-detect)" }),
      cpus: flag.string('cpus', { usage: "Number of CPUs allocated to Kubernetes. Use \"max\" to use the maximum number of CPUs. Use \"no-limit\" to not specify a limit (Docker/Podman only)", default: '2' }),
      memory: flag.string('memory', { usage: 'Amount of RAM to allocate to Kubernetes (format: <number>[<unit>], where unit = b, k, m or g). Use "max" to use the maximum amount of memory. Use "no-limit" to not specify a limit (Docker/Podman only)' }),
      kubernetesVersion: flag.string('kubernetes-version', { usage: 'The Kubernetes version that the minikube VM will use (ex: v1.2.3, \'stable\' for v1.33.1, \'latest\' for v1.33.1). Defaults to \'stable\'.' }),
    },
    run: (cli, _args, o) => runStart(cli, o),
  });
}

async function runStart(cli: CliContext, o: { driver: string; cpus: string; memory: string; kubernetesVersion: string }): Promise<number> {
  const ctx = cli.proc;
  const out = (s: string) => cli.out(s);
  await out(`${S.happy}minikube ${versions.minikube} on ${platformOf(ctx)}\n`);
  if (o.driver && o.driver !== 'docker') {
    await cli.err(`dockyard: the minikube driver '${o.driver}' is not simulated here (only docker is)\n`);
    return 1;
  }
  const kv = o.kubernetesVersion && o.kubernetesVersion !== 'stable' && o.kubernetesVersion !== 'latest' ? (o.kubernetesVersion.startsWith('v') ? o.kubernetesVersion : `v${o.kubernetesVersion}`) : versions.kubernetes;
  if (kv !== versions.kubernetes) {
    await cli.err(`dockyard: Kubernetes ${kv} is not simulated here (only ${versions.kubernetes} is)\n`);
    return 1;
  }
  const cluster = await clusterOf(ctx);
  if (!cluster) {
    await cli.err(`dockyard: minikube needs the world's Docker engine, which this session does not have\n`);
    return 1;
  }
  const res = hostResources(ctx);
  const cpus = /^\d+$/.test(o.cpus) ? Number(o.cpus) : res.cpus;
  const mem = /^\d+$/.test(o.memory) ? Number(o.memory) : /^(\d+)(m|mb)$/i.test(o.memory) ? parseInt(o.memory, 10) : /^(\d+)(g|gb)$/i.test(o.memory) ? parseInt(o.memory, 10) * 1024 : cluster.profile?.memory ?? res.memory;
  const existing = !!cluster.profile;
  if (existing) await out(`${S.sparkle}Using the docker driver based on existing profile\n`);
  else {
    await out(`${S.sparkle}${o.driver ? 'Using the docker driver based on user configuration' : 'Automatically selected the docker driver. Other choices: none, ssh'}\n`);
    await out(`${S.notice}Using Docker driver with root privileges\n`);
  }
  await out(`${S.thumbsUp}Starting "${PROFILE}" primary control-plane node in "${PROFILE}" cluster\n`);
  const wait = (ms: number) => ctx.sleep(ms);
  const preparing = `${S.docker}Preparing Kubernetes ${kv} on Docker ${NODE_DOCKER_VERSION} ...\n`;
  const say: Record<StartStep['kind'], string> = {
    'pull-base': `${S.pulling}Pulling base image v0.0.47 ...\n`,
    'create-node': `${S.startingVM}Creating docker container (CPUs=${cpus}, Memory=${mem}MB) ...\n`,
    'restart-node': `${S.restarting}Restarting existing docker container for "${PROFILE}" ...\n`,
    'update-node': `${S.running}Updating the running docker "${PROFILE}" container ...\n`,
    certs: `${preparing}${S.subStep}Generating certificates and keys ...\n`,
    boot: `${S.subStep}Booting up control plane ...\n`,
    rbac: `${S.subStep}Configuring RBAC rules ...\n`,
    cni: `${S.cni}Configuring bridge CNI (Container Networking Interface) ...\n`,
    verify: `${S.healthCheck}Verifying Kubernetes components...\n${S.subStep}Using image gcr.io/k8s-minikube/storage-provisioner:v5\n`,
  };
  try {
    await cluster.start(
      { cpus, memory: mem, kubernetesVersion: kv },
      async (step) => {
        if (step.kind === 'update-node' || step.kind === 'restart-node') await out(say['pull-base']);
        if (step.kind === 'verify' && existing) await out(preparing);
        await out(say[step.kind]);
        await wait(STEP_MS[step.kind]);
      },
      wait,
    );
  } catch (e) {
    await cli.err(`\n${S.failure}Exiting due to GUEST_PROVISION: error provisioning guest: ${e instanceof Error ? e.message : String(e)}\n\n`);
    return 80;
  }
  writeMinikubeHome(ctx, cluster.profile);
  writeKubeconfigEntries(ctx);
  const addons = [...(cluster.profile?.addons ?? [])].sort((a, b) => (a === 'storage-provisioner' ? -1 : b === 'storage-provisioner' ? 1 : a.localeCompare(b)));
  await out(`${S.addonEnable}Enabled addons: ${addons.join(', ')}\n`);
  await out(`${S.ready}Done! kubectl is now configured to use "${PROFILE}" cluster and "default" namespace by default\n`);
  return 0;
}
