/**
 * The controllers' machinery, in the manner of client-go's informers and workqueue but single-threaded:
 * each controller watches the resources it cares about, maps every watch event to the keys
 * ("namespace/name") of the objects it reconciles, and a deduplicating queue runs `reconcile(key)` on
 * the Clock (on the next settle). Reconciliation is level-based: it re-reads the current state and never
 * looks at the event that woke it. `{ requeueAfter }` asks to be run again later (minReadySeconds, a
 * progress deadline, a back-off).
 */
import type { Clock } from '../../core/clock';
import type { IDisposable } from '../../core/events';
import type { IdGen } from '../../core/ids';
import type { ApiServer, Gvr, KubeObject, WatchEvent } from '../apiserver';

export interface ReconcileResult {
  /** Run this key again after so many milliseconds. */
  requeueAfter?: number;
}

export interface WatchSpec {
  gvr: Gvr;
  /** The keys to reconcile when this object changes (its own key, its owner's, the services selecting it…). */
  keys(obj: KubeObject, type: WatchEvent['type']): readonly string[];
}

export interface ControllerContext {
  readonly api: ApiServer;
  readonly clock: Clock;
  /** For ids of the controllers' own (the storage provisioner's identity); optional. */
  readonly ids?: IdGen;
}

/** A version 4 UUID from an IdGen stream of its own, or from the API server's when there is none. */
export function uuidFrom(ctx: ControllerContext, key: string): string {
  if (!ctx.ids) return ctx.api.newUid();
  const h = ctx.ids.hex(key, 32).split('');
  h[12] = '4';
  h[16] = '89ab'[parseInt(h[16] ?? '0', 16) & 3] ?? '8';
  const x = h.join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** Upper bound on reconciles of one controller in one settle: a safety net against write loops. */
const MAX_PASSES = 10000;

export abstract class Controller implements IDisposable {
  abstract readonly name: string;
  protected readonly api: ApiServer;
  protected readonly clock: Clock;
  private readonly queue = new Set<string>();
  private readonly timers = new Map<string, { at: number; d: IDisposable }>();
  private readonly subscriptions: IDisposable[] = [];
  private scheduled = false;
  private disposed = false;
  private passes = 0;

  constructor(ctx: ControllerContext) {
    this.api = ctx.api;
    this.clock = ctx.clock;
  }

  /** What to watch; called once by start(). */
  protected abstract watches(): WatchSpec[];

  /** Converges one object one step from the current state. */
  abstract reconcile(key: string): ReconcileResult | void;

  /** Opens the watches (each first lists what exists, as an informer does) and starts working. */
  start(): this {
    for (const w of this.watches()) {
      const r = this.api.watch(w.gvr, '', {}, (e) => {
        for (const k of w.keys(e.object, e.type)) this.enqueue(k);
      });
      if (r.ok) this.subscriptions.push(r.value);
    }
    return this;
  }

  enqueue(key: string): void {
    if (this.disposed || key === '') return;
    this.queue.add(key);
    if (this.scheduled) return;
    this.scheduled = true;
    this.clock.schedule(0, () => this.drain());
  }

  enqueueAfter(key: string, ms: number): void {
    if (this.disposed) return;
    const at = this.clock.now() + Math.max(0, ms);
    const t = this.timers.get(key);
    if (t && t.at <= at) return;
    t?.d.dispose();
    const d = this.clock.schedule(Math.max(0, ms), () => {
      this.timers.delete(key);
      this.enqueue(key);
    });
    this.timers.set(key, { at, d });
  }

  private drain(): void {
    this.scheduled = false;
    if (this.disposed) return;
    this.passes = 0;
    while (this.queue.size && this.passes++ < MAX_PASSES) {
      const key = this.queue.values().next().value as string;
      this.queue.delete(key);
      const r = this.reconcile(key);
      if (r?.requeueAfter !== undefined) this.enqueueAfter(key, r.requeueAfter);
    }
    if (this.queue.size) {
      // more work than one settle should hold: carry on at the next one
      this.scheduled = true;
      this.clock.schedule(1, () => this.drain());
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const s of this.subscriptions) s.dispose();
    for (const t of this.timers.values()) t.d.dispose();
    this.timers.clear();
    this.queue.clear();
  }
}

/** The key of the object itself. */
export function selfKey(obj: KubeObject): string[] {
  return [`${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`];
}

/** The key of the object's controller of the given kind, if any. */
export function ownerKey(obj: KubeObject, kind: string): string[] {
  const ref = (obj.metadata.ownerReferences ?? []).find((r) => r.controller === true && r.kind === kind);
  return ref ? [`${obj.metadata.namespace ?? ''}/${ref.name}`] : [];
}
