// Types for scripts/build-cli.mjs, imported by tests and benchmarks.
export const root: string;
export const cliDir: string;
export const nodeExternals: string[];
export function bundleForNode(entryPoints: Record<string, string>, outdir: string): Promise<void>;
export function buildCli(): Promise<void>;
export function cliIsStale(): boolean;
export function ensureCliBuilt(options?: { quiet?: boolean }): Promise<void>;
