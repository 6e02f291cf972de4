/**
 * kube-controller-manager's controllers (and minikube's storage-provisioner) over one API server, each
 * watch-driven and level-based, all reconciling on the engine's Clock. The garbage collector and the
 * namespace controller are the API server module's ControlPlaneLoops; the scheduler is its own
 * component (../scheduler) but starts here too unless told not to.
 */
import type { Clock } from '../../core/clock';
import type { IDisposable } from '../../core/events';
import type { IdGen } from '../../core/ids';
import type { ApiServer } from '../apiserver';
import { Scheduler } from '../scheduler/scheduler';
import { DeploymentController } from './deployment';
import { EndpointSliceController, EndpointsController } from './endpoints';
import { JobController } from './job';
import type { Controller, ControllerContext } from './queue';
import { ReplicaSetController } from './replicaset';
import { HostPathProvisioner, PersistentVolumeController, type HostPathProvisionerOptions } from './volumes';

export interface ControllerManagerOptions {
  readonly api: ApiServer;
  readonly clock: Clock;
  readonly ids?: IdGen;
  /** The node the control plane and the storage provisioner run on (minikube). */
  readonly nodeName?: string;
  /** Run kube-scheduler too (default true). */
  readonly scheduler?: boolean;
  /** Run minikube's storage-provisioner (default true). */
  readonly storageProvisioner?: boolean;
  /** Makes and removes the provisioner's hostPath directories on the node. */
  readonly onHostPathDirectory?: HostPathProvisionerOptions['onDirectory'];
}

export class ControllerManager implements IDisposable {
  readonly replicaSets: ReplicaSetController;
  readonly deployments: DeploymentController;
  readonly jobs: JobController;
  readonly endpoints: EndpointsController;
  readonly endpointSlices: EndpointSliceController;
  readonly volumes: PersistentVolumeController;
  readonly provisioner?: HostPathProvisioner;
  readonly scheduler?: Scheduler;
  private readonly all: Controller[];

  constructor(opts: ControllerManagerOptions) {
    const ctx: ControllerContext = { api: opts.api, clock: opts.clock, ...(opts.ids ? { ids: opts.ids } : {}) };
    this.replicaSets = new ReplicaSetController(ctx);
    this.deployments = new DeploymentController(ctx);
    this.jobs = new JobController(ctx);
    this.endpoints = new EndpointsController(ctx);
    this.endpointSlices = new EndpointSliceController(ctx);
    this.volumes = new PersistentVolumeController(ctx);
    this.all = [this.deployments, this.replicaSets, this.jobs, this.endpoints, this.endpointSlices, this.volumes];
    if (opts.storageProvisioner !== false) {
      const p = new HostPathProvisioner(ctx, { nodeName: opts.nodeName ?? 'minikube', ...(opts.onHostPathDirectory ? { onDirectory: opts.onHostPathDirectory } : {}) });
      this.provisioner = p;
      this.all.push(p);
    }
    if (opts.scheduler !== false) {
      const s = new Scheduler(ctx, opts.nodeName ?? 'minikube');
      this.scheduler = s;
      this.all.push(s);
    }
  }

  /** Opens every controller's watches; work starts on the next settle. */
  start(): this {
    for (const c of this.all) c.start();
    return this;
  }

  dispose(): void {
    for (const c of this.all) c.dispose();
  }
}
