import { fitSdfOperator } from './fit-sdf/operator';
import { harmonicCompressOperator } from './harmonic-compress/operator';
import { inspectRepairOperators } from './inspect-repair/operator';
import { neuralPartsOperator } from './neural-parts/operator';
import { segmentMeshcnnOperators } from './segment-meshcnn/operator';
import { sphericalParametrizeOperator } from './spherical-parametrize/operator';
import type { AnyOperator } from './Operator';

/** Every operator the editor and the CLI offer, in menu order. Each plugin adds its own line here. */
export const operators: AnyOperator[] = [
  ...inspectRepairOperators,
  sphericalParametrizeOperator,
  harmonicCompressOperator,
  fitSdfOperator,
  ...segmentMeshcnnOperators,
  neuralPartsOperator,
];

export function findOperator(idname: string): AnyOperator | undefined {
  return operators.find((op) => op.idname === idname);
}
