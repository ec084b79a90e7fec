/**
 * The one job protocol, spoken over one MessagePort per job in every host.
 * Caller → host: run, then optionally cancel. Host → caller: progress*, then exactly one of
 * done / error / cancelled. Typed arrays inside input, output and preview are transferred (their
 * buffers are named in the postMessage transfer list), never serialised to JSON.
 */
export type CallerMessage =
  { type: 'run'; job: string; input: unknown; props: Record<string, unknown> } | { type: 'cancel' };

export type HostMessage =
  | { type: 'progress'; fraction: number; message?: string; preview?: unknown }
  | { type: 'done'; output: unknown }
  | { type: 'error'; error: SerializedError }
  | { type: 'cancelled' };

/**
 * Sent by a pool to one of its workers on the worker's control channel (Node parentPort, a Web
 * Worker's postMessage, an Electron utility process's parentPort) with the worker's end of a new job
 * channel as the only transferred port. The worker serves exactly one job on that port.
 */
export interface NewJobChannelMessage {
  type: 'homeomorph:job-channel';
}

export const NEW_JOB_CHANNEL: NewJobChannelMessage = { type: 'homeomorph:job-channel' };

export function isNewJobChannelMessage(data: unknown): data is NewJobChannelMessage {
  return (
    typeof data === 'object' && data !== null && (data as { type?: unknown }).type === NEW_JOB_CHANNEL.type
  );
}

/** Errors cross threads as plain data. `name` is 'InputError' for problems with the user's input. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error) };
}
