import type { IpcMainEvent, IpcMainInvokeEvent } from 'electron';

/**
 * Starts the utility-process job host (src/hosts/electron) and answers the renderer's requests for
 * job channels. Wired once the jobs host is merged.
 */
export function startJobHost(_isTrustedSender: (event: IpcMainInvokeEvent | IpcMainEvent) => boolean): void {}
