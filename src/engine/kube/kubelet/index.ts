/** The node's kubelet: pods as containers of the node's Docker daemon (see kubelet.ts). */
export { BACKOFF_INITIAL_MS, BACKOFF_MAX_MS, Kubelet, dockerName, kubeletSocket, type KubeletOptions, type KubeletState, type LogsOptions, type LogsResult } from './kubelet';
export { IDLE_PROGRAM, NODE_IMAGES, PAUSE_IMAGE, ensureNodeImages, idleProgram, loadImage, type NodeImage } from './images';
export { NODE_DOCKER_VERSION, mirrorPod, nodeObject, registerNode, staticPods, type NodeFacts, type StaticPod } from './nodestatus';
export { goDuration } from './format';
