import { cpus, totalmem, type } from 'node:os';

/** One line naming the machine a benchmark ran on, printed with every table. */
export function machineLine(): string {
  const cores = cpus();
  return `machine: ${cores[0]?.model ?? 'unknown CPU'}, ${cores.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ${type()} ${process.arch}, Node ${process.version}`;
}
