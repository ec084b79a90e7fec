// The CLI's worker_threads job worker (bundled to out/cli/worker.mjs): every plugin job plus the
// CLI's own file jobs.
import { serveNodeWorker } from '../hosts/node/serveNodeWorker';
import { jobs } from '../plugins/jobs';
import { cliJobs } from './jobs/cliJobs';

serveNodeWorker({ ...jobs, ...cliJobs });
