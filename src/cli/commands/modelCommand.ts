import { UsageError } from '../args';
import type { CliCommand } from '../CliContext';

/** `train` and `eval`: a second word picks the model from `table`. */
export function modelCommand(
  name: string,
  summary: string,
  table: Record<string, Pick<CliCommand, 'summary' | 'help' | 'run'>>,
): CliCommand {
  const list = (): string =>
    Object.keys(table).length === 0
      ? '  (none in this build)'
      : Object.entries(table)
          .map(([model, entry]) => `  ${model.padEnd(12)} ${entry.summary}`)
          .join('\n');
  return {
    name,
    summary,
    subcommands: true,
    help: () =>
      `Usage: homeomorph ${name} MODEL [ARGS…]   (homeomorph ${name} MODEL --help for its options)\n\nModels:\n${list()}`,
    async run(argv, ctx) {
      const model = argv[0];
      const entry = model ? table[model] : undefined;
      if (!entry)
        throw new UsageError(
          model ? `unknown model "${model}"; known:\n${list()}` : `name a model:\n${list()}`,
        );
      if (argv.includes('--help') || argv.includes('-h')) {
        ctx.stdout.write(`${entry.help()}\n`);
        return 0;
      }
      return entry.run(argv.slice(1), ctx);
    },
  };
}
