import type { Command } from './Command';

/** Several commands as one undo step (a plugin result that adds objects and sets attributes). */
export class MultiCommand implements Command {
  constructor(
    readonly name: string,
    private readonly commands: Command[],
  ) {}

  execute(): void {
    for (const command of this.commands) command.execute();
  }

  undo(): void {
    for (let i = this.commands.length - 1; i >= 0; i--) this.commands[i]!.undo();
  }
}
