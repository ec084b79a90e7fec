import { parentPort, type MessagePort } from 'node:worker_threads';
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
  parentPort.on('message', (data: unknown) => {
    if (!isNewJobChannelMessage(data)) return;
    const port = (data as { port?: MessagePort }).port;
    if (port) void serveJob(nodePort(port), registry, { onnx: createNodeOnnxRuntime });
  });
}
