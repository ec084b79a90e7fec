import { existsSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { baseName, extensionOf } from '../core/io/ModelData';
import { isWriteFormat, type WriteFormat } from '../core/io/formats';
import { UsageError } from './args';

export interface OutputPlan {
  format: WriteFormat;
  /** One output path per input, same order. */
  outputs: string[];
}

/**
 * Where `-o OUT` puts each input's result. OUT is a folder when it exists as one, ends with a path
 * separator, or there are several inputs (then each result is FOLDER/NAME.FORMAT); otherwise a file
 * whose extension gives the format. `--format` overrides; the default is GLB.
 */
export function planOutputs(
  inputs: readonly string[],
  out: string,
  cwd: string,
  format?: string,
): OutputPlan {
  if (format !== undefined && !isWriteFormat(format))
    throw new UsageError(`unknown format "${format}": use glb, obj, ply or stl`);
  const target = resolve(cwd, out);
  const isFolder =
    /[\\/]$/.test(out) || (existsSync(target) && statSync(target).isDirectory()) || inputs.length > 1;
  if (!isFolder) {
    const ext = extensionOf(target);
    const chosen = format ?? (isWriteFormat(ext) ? ext : undefined);
    if (!chosen)
      throw new UsageError(
        `cannot tell the output format from "${out}": name it .glb, .obj, .ply or .stl, or pass --format`,
      );
    if (resolve(inputs[0]!) === target) throw new UsageError(`refusing to overwrite the input ${out}`);
    return { format: chosen, outputs: [target] };
  }
  const chosen = (format ?? 'glb') as WriteFormat;
  const outputs = inputs.map((input) => join(target, `${baseName(input)}.${chosen}`));
  const clash = outputs.find((path, i) => outputs.indexOf(path) !== i);
  if (clash)
    throw new UsageError(
      `two inputs would both be written to ${clash.split(sep).pop()}: convert them separately`,
    );
  const overwrite = inputs.findIndex((input, i) => resolve(input) === outputs[i]);
  if (overwrite >= 0) throw new UsageError(`refusing to overwrite the input ${inputs[overwrite]}`);
  return { format: chosen, outputs };
}
