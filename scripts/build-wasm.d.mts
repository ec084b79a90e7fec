// Types for scripts/build-wasm.mjs, imported by tests.
export function compileWat(name: string, source: string): Promise<Uint8Array>;
export function wasmModuleSource(name: string, binary: Uint8Array): string;
