import { parentPort, type MessagePort } from 'node:worker_threads';
import type { OnnxRuntime } from '../../core/onnx/OnnxRuntime';
import { isNewJobChannelMessage } from '../../core/jobs/protocol';
import { serveJob, type JobRegistry } from '../../core/jobs/serveJob';
import { createNodeOnnxRuntime } from '../onnx/nodeOnnxRuntime';
import { nodePort } from './nodePort';

/**
 * The body of a Node worker_threads job worker: serves each job channel the pool sends over
 * `parentPort` ({ type: 'homeomorph:job-channel', port }) with the jobs of `registry`.
 * onnxruntime-node is loaded only when a job first uses `ctx.onnx`.
 */
export function serveNodeWorker(registry: JobRegistry): void {
  if (!parentPort) throw new Error('serveNodeWorker must run inside a worker thread');
  // One runtime per worker: the provider is chosen (and verified) once, not per job.
  let onnx: OnnxRuntime | undefined;
  const options = { onnx: () => (onnx ??= createNodeOnnxRuntime()) };
  parentPort.on('message', (data: unknown) => {
    if (!isNewJobChannelMessage(data)) return;
    const port = (data as { port?: MessagePort }).port;
    if (port) void serveJob(nodePort(port), registry, options);
  });
}
