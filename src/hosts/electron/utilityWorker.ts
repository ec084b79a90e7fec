// The Electron utility-process job host (desktop): main forks this file with utilityProcess.fork and
// sends it one MessagePortMain per job; the renderer holds the other end, so job data flows
// renderer ↔ worker directly and main only hands out ports.
import { isNewJobChannelMessage } from '../../core/jobs/protocol';
import { serveJob } from '../../core/jobs/serveJob';
import { jobs } from '../../plugins/jobs';
import { createNodeOnnxRuntime } from '../onnx/nodeOnnxRuntime';
import { electronPort } from './electronPort';

process.parentPort.on('message', (event) => {
  const port = event.ports[0];
  if (!isNewJobChannelMessage(event.data) || !port) return;
  void serveJob(electronPort(port), jobs, { onnx: createNodeOnnxRuntime });
});
