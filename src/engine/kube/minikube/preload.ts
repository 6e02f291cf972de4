/**
 * The images of minikube's preload for Kubernetes v1.33.1 (minikube v1.36.0:
 * pkg/minikube/constants/constants_kubeadm_images.go — coredns v1.12.0, etcd 3.5.21-0, pause 3.10;
 * pkg/minikube/bootstrapper/images/images.go — storage-provisioner v5). The kubelet's module
 * (src/engine/kube/kubelet/images.ts, ensureNodeImages) builds them in the node's store.
 */
export const KUBERNETES_VERSION = 'v1.33.1';
export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10';
export const COREDNS_IMAGE = 'registry.k8s.io/coredns/coredns:v1.12.0';
export const ETCD_IMAGE = 'registry.k8s.io/etcd:3.5.21-0';
export const STORAGE_PROVISIONER_IMAGE = 'gcr.io/k8s-minikube/storage-provisioner:v5';
export const componentImage = (name: string) => `registry.k8s.io/${name}:${KUBERNETES_VERSION}`;
