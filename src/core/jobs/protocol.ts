/**
 * The one job protocol, spoken over one MessagePort per job in every host.
 * Caller → host: run, then optionally cancel. Host → caller: progress*, then exactly one of
 * done / error / cancelled. Typed arrays inside input, output and preview are transferred.
 */
export type CallerMessage =
  | { type: 'run'; job: string; input: unknown; props: Record<string, unknown> }
  | { type: 'cancel' };

export type HostMessage =
  | { type: 'progress'; fraction: number; message?: string; preview?: unknown }
  | { type: 'done'; output: unknown }
  | { type: 'error'; error: SerializedError }
  | { type: 'cancelled' };

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
