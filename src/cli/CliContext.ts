import type { JobHost } from '../core/jobs/JobHost';

/** Where a command writes, and the pool it runs jobs on; injectable so tests run commands in-process. */
export interface CliOutput {
  write(text: string): void;
  /** True for a terminal: progress bars are drawn only there. */
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface CliContext {
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  readonly cwd: string;
  /** The worker pool (started on first use, shut down by main). */
  pool(): JobHost & { readonly size: number };
}

/** One `homeomorph` command: one file under src/cli/commands/, listed in commands/index.ts. */
export interface CliCommand {
  readonly name: string;
  /** One line for `homeomorph --help`. */
  readonly summary: string;
  /** `homeomorph NAME --help`: usage, options, examples (may be computed, e.g. the operator list). */
  help(): string;
  /**
   * The first argument names a sub-command (`run OPERATOR`, `train MODEL`, `eval MODEL`), whose own
   * `--help` the command prints: `NAME SUB --help` is passed to run instead of answered with help().
   */
  readonly subcommands?: boolean;
  /** Returns the exit code: 0 success, 1 bad input, 2 usage (throw UsageError for the latter). */
  run(argv: string[], ctx: CliContext): Promise<number>;
}
