import { describe, expect, it } from 'vitest';
import { createBrowserHost, SLICE_MS } from './host';

describe('createBrowserHost', () => {
  it('yields on a macrotask, after pending microtasks', async () => {
    const host = createBrowserHost();
    const order: string[] = [];
    const y = host.yieldToHost().then(() => order.push('yield'));
    void Promise.resolve().then(() => order.push('micro'));
    await y;
    expect(order).toEqual(['micro', 'yield']);
    host.dispose();
  });

  it('asks to yield once a slice of wall time has passed since the last yield', async () => {
    let t = 1000;
    const host = createBrowserHost(() => t);
    expect(host.shouldYield()).toBe(false);
    t += SLICE_MS - 1;
    expect(host.shouldYield()).toBe(false);
    t += 1;
    expect(host.shouldYield()).toBe(true);
    await host.yieldToHost();
    expect(host.shouldYield()).toBe(false);
    host.dispose();
  });

  it('resolves every waiter in order', async () => {
    const host = createBrowserHost();
    const seen: number[] = [];
    await Promise.all([1, 2, 3].map((n) => host.yieldToHost().then(() => seen.push(n))));
    expect(seen).toEqual([1, 2, 3]);
    host.dispose();
  });
});
