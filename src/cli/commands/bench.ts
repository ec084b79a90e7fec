import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CliCommand } from '../CliContext';
import { repoRoot } from '../repoRoot';

export const benchCommand: CliCommand = {
  name: 'bench',
  summary: 'run a benchmark from test/bench (same as npm run bench -- NAME)',
  help: () => `Usage: homeomorph bench NAME [ARGS…]

Runs test/bench/NAME.bench.ts (a source checkout only). Each benchmark prints its figures and the
machine line. Run it without NAME to list them. The CLI's conversion throughput is \`convert\`.`,

  async run(argv, ctx) {
    const script = join(repoRoot(), 'scripts', 'bench.mjs');
    if (!existsSync(script)) {
      ctx.stderr.write(
        'homeomorph bench: benchmarks need a source checkout (scripts/bench.mjs is missing)\n',
      );
      return 2;
    }
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [script, ...argv], { stdio: 'inherit', cwd: ctx.cwd });
      child.on('exit', (code) => resolve(code ?? 1));
    });
  },
};
