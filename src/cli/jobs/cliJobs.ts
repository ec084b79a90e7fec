import type { JobRegistry } from '../../core/jobs/serveJob';

/** Jobs only the CLI's worker_threads workers run (they read and write files themselves). */
export const cliJobs: JobRegistry = {
  'cli.inspect_file': async () => (await import('./inspectFileJob')).inspectFileJob,
  'cli.convert_file': async () => (await import('./convertFileJob')).convertFileJob,
};
