import { inspectRepairOperators } from './inspect-repair/operator';
import type { AnyOperator } from './Operator';
import { sphericalParametrizeOperator } from './spherical-parametrize/operator';

/** Every operator the editor and the CLI offer, in menu order. Each plugin adds its own line here. */
export const operators: AnyOperator[] = [
  ...inspectRepairOperators,
  sphericalParametrizeOperator,
];

export function findOperator(idname: string): AnyOperator | undefined {
  return operators.find((op) => op.idname === idname);
}
