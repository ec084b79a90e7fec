/**
 * One undoable change to the scene (the Command pattern of the three.js editor).
 * Commands touch only three.js objects and a SceneHost, never the DOM, so the editor and the
 * CLI apply plugin results through the very same code.
 */
export interface Command {
  /** Shown in Edit ▸ Undo <name>. */
  readonly name: string;
  execute(): void;
  undo(): void;
  /**
   * Offered the next command executed shortly after this one; returns true if it absorbed it
   * (rapid slider drags become one undo step). The absorbed command has already been executed.
   */
  mergeWith?(next: Command): boolean;
}
