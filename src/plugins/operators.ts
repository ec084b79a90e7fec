import { fitSdfOperator } from './fit-sdf/operator';
import type { AnyOperator } from './Operator';

/** Every operator the editor and the CLI offer. Each plugin adds its own here. */
export const operators: AnyOperator[] = [fitSdfOperator];

export function findOperator(idname: string): AnyOperator | undefined {
  return operators.find((op) => op.idname === idname);
}
