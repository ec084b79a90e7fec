import type { JobHost } from '../../core/jobs/JobHost';
import { runJob } from '../../core/jobs/runJob';
import type { JobRunner, JobRunOptions } from './JobRunner';

/**
 * Runs jobs on a JobHost of src/hosts (a Web Worker pool in the browser, utility processes on the
 * desktop), created on the first job so that starting the editor spawns no workers.
 */
export class HostJobRunner implements JobRunner {
  private host: JobHost | null = null;

  constructor(
    private readonly createHost: () => JobHost,
    /** The host's worker count (its pool size). */
    readonly concurrency: number,
  ) {}

  run<O>(
    job: string,
    input: unknown,
    props: Record<string, unknown>,
    transfer: ArrayBuffer[],
    options: JobRunOptions = {},
  ): Promise<O> {
    this.host ??= this.createHost();
    return runJob<O>(this.host, job, input, props, transfer, options);
  }
}
