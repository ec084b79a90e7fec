import { ensureCliBuilt } from '../../scripts/build-cli.mjs';
import { main } from '../../src/cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Builds out/cli (the worker the CLI's pool runs) if any source is newer. */
export async function prepareCli(): Promise<void> {
  await ensureCliBuilt({ quiet: true });
}

/** Runs `homeomorph ARGV…` in this process (commands in-process, jobs on real worker threads). */
export async function runCli(argv: string[], cwd = process.cwd()): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (t) => void (stdout += t), isTTY: false },
    stderr: { write: (t) => void (stderr += t), isTTY: false },
    cwd,
    workers: 2,
  });
  return { code, stdout, stderr };
}
