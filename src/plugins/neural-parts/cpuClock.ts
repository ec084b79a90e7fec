/**
 * The process's CPU time in seconds (user + system, all threads), or null where the host has none
 * (a browser's Web Worker). Node and Electron's utility process have `process.cpuUsage`. Node 20
 * has no per-thread figure; a job host runs one job at a time, so the process's time is the job's
 * (plus a little garbage collection on helper threads).
 */
export function cpuClock(): (() => number) | null {
  const usage = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process
    ?.cpuUsage;
  if (typeof usage !== 'function') return null;
  return () => {
    const u = usage();
    return (u.user + u.system) / 1e6;
  };
}
