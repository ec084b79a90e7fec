// Runs `homeomorph train meshcnn` before the CLI wires it: node node_modules/vite-node/vite-node.mjs tools/meshcnn/train.ts -- ARGS
import { trainMeshcnn } from '../../src/cli/commands/trainMeshcnn';

const args = process.argv.slice(2).filter((a) => a !== '--');
trainMeshcnn(args).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
