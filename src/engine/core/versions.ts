/** Every simulated version string printed anywhere comes from here. */
export const versions = {
  dockyard: '0.1.0',
  /** Bumped whenever the snapshot format or a setup's outcome changes; keys caches and migrations. */
  engine: 1,
  bash: '5.2.15(1)-release',
  bashShort: '5.2.15',
  coreutils: '9.1',
  debian: '12',
  debianCodename: 'bookworm',
  kernel: '6.1.0-28-amd64',
  kernelBuild: '#1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 (2024-11-22)',
  docker: '28.3.2',
  dockerApi: '1.51',
  compose: 'v2.38.2',
  buildx: 'v0.25.0',
  containerd: '1.7.27',
  minikube: 'v1.36.0',
  kubernetes: 'v1.33.1',
  kubectl: 'v1.33.1',
  kustomize: 'v5.6.0',
} as const;
