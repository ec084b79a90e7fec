import { segmentProps } from './props';

/** Model choices of user-trained models are 'user:NAME' (shipped ones are bare names). */
export const USER_MODEL_PREFIX = 'user:';

/** name → .hmcn bytes of the models the user trained in the editor (filled from the platform's store). */
const models = new Map<string, Uint8Array>();

/**
 * Offers a user-trained model in Segment with MeshCNN's Model choice, next to the shipped models; the
 * operator hands its bytes to the job (`modelBytes`). The editor's model library calls this for every
 * stored model at start and after each fine-tune; the CLI takes model files instead.
 */
export function registerUserModel(name: string, bytes: Uint8Array): void {
  models.set(name, bytes);
  syncChoices();
}

export function unregisterUserModel(name: string): void {
  models.delete(name);
  syncChoices();
}

/** The bytes of a 'user:NAME' choice, or null (a shipped model, or one deleted meanwhile). */
export function userModelBytes(choice: string): Uint8Array | null {
  return choice.startsWith(USER_MODEL_PREFIX)
    ? (models.get(choice.slice(USER_MODEL_PREFIX.length)) ?? null)
    : null;
}

export function userModelNames(): string[] {
  return [...models.keys()].sort((a, b) => a.localeCompare(b));
}

/** The enum's items are edited in place, so the panel (and validation) see the current list. */
function syncChoices(): void {
  const items = segmentProps.model.items;
  const shipped = items.filter(([id]) => !id.startsWith(USER_MODEL_PREFIX));
  items.length = 0;
  items.push(
    ...shipped,
    ...userModelNames().map((name): [string, string] => [`${USER_MODEL_PREFIX}${name}`, `${name} (yours)`]),
  );
}
