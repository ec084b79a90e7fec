import type { WorkerPool } from '../core/jobs/WorkerPool';
import { createNodeWorkerPool } from '../hosts/node/NodeWorkerPool';
import { operators } from '../plugins/operators';
import packageJson from '../../package.json';
import { UsageError } from './args';
import type { CliContext, CliOutput } from './CliContext';
import { commands } from './commands';
import { messageOf } from './format';
import { cliWorkerUrl } from './repoRoot';

function topHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const opWidth = Math.max(0, ...operators.map((op) => op.idname.length));
  const ops = operators.length
    ? operators.map((op) => `  ${op.idname.padEnd(opWidth)}  ${op.label}`).join('\n')
    : '  (none registered in this build)';
  return `homeomorph ${packageJson.version} — shape processing from the command line

Usage: homeomorph COMMAND [ARGS…]      homeomorph COMMAND --help for its options

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Operators (homeomorph run OPERATOR IN… ; homeomorph run OPERATOR --help for props):
${ops}

Exit codes: 0 success, 1 bad input, 2 usage.`;
}

export interface MainOptions {
  stdout?: CliOutput;
  stderr?: CliOutput;
  cwd?: string;
  /** Worker pool size (default: one per core). */
  workers?: number;
}

/** Runs `homeomorph ARGV…` and returns its exit code: 0 success, 1 bad input, 2 usage. */
export async function main(argv: string[], options: MainOptions = {}): Promise<number> {
  const stdout = options.stdout ?? processOutput(process.stdout);
  const stderr = options.stderr ?? processOutput(process.stderr);
  let pool: WorkerPool | null = null;
  const ctx: CliContext = {
    stdout,
    stderr,
    cwd: options.cwd ?? process.cwd(),
    pool: () =>
      (pool ??= createNodeWorkerPool({
        workerUrl: cliWorkerUrl(),
        size: options.workers ?? workersFromEnv(),
      })),
  };
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? commands.find((c) => c.name === rest[0]) : undefined;
    (name === undefined ? stderr : stdout).write(`${topic ? topic.help() : topHelp()}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    stdout.write(`${packageJson.version}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    stderr.write(`homeomorph: unknown command "${name}"\n\n${topHelp()}\n`);
    return 2;
  }
  // `run OPERATOR --help`, `train MODEL --help`: the sub-command's help, printed by the command itself.
  if (
    (rest.includes('--help') || rest.includes('-h')) &&
    !(command.subcommands && rest[0] && !rest[0].startsWith('-'))
  ) {
    stdout.write(`${command.help()}\n`);
    return 0;
  }
  try {
    return await command.run(rest, ctx);
  } catch (error) {
    if (error instanceof UsageError) {
      stderr.write(`homeomorph ${name}: ${error.message}\n(homeomorph ${name} --help for usage)\n`);
      return 2;
    }
    stderr.write(`homeomorph ${name}: ${messageOf(error)}\n`);
    return 1;
  } finally {
    await (pool as WorkerPool | null)?.dispose();
  }
}

function processOutput(stream: NodeJS.WriteStream): CliOutput {
  return {
    write: (text) => void stream.write(text),
    get isTTY() {
      return stream.isTTY === true;
    },
    get columns() {
      return stream.columns;
    },
  };
}

function workersFromEnv(): number | undefined {
  const n = Number(process.env.HOMEOMORPH_WORKERS);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
