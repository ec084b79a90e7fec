/**
 * The two things the job protocol needs from a message port, so the same caller and worker code runs
 * over a Node worker_threads MessagePort, a DOM MessagePort and an Electron MessagePortMain (each host
 * has a tiny adapter in src/hosts/).
 */
export interface JobPort {
  /** Sends one message; the buffers in `transfer` move to the other side (where the port supports it). */
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  /** Starts delivery of incoming messages (their payloads, not events) to `listener`. */
  onMessage(listener: (data: unknown) => void): void;
  /** Stops delivery and frees the channel. */
  close(): void;
}
