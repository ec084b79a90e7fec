/**
 * The slice of onnxruntime's API the core uses, so core code can run models without importing
 * onnxruntime-node or onnxruntime-web. Hosts provide an implementation (see src/hosts/onnx).
 */
export interface OnnxTensor {
  readonly data: Float32Array | Int32Array | BigInt64Array | Uint8Array | unknown;
  readonly dims: readonly number[];
  readonly type: string;
}

export interface OnnxSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, OnnxTensor>): Promise<Record<string, OnnxTensor>>;
  release(): Promise<void>;
}

export interface OnnxSessionOptions {
  /**
   * Threads one operator may use (CPU). 1 suits models of many small operators, where handing work to a
   * second thread costs more than it saves (MeshCNN's segments: 8 ensemble passes 263 → 208 ms). Default:
   * the runtime's (all cores). The web runtime ignores it (its thread count is global).
   */
  threads?: number;
}

export interface OnnxRuntime {
  /** The execution provider chosen for new sessions, e.g. 'cuda', 'cpu', 'wasm'; said to the user. */
  readonly provider: string;
  createSession(model: Uint8Array, options?: OnnxSessionOptions): Promise<OnnxSession>;
  tensor(type: 'float32', data: Float32Array, dims: readonly number[]): OnnxTensor;
  tensor(type: 'int32', data: Int32Array, dims: readonly number[]): OnnxTensor;
  tensor(type: 'int64', data: BigInt64Array, dims: readonly number[]): OnnxTensor;
}
