import type { MessagePort } from 'node:worker_threads';
import type { JobPort } from '../../core/jobs/JobPort';

/** A worker_threads MessagePort as a JobPort: buffers in `transfer` move, they are not copied. */
export function nodePort(port: MessagePort): JobPort {
  return {
    postMessage: (message, transfer) => port.postMessage(message, transfer),
    onMessage: (listener) => void port.on('message', listener),
    close: () => port.close(),
  };
}
