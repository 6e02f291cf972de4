import { describe, expect, it } from 'vitest';
import { kubeApiSocketName, type MinikubeCluster } from '../engine/kube/cluster';
import { createNodeSession } from './host';
import type { DockyardSession } from '../session/session';
import { kubeSocketName } from '../cli/kubectl';
import { renderTable, wrapWords } from '../cli/minikube';

/** A world as the page has it: the session serves minikube, kubectl and the cluster. */
async function world(): Promise<{ s: DockyardSession; cluster: () => MinikubeCluster | undefined }> {
  const s = createNodeSession({ seed: 7 });
  return { s, cluster: () => s.cluster };
}

describe('minikube', () => {
  it('names the API server socket as kubectl does', () => {
    expect(kubeApiSocketName('192.168.49.2', 8443)).toBe(kubeSocketName('192.168.49.2', 8443));
  });

  it('says there is no cluster before start (exit 85)', async () => {
    const { s } = await world();
    const r = await s.run('minikube status');
    expect(r.output).toBe('🤷  Profile "minikube" not found. Run "minikube profile list" to view all profiles.\n👉  To start a cluster, run: "minikube start"\n');
    expect(r.status).toBe(85);
    expect((await s.run('minikube ip')).status).toBe(85);
  });

  it('starts a cluster that docker, kubectl and ssh see; stops and deletes it', async () => {
    const { s } = await world();
    const t0 = s.clock.now();
    const r = await s.run('minikube start');
    expect(r.status).toBe(0);
    expect(r.output).toBe(
      [
        '😄  minikube v1.36.0 on Debian 12.11',
        '✨  Automatically selected the docker driver. Other choices: none, ssh',
        '📌  Using Docker driver with root privileges',
        '👍  Starting "minikube" primary control-plane node in "minikube" cluster',
        '🚜  Pulling base image v0.0.47 ...',
        '🔥  Creating docker container (CPUs=2, Memory=2200MB) ...',
        '🐳  Preparing Kubernetes v1.33.1 on Docker 28.1.1 ...',
        '    ▪ Generating certificates and keys ...',
        '    ▪ Booting up control plane ...',
        '    ▪ Configuring RBAC rules ...',
        '🔗  Configuring bridge CNI (Container Networking Interface) ...',
        '🔎  Verifying Kubernetes components...',
        '    ▪ Using image gcr.io/k8s-minikube/storage-provisioner:v5',
        '🌟  Enabled addons: storage-provisioner, default-storageclass',
        '🏄  Done! kubectl is now configured to use "minikube" cluster and "default" namespace by default',
        '',
      ].join('\n'),
    );
    expect(s.clock.now() - t0).toBeGreaterThan(5000);

    const ps = await s.run('docker ps --format "{{.Names}} {{.Image}} {{.Ports}}"');
    expect(ps.output).toBe('minikube gcr.io/k8s-minikube/kicbase:v0.0.47 127.0.0.1:32772->22/tcp, 127.0.0.1:32771->2376/tcp, 127.0.0.1:32770->5000/tcp, 127.0.0.1:32769->8443/tcp, 127.0.0.1:32768->32443/tcp\n');
    expect((await s.run("docker network inspect minikube --format '{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}'")).output).toBe('192.168.49.0/24 192.168.49.1\n');
    expect((await s.run("docker inspect minikube --format '{{.HostConfig.Privileged}} {{.NetworkSettings.Networks.minikube.IPAddress}}'")).output).toBe('true 192.168.49.2\n');

    const cfg = await s.run('cat ~/.kube/config');
    expect(cfg.output).toContain('    server: https://192.168.49.2:8443\n');
    expect(cfg.output).toContain('provider: minikube.sigs.k8s.io');
    expect(cfg.output).toContain('current-context: minikube\n');

    const nodes = await s.run('kubectl get nodes');
    expect(nodes.output).toMatch(/^NAME {7}STATUS {3}ROLES {11}AGE {3}VERSION\nminikube {3}Ready {4}control-plane {3}\d+s +v1\.33\.1\n$/);
    const pods = await s.run('kubectl get pods -n kube-system -o name');
    expect(pods.output).toMatch(/pod\/coredns-[a-z0-9]+-[a-z0-9]{5}\n/);
    expect(pods.output).toMatch(/pod\/kube-proxy-[a-z0-9]{5}\n/);
    expect(pods.output).toContain('pod/storage-provisioner\n');
    expect((await s.run('kubectl get svc -n kube-system kube-dns -o jsonpath={.spec.clusterIP}')).output).toBe('10.96.0.10');
    expect((await s.run('kubectl get sc')).output).toMatch(/^standard \(default\) +k8s\.io\/minikube-hostpath +Delete +Immediate +false +\d+s$/m);

    expect((await s.run('minikube ip')).output).toBe('192.168.49.2\n');
    const st = await s.run('minikube status');
    expect(st.output).toBe('minikube\ntype: Control Plane\nhost: Running\nkubelet: Running\napiserver: Running\nkubeconfig: Configured\n\n');
    expect(st.status).toBe(0);

    // the node's own daemon: the preloaded images, not the host's
    const nodeImages = await s.run("minikube ssh -- docker images --format '{{.Repository}}:{{.Tag}}'");
    expect(nodeImages.output).toContain('registry.k8s.io/kube-apiserver:v1.33.1\n');
    expect(nodeImages.output).not.toContain('kicbase');
    expect((await s.run('minikube ssh -- whoami')).output).toBe('docker\n');

    // docker-env points the host's docker CLI at the node's daemon
    const env = await s.run('minikube docker-env');
    expect(env.output).toBe('export DOCKER_TLS_VERIFY="1"\nexport DOCKER_HOST="tcp://127.0.0.1:32771"\nexport DOCKER_CERT_PATH="/home/learner/.minikube/certs"\nexport MINIKUBE_ACTIVE_DOCKERD="minikube"\n\n# To point your shell to minikube\'s docker-daemon, run:\n# eval $(minikube -p minikube docker-env)\n');
    expect((await s.run("eval $(minikube docker-env); docker images --format '{{.Repository}}' | grep -c registry.k8s.io")).output).toBe('7\n');

    const stop = await s.run('minikube stop');
    expect(stop.output).toBe('✋  Stopping node "minikube"  ...\n🛑  Powering off "minikube" via SSH ...\n🛑  1 node stopped.\n');
    const st2 = await s.run('minikube status');
    expect(st2.output).toBe('minikube\ntype: Control Plane\nhost: Stopped\nkubelet: Stopped\napiserver: Stopped\nkubeconfig: Stopped\n\n');
    expect(st2.status).toBe(7);
    const ip2 = await s.run('minikube ip');
    expect(ip2.output).toBe('🤷  The control-plane node minikube host is not running: state=Stopped\n👉  To start a cluster, run: "minikube start"\n');
    expect(ip2.status).toBe(83);
    expect((await s.run('kubectl get nodes')).output).toContain('Unable to connect to the server: dial tcp 192.168.49.2:8443: connect: no route to host\n');

    // a restart keeps the cluster's objects
    const again = await s.run('minikube start');
    expect(again.output).toContain('🔄  Restarting existing docker container for "minikube" ...\n');
    expect((await s.run('kubectl get pods -n kube-system -o name')).output).toContain('pod/storage-provisioner\n');

    const del = await s.run('minikube delete');
    expect(del.output).toBe('🔥  Deleting "minikube" in docker ...\n🔥  Deleting container "minikube" ...\n🔥  Removing /home/learner/.minikube/machines/minikube ...\n💀  Removed all traces of the "minikube" cluster.\n');
    expect((await s.run('docker ps -a -q | wc -l')).output).toBe('0\n');
    expect((await s.run('minikube status')).status).toBe(85);
  });

  it('lists addons as tablewriter lays them out', async () => {
    const { s } = await world();
    await s.run('minikube start');
    const r = await s.run('minikube addons list');
    const lines = r.output.split('\n');
    expect(lines[0]).toBe('|-----------------------------|----------|--------------|--------------------------------|');
    expect(lines[1]).toBe('|         ADDON NAME          | PROFILE  |    STATUS    |           MAINTAINER           |');
    expect(lines).toContain('| default-storageclass        | minikube | enabled ✅   | Kubernetes                     |');
    expect(lines).toContain('| dashboard                   | minikube | disabled     | Kubernetes                     |');
    expect(lines).toContain('| inaccel                     | minikube | disabled     | 3rd party (InAccel             |');
    expect(lines).toContain('|                             |          |              | [info@inaccel.com])            |');
    const en = await s.run('minikube addons enable metrics-server');
    expect(en.status).toBe(1);
    expect(en.output).toBe("dockyard: the minikube addon 'metrics-server' is not simulated here\n");
  });

  it('wraps words with minimum raggedness', () => {
    expect(wrapWords(['3rd', 'party', '(inspektor-gadget.io)'], 30)).toEqual([['3rd', 'party'], ['(inspektor-gadget.io)']]);
    expect(renderTable(['a'], [['x']])).toBe('|---|\n| A |\n|---|\n| x |\n|---|\n');
  });
});
