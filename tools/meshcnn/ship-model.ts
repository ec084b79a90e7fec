// Copies a trained model into resources/models/NAME.hmcn for shipping: sets its name and the dataset's
// class names and colours, drops optimiser state. Usage:
//   node node_modules/vite-node/vite-node.mjs tools/meshcnn/ship-model.ts -- IN.hmcn NAME
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { classesFor } from '../../src/core/meshcnn/datasetClasses';
import { loadModel, saveModel } from '../../src/core/meshcnn/modelFile';

const [input, name] = process.argv.slice(2).filter((a) => a !== '--');
if (!input || !name) {
  console.error('usage: ship-model.ts IN.hmcn NAME');
  process.exit(2);
}
const { info, net } = loadModel(new Uint8Array(readFileSync(input)));
const dataset = (info.training?.dataset as string | undefined) ?? name;
const shipped = { ...info, name, classes: classesFor(dataset, info.config.classCount) };
const out = join(import.meta.dirname, '..', '..', 'resources', 'models', `${name}.hmcn`);
writeFileSync(out, saveModel(shipped, net));
console.log(`${out}: ${dataset}, ${info.config.classCount} classes (${shipped.classes.map((c) => c.name).join(', ')}), test ${JSON.stringify(info.training?.test)}`);
