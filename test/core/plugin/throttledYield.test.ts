import { afterEach, describe, expect, it, vi } from 'vitest';
import { CancelledError, throttledYield } from '../../../src/core/plugin/Job';

describe('throttledYield', () => {
  afterEach(() => vi.restoreAllMocks());

  it('yields on its first call, then at most once per interval, and throws once cancelled', async () => {
    const now = vi.spyOn(performance, 'now').mockReturnValue(1000);
    const timeouts = vi.spyOn(globalThis, 'setTimeout');
    const controller = new AbortController();
    const yieldNow = throttledYield({ signal: controller.signal }, 25);
    await yieldNow();
    expect(timeouts).toHaveBeenCalledTimes(1);
    now.mockReturnValue(1010);
    await yieldNow(); // within the interval: no yield
    expect(timeouts).toHaveBeenCalledTimes(1);
    now.mockReturnValue(1030);
    await yieldNow();
    expect(timeouts).toHaveBeenCalledTimes(2);
    controller.abort();
    now.mockReturnValue(1040);
    await yieldNow(); // cancellation is noticed at the next real yield…
    now.mockReturnValue(1060);
    await expect(yieldNow()).rejects.toBeInstanceOf(CancelledError); // …which comes within the interval
  });
});
