import type { JobPort } from '../../core/jobs/JobPort';

/** A DOM MessagePort (Web Worker, renderer) as a JobPort: buffers in `transfer` move, not copied. */
export function domPort(port: MessagePort): JobPort {
  return {
    postMessage: (message, transfer) => port.postMessage(message, transfer ?? []),
    // Assigning onmessage also starts the port.
    onMessage: (listener) => {
      port.onmessage = (event) => listener(event.data);
    },
    close: () => port.close(),
  };
}
