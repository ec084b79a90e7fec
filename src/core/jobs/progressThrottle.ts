import type { HostMessage } from './protocol';

type ProgressMessage = Extract<HostMessage, { type: 'progress' }>;

export interface ProgressThrottle {
  report(fraction: number, message?: string, preview?: unknown, transfer?: ArrayBuffer[]): void;
  /** Drops a pending report (the job has answered). */
  cancel(): void;
}

/**
 * Delivers at most one progress message per `intervalMs`: the first at once, later ones only when
 * enough time has passed; the latest skipped one is delivered when the interval ends, so the caller
 * always ends up seeing the newest state. Jobs can report every iteration without flooding the port.
 */
export function createProgressThrottle(
  intervalMs: number,
  deliver: (message: ProgressMessage, transfer?: ArrayBuffer[]) => void,
): ProgressThrottle {
  let last = -Infinity;
  let pending: { message: ProgressMessage; transfer?: ArrayBuffer[] } | null = null;
  let timer: unknown = null;

  const flush = (): void => {
    timer = null;
    if (!pending) return;
    const { message, transfer } = pending;
    pending = null;
    last = performance.now();
    deliver(message, transfer);
  };

  return {
    report(fraction, text, preview, transfer) {
      const message: ProgressMessage = {
        type: 'progress',
        fraction: Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0,
      };
      if (text !== undefined) message.message = text;
      if (preview !== undefined) message.preview = preview;
      pending = { message, transfer };
      const wait = last + intervalMs - performance.now();
      if (wait <= 0) {
        if (timer !== null) clearTimeout(timer);
        flush();
      } else if (timer === null) {
        timer = setTimeout(flush, wait);
      }
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}
