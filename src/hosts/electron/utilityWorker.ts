// The Electron utility-process job host (desktop): main forks this file with utilityProcess.fork and
// sends it one MessagePortMain per job; the renderer holds the other end, so job data flows
// renderer ↔ worker directly and main only hands out ports.
import type { OnnxRuntime } from '../../core/onnx/OnnxRuntime';
import { isNewJobChannelMessage } from '../../core/jobs/protocol';
import { serveJob } from '../../core/jobs/serveJob';
import { jobs } from '../../plugins/jobs';
import { createNodeOnnxRuntime } from '../onnx/nodeOnnxRuntime';
import { electronPort } from './electronPort';

// One runtime per process: the provider is chosen (and verified) once, not per job.
let onnx: OnnxRuntime | undefined;
const options = { onnx: () => (onnx ??= createNodeOnnxRuntime()) };

process.parentPort.on('message', (event) => {
  const port = event.ports[0];
  if (!isNewJobChannelMessage(event.data) || !port) return;
  void serveJob(electronPort(port), jobs, options);
});
