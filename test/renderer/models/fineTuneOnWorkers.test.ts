import { describe, expect, it, vi } from 'vitest';
import { InputError } from '../../../src/core/plugin/Job';
import { fineTuneOnWorkers } from '../../../src/renderer/models/fineTuneOnWorkers';

describe('fineTuneOnWorkers', () => {
  it('refuses a step count that is not a positive whole number before any job starts', async () => {
    const runner = { concurrency: 2, run: vi.fn() };
    const input = { meshes: [], classes: [], name: 'x' };
    for (const steps of [0, -3, 2.5, NaN]) {
      const run = fineTuneOnWorkers(runner, input, [], {
        steps,
        signal: new AbortController().signal,
        onProgress: () => {},
      });
      await expect(run).rejects.toThrow(InputError);
    }
    expect(runner.run).not.toHaveBeenCalled();
  });
});
