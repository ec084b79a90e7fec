import type { OnnxRuntime, OnnxSession } from '../../onnx/OnnxRuntime';

/**
 * Runs a points → values model ([N,3] float32 → [N,1] or [N]) through onnxruntime. The session's
 * first input and output are used.
 */
export async function runPointModel(
  runtime: OnnxRuntime,
  session: OnnxSession,
  points: Float32Array,
): Promise<Float32Array> {
  const n = points.length / 3;
  const feeds = { [session.inputNames[0]!]: runtime.tensor('float32', points, [n, 3]) };
  const result = await session.run(feeds);
  const data = result[session.outputNames[0]!]!.data;
  if (!(data instanceof Float32Array)) throw new Error('the model did not return float32 values');
  return data.length === n ? data : data.subarray(0, n);
}

/**
 * Evaluates many points in chunks (memory stays bounded), with progress. 65k points per chunk keeps a
 * hash-grid model's per-corner intermediates ([L,2,2,2,N]) cache-sized: 1.5× less CPU than 262k (measured).
 */
export async function runPointModelChunked(
  runtime: OnnxRuntime,
  session: OnnxSession,
  points: Float32Array,
  chunk = 65_536,
  onProgress?: (fraction: number) => void | Promise<void>,
): Promise<Float32Array> {
  const n = points.length / 3;
  const out = new Float32Array(n);
  for (let s = 0; s < n; s += chunk) {
    const e = Math.min(n, s + chunk);
    out.set(await runPointModel(runtime, session, points.slice(3 * s, 3 * e)), s);
    await onProgress?.(e / n);
  }
  return out;
}
