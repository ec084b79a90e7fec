import type { Command } from './Command';

/**
 * The undo/redo stacks. A command executed within `mergeWindowMs` of the previous one, or during the
 * same gesture (a drag on a control: see beginGesture), is offered to it through `mergeWith`, so a
 * slider drag of a hundred small steps undoes as one, however slowly it is dragged.
 */
export class History {
  readonly undos: Command[] = [];
  readonly redos: Command[] = [];
  /** Called after every execute, undo, redo and clear (menus and the title bar listen). */
  onChange: () => void = () => {};
  private lastExecuteTime = -Infinity;
  /** 'none', or inside a gesture: before ('started') or after ('editing') its first edit. */
  private gesture: 'none' | 'started' | 'editing' = 'none';

  constructor(readonly mergeWindowMs = 500) {}

  execute(command: Command): void {
    command.execute();
    const now = performance.now();
    const last = this.undos[this.undos.length - 1];
    const merged =
      last !== undefined &&
      this.gesture !== 'started' &&
      (this.gesture === 'editing' || now - this.lastExecuteTime < this.mergeWindowMs) &&
      last.mergeWith?.(command) === true;
    if (!merged) this.undos.push(command);
    if (this.gesture === 'started') this.gesture = 'editing';
    this.lastExecuteTime = now;
    this.redos.length = 0;
    this.onChange();
  }

  /** The pointer went down on a control: its edits until endGesture are one undo step. */
  beginGesture(): void {
    this.gesture = 'started'; // its first edit starts a step of its own
  }

  /** The pointer was released: the next edit starts a new step. */
  endGesture(): void {
    if (this.gesture === 'none') return;
    this.gesture = 'none';
    this.lastExecuteTime = -Infinity;
  }

  undo(): Command | undefined {
    const command = this.undos.pop();
    if (!command) return undefined;
    command.undo();
    this.redos.push(command);
    // A command done after an undo must never merge into the one before it.
    this.lastExecuteTime = -Infinity;
    this.onChange();
    return command;
  }

  redo(): Command | undefined {
    const command = this.redos.pop();
    if (!command) return undefined;
    command.execute();
    this.undos.push(command);
    this.lastExecuteTime = -Infinity;
    this.onChange();
    return command;
  }

  get canUndo(): boolean {
    return this.undos.length > 0;
  }

  get canRedo(): boolean {
    return this.redos.length > 0;
  }

  clear(): void {
    this.undos.length = 0;
    this.redos.length = 0;
    this.lastExecuteTime = -Infinity;
    this.onChange();
  }
}
