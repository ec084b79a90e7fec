import type { AnyOperator } from './Operator';
import { harmonicCompressOperator } from './harmonic-compress/operator';

/** Every operator the editor and the CLI offer. Each plugin adds its own here. */
export const operators: AnyOperator[] = [harmonicCompressOperator];

export function findOperator(idname: string): AnyOperator | undefined {
  return operators.find((op) => op.idname === idname);
}
