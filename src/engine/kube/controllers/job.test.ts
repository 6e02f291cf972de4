import { describe, expect, it } from 'vitest';
import { testCluster } from './testkit';
import { JOBS, PODS, arr, o } from './util';

const job = (name: string, spec: Record<string, unknown>, exit = '0') => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name },
  spec: { ...spec, template: { metadata: { annotations: { 'fake-kubelet/exit': exit } }, spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } } },
});

describe('Job controller', () => {
  it('runs completions one at a time and completes', () => {
    const c = testCluster();
    const created = c.api.create(JOBS, 'default', job('pi', { completions: 2 }));
    if (!created.ok) throw new Error(created.status.message);
    const uid = created.value.metadata.uid!;
    expect(o(created.value.spec).selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    c.clock.settle();
    const pods = c.list(PODS);
    expect(pods).toHaveLength(1);
    expect(pods[0]!.metadata.name).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pods[0]!.metadata.labels).toMatchObject({ 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'job-name': 'pi' });
    expect(pods[0]!.metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
    expect(o(c.get(JOBS, 'default', 'pi').status)).toMatchObject({ active: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {}, startTime: '2026-01-05T09:00:00Z' });
    c.advance(2500);
    expect(o(c.get(JOBS, 'default', 'pi').status)).toMatchObject({ active: 1, succeeded: 1 });
    c.advance(2500);
    const st = o(c.get(JOBS, 'default', 'pi').status);
    expect(st).toMatchObject({ succeeded: 2, completionTime: '2026-01-05T09:00:04Z' });
    expect(st.active).toBeUndefined();
    expect(arr(st.conditions).map((x) => [x.type, x.status, x.reason, x.message])).toEqual([
      ['SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
      ['Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
    ]);
    expect(c.list(PODS).every((p) => p.metadata.finalizers === undefined)).toBe(true);
    expect(c.events('pi').filter((e) => !e.startsWith('SuccessfulCreate'))).toEqual(['Completed: Job completed']);
  });

  it('backs off after failures and fails past backoffLimit', () => {
    const c = testCluster();
    c.api.create(JOBS, 'default', job('bad', { backoffLimit: 1 }, '1'));
    c.advance(2500);
    expect(o(c.get(JOBS, 'default', 'bad').status)).toMatchObject({ failed: 1 });
    // the replacement waits 10 s from the failure
    expect(c.list(PODS)).toHaveLength(1);
    c.advance(10000);
    expect(c.list(PODS)).toHaveLength(2);
    c.advance(3000);
    const st = o(c.get(JOBS, 'default', 'bad').status);
    expect(st.failed).toBe(2);
    expect(arr(st.conditions).map((x) => [x.type, x.reason])).toEqual([
      ['FailureTarget', 'BackoffLimitExceeded'],
      ['Failed', 'BackoffLimitExceeded'],
    ]);
    expect(c.events('bad').at(-1)).toBe('BackoffLimitExceeded: Job has reached the specified backoff limit');
  });
});
