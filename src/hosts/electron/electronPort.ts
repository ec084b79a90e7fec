import type { MessagePortMain } from 'electron';
import type { JobPort } from '../../core/jobs/JobPort';

/**
 * An Electron MessagePortMain (utility process side) as a JobPort. Messages between processes are
 * always copied (structured clone), so `transfer` is ignored here; inside the renderer the DOM port
 * still transfers.
 */
export function electronPort(port: MessagePortMain): JobPort {
  return {
    postMessage: (message) => port.postMessage(message),
    onMessage: (listener) => {
      port.on('message', (event) => listener(event.data));
      port.start();
    },
    close: () => port.close(),
  };
}
