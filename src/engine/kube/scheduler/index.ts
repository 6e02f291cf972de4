/** kube-scheduler: filters, binding, FailedScheduling. */
export { DEFAULT_SCHEDULER, Scheduler, UNSCHEDULABLE_RETRY_MS, podRequests } from './scheduler';
