/**
 * What `minikube start` writes to ~/.kube/config and ~/.minikube (pkg/minikube/kubeconfig: the
 * cluster, context and user `minikube`, each with minikube's `provider: minikube.sigs.k8s.io`
 * extension; the certificates under ~/.minikube), and what `minikube delete` takes out again.
 */
import type { ProcessContext } from '../../engine/runtime/kernel';
import { versions } from '../../engine/core/versions';
import { API_PORT, NODE_IP, PROFILE } from '../../engine/kube/cluster';
import { readKubeconfig, writeKubeconfig } from '../kubectl/kubeconfig';
import { homeOf } from './common';

type Obj = Record<string, unknown>;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** time.RFC1123 in UTC: `Sun, 29 Nov 2026 11:44:14 UTC`. */
export function rfc1123(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]!}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]!} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC`;
}

const pem = (kind: string, body: string) => `-----BEGIN ${kind}-----\n${body}\n-----END ${kind}-----\n`;

/** ~/.minikube: the CA, the client certificate, the docker-env certificates, the profile's config. */
export function writeMinikubeHome(ctx: ProcessContext, profile: unknown): void {
  const home = homeOf(ctx);
  const files: Array<[string, string, number]> = [
    ['ca.crt', pem('CERTIFICATE', 'MIIDBjCCAe6gAwIBAgIBATANBgkqhkiG9w0BAQsFADAVMRMwEQYDVQQDEwptaW5p'), 0o644],
    ['ca.key', pem('RSA PRIVATE KEY', 'MIIEowIBAAKCAQEAylfTZ5DpNnuKrOW1jJm+bXgH3bH4FZ0w8mEmCcT5Zo0h1m2k'), 0o600],
    ['proxy-client-ca.crt', pem('CERTIFICATE', 'MIIDETCCAfmgAwIBAgIBATANBgkqhkiG9w0BAQsFADAgMR4wHAYDVQQDExVwcm94'), 0o644],
    ['proxy-client-ca.key', pem('RSA PRIVATE KEY', 'MIIEpAIBAAKCAQEAvBq3ZfXh5cPzYf0wSgJd3Lg1yW6oV9m0Qk8c3w9rR2Xq4m1n'), 0o600],
    ['certs/ca.pem', pem('CERTIFICATE', 'MIIC/jCCAeagAwIBAgIRAKq3Y1w0n8mZ5cXy2bFh4M0wDQYJKoZIhvcNAQELBQAw'), 0o644],
    ['certs/ca-key.pem', pem('RSA PRIVATE KEY', 'MIIEpQIBAAKCAQEA0m6Q2fX1Rk3nYb8vWc5Jt4Lp7Hs9Ud2Ke6Gq1Zr0Tf3Yx8Wn'), 0o600],
    ['certs/cert.pem', pem('CERTIFICATE', 'MIIDADCCAeigAwIBAgIRAP1mL7c2k9sR4x0b5Hq3ZnYwDQYJKoZIhvcNAQELBQAw'), 0o644],
    ['certs/key.pem', pem('RSA PRIVATE KEY', 'MIIEowIBAAKCAQEAq8Yw2Lm5Xr0Fh3Nd7Tc1Gz9Kv4Bp6Sj2Ue8Ri5Ow1Ha3Qm7'), 0o600],
    ['profiles/minikube/client.crt', pem('CERTIFICATE', 'MIIDITCCAgmgAwIBAgIBAjANBgkqhkiG9w0BAQsFADAVMRMwEQYDVQQDEwptaW5p'), 0o644],
    ['profiles/minikube/client.key', pem('RSA PRIVATE KEY', 'MIIEpAIBAAKCAQEAx3Lq9Zb2Hn6Wv1Ks8Fd4Tj0Pm5Rc7Ye2Gu9Nw3Ba6Xo1Ql8Vi'), 0o600],
    ['profiles/minikube/config.json', `${JSON.stringify(profile, null, '\t')}\n`, 0o644],
    ['machines/minikube/config.json', `${JSON.stringify({ ConfigVersion: 3, Driver: { IPAddress: NODE_IP, MachineName: PROFILE, SSHUser: 'docker', SSHPort: 22 }, DriverName: 'docker', Name: PROFILE }, null, '    ')}\n`, 0o644],
  ];
  for (const [rel, text, mode] of files) {
    const path = `${home}/${rel}`;
    try {
      ctx.fs.mkdir(path.slice(0, path.lastIndexOf('/')), { recursive: true });
      ctx.fs.writeFile(path, text, { mode });
    } catch {
      // an unwritable home: minikube would fail later; the cluster still runs
    }
  }
}

/** Removes ~/.minikube/profiles/minikube and machines/minikube (what delete removes). */
export function removeProfileFiles(ctx: ProcessContext): void {
  const home = homeOf(ctx);
  for (const d of [`${home}/profiles/${PROFILE}`, `${home}/machines/${PROFILE}`]) {
    try {
      ctx.fs.rm(d, { recursive: true });
    } catch {
      // not there
    }
  }
}

const named = (list: unknown, name: string): number => (Array.isArray(list) ? list.findIndex((e) => (e as Obj | null)?.name === name) : -1);

function upsert(doc: Obj, key: 'clusters' | 'contexts' | 'users', entry: Obj): void {
  const list = Array.isArray(doc[key]) ? [...(doc[key] as unknown[])] : [];
  const i = named(list, entry.name as string);
  if (i >= 0) list[i] = entry;
  else list.push(entry);
  list.sort((a, b) => String((a as Obj).name).localeCompare(String((b as Obj).name)));
  doc[key] = list;
}

/** kubeconfig.Update: the minikube cluster, context and user, and the current context. */
export function writeKubeconfigEntries(ctx: ProcessContext): void {
  const file = readKubeconfig(ctx, {});
  const doc: Obj = { ...file.doc };
  const home = homeOf(ctx);
  const ext = (name: string) => [{ extension: { 'last-update': rfc1123(ctx.kernel.clock.now()), provider: 'minikube.sigs.k8s.io', version: versions.minikube }, name }];
  upsert(doc, 'clusters', { cluster: { 'certificate-authority': `${home}/ca.crt`, extensions: ext('cluster_info'), server: `https://${NODE_IP}:${API_PORT}` }, name: PROFILE });
  upsert(doc, 'contexts', { context: { cluster: PROFILE, extensions: ext('context_info'), namespace: 'default', user: PROFILE }, name: PROFILE });
  upsert(doc, 'users', { name: PROFILE, user: { 'client-certificate': `${home}/profiles/${PROFILE}/client.crt`, 'client-key': `${home}/profiles/${PROFILE}/client.key` } });
  doc['current-context'] = PROFILE;
  writeKubeconfig(ctx, { ...file, doc });
}

/** kubeconfig.DeleteContext: the minikube entries go, and the current context if it was minikube. */
export function removeKubeconfigEntries(ctx: ProcessContext): void {
  let file;
  try {
    file = readKubeconfig(ctx, {});
  } catch {
    return;
  }
  if (!file.exists) return;
  const doc: Obj = { ...file.doc };
  for (const key of ['clusters', 'contexts', 'users'] as const) {
    if (Array.isArray(doc[key])) {
      const rest = (doc[key] as Obj[]).filter((e) => e.name !== PROFILE);
      doc[key] = rest.length ? rest : null;
    }
  }
  if (doc['current-context'] === PROFILE) doc['current-context'] = '';
  writeKubeconfig(ctx, { ...file, doc });
}

/** status's kubeconfig field: Configured when the current kubeconfig points at the node. */
export function kubeconfigConfigured(ctx: ProcessContext): boolean {
  try {
    const file = readKubeconfig(ctx, {});
    const clusters = Array.isArray(file.doc.clusters) ? (file.doc.clusters as Obj[]) : [];
    const c = clusters.find((e) => e.name === PROFILE)?.cluster as Obj | undefined;
    return c?.server === `https://${NODE_IP}:${API_PORT}`;
  } catch {
    return false;
  }
}
