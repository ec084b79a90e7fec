import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { Mesh as ThreeMesh, type Object3D } from 'three';
import { HeadlessSceneHost } from '../../core/commands/SceneHost';
import { runJob } from '../../core/jobs/runJob';
import { InputError } from '../../core/plugin/Job';
import type { Props, PropSpecs } from '../../core/plugin/PropSpec';
import type { AnyOperator, OperatorContext } from '../../plugins/Operator';
import { findOperator, operators } from '../../plugins/operators';
import { parseArgs, UsageError } from '../args';
import type { CliCommand, CliContext } from '../CliContext';
import { mapLimited, messageOf, shown } from '../format';
import { expandInputs } from '../inputFiles';
import { readModelFile, writeModelFile } from '../modelFiles';
import { describeProps, propFlagSpecs, propsFromFlags } from '../operatorFlags';
import { planOutputs } from '../outputPaths';
import { modelToScene, sceneToModel } from '../sceneModel';

const USAGE = 'homeomorph run OPERATOR IN… [-o OUT|DIR] [--PROP VALUE…] [--FILE PATH…] [--json]';

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'run a plugin operator on files, with the same props as its panel',
  subcommands: true,
  help: () => `Usage: ${USAGE}

Runs OPERATOR on each input exactly as the editor's panel does: poll (is it applicable?), prepare,
the job on a worker thread, apply to the scene, then writes the scene (default GLB, with the
result's attributes and userData). Props are flags named after the panel's fields.

Options:
  -o, --output OUT   output file (one input) or folder (FOLDER/NAME.glb); omit to write nothing
  --format FORMAT    glb (default), obj, ply or stl
  --json             print the result's metrics, one JSON object per input and line
  homeomorph run OPERATOR --help   lists that operator's props

Exit codes: 0 success, 1 bad input (the operator's reason or the job's message), 2 usage.

Operators:
${operatorList()}`,

  async run(argv, ctx) {
    const idname = argv[0];
    if (!idname || idname.startsWith('-'))
      throw new UsageError('name an operator (homeomorph run --help lists them)');
    const operator = findOperator(idname);
    if (!operator)
      throw new UsageError(
        `unknown operator "${idname}"; known: ${operators.map((op) => op.idname).join(', ') || 'none'}`,
      );
    const { specs, propOfFlag } = propFlagSpecs(operator.props);
    const args = parseArgs(argv.slice(1), {
      output: { value: true, short: 'o' },
      format: { value: true },
      json: {},
      help: { short: 'h' },
      ...specs,
      ...artifactFlagSpecs(operator),
    });
    if (args.options.has('help')) {
      ctx.stdout.write(`${operatorHelp(operator)}\n`);
      return 0;
    }
    const props = propsFromFlags(operator.props, args.options, propOfFlag);
    if (args.positionals.length === 0) throw new UsageError('no input files');
    const inputs = await expandInputs(args.positionals, ctx.cwd);
    const out = args.options.get('output');
    const format = args.options.get('format');
    const plan =
      typeof out === 'string'
        ? planOutputs(inputs, out, ctx.cwd, typeof format === 'string' ? format : undefined)
        : null;
    const artifactTargets = planArtifacts(operator, args.options, inputs, ctx.cwd);
    const files = await readInputFiles(operator, args.options, ctx.cwd);
    let failures = 0;
    const lines: (string | undefined)[] = [];
    await mapLimited(inputs, ctx.pool().size, async (input, i) => {
      try {
        const metrics = await runOnFile(
          operator,
          props,
          input,
          plan ? { path: plan.outputs[i]!, format: plan.format } : null,
          artifactTargets.map(({ key, paths }) => ({ key, path: paths[i]! })),
          ctx,
          files,
        );
        if (args.options.has('json'))
          lines[i] = JSON.stringify({ file: shown(input, ctx.cwd), operator: operator.idname, ...metrics });
        else
          ctx.stderr.write(
            `${shown(input, ctx.cwd)}: ${operator.label} done${plan ? ` → ${shown(plan.outputs[i]!, ctx.cwd)}` : ''}\n`,
          );
      } catch (error) {
        failures++;
        ctx.stderr.write(`${shown(input, ctx.cwd)}: ${messageOf(error)}\n`);
      }
    });
    for (const line of lines) if (line !== undefined) ctx.stdout.write(`${line}\n`);
    return failures > 0 ? 1 : 0;
  },
};

/** poll → prepare → job on the pool → apply (one Command) → write; returns the operator's metrics. */
async function runOnFile(
  operator: AnyOperator,
  props: Props<PropSpecs>,
  input: string,
  output: { path: string; format: Parameters<typeof writeModelFile>[2] } | null,
  artifactOutputs: { key: string; path: string }[],
  ctx: CliContext,
  files: Record<string, Uint8Array>,
): Promise<Record<string, unknown>> {
  const model = await readModelFile(input);
  const scene = modelToScene(model);
  const meshes: Object3D[] = [];
  scene.traverse((object) => {
    if (object instanceof ThreeMesh) meshes.push(object);
  });
  if (meshes.length === 0) throw new InputError('the file has no mesh');
  const opContext: OperatorContext = {
    object: meshes[0]!,
    selection: meshes,
    host: new HeadlessSceneHost(scene),
    files,
  };
  const failure = operator.poll(opContext);
  if (failure) {
    const fix = failure.fix
      ? ` (try: homeomorph run ${failure.fix.idname} … first — ${failure.fix.label})`
      : '';
    throw new InputError(`${operator.label}: ${failure.reason}${fix}`);
  }
  const { input: jobInput, transfer } = operator.prepare(opContext, props);
  const result = await runJob(ctx.pool(), operator.job, jobInput, props, transfer);
  operator.apply(opContext, result, props).execute();
  if (output) await writeModelFile(sceneToModel(scene, model.name), output.path, output.format);
  if (artifactOutputs.length > 0) {
    const artifacts = operator.artifacts?.(result) ?? {};
    for (const { key, path } of artifactOutputs) {
      const artifact = artifacts[key];
      if (!artifact) throw new InputError(`${operator.label} produced no ${key} file for this input`);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, artifact.bytes);
    }
  }
  return operator.metrics(result, props);
}

/** `--KEY PATH` for each file the operator can produce besides the scene. */
function artifactFlagSpecs(operator: AnyOperator): Record<string, { value: true }> {
  const specs: Record<string, { value: true }> = {};
  for (const key of Object.keys(operator.artifactFiles ?? {})) specs[key] = { value: true };
  for (const key of Object.keys(operator.inputFiles ?? {})) specs[key] = { value: true };
  return specs;
}

/** The bytes of each `--KEY PATH` input file the operator reads (a clear error when one is missing). */
async function readInputFiles(
  operator: AnyOperator,
  options: Map<string, string | true>,
  cwd: string,
): Promise<Record<string, Uint8Array>> {
  const files: Record<string, Uint8Array> = {};
  for (const key of Object.keys(operator.inputFiles ?? {})) {
    const value = options.get(key);
    if (value === undefined) continue;
    if (typeof value !== 'string') throw new UsageError(`--${key} needs a path`);
    try {
      files[key] = new Uint8Array(await readFile(resolve(cwd, value)));
    } catch (error) {
      throw new InputError(`--${key} ${value}: ${messageOf(error)}`);
    }
  }
  return files;
}

/**
 * Where each requested artifact goes, per input: the given path for one input; for several, the path
 * is a folder and each input's file is named after it (spot.obj → DIR/spot.onnx).
 */
function planArtifacts(
  operator: AnyOperator,
  options: Map<string, string | true>,
  inputs: string[],
  cwd: string,
): { key: string; paths: string[] }[] {
  const targets: { key: string; paths: string[] }[] = [];
  for (const key of Object.keys(operator.artifactFiles ?? {})) {
    const value = options.get(key);
    if (value === undefined) continue;
    if (typeof value !== 'string') throw new UsageError(`--${key} needs a path`);
    const target = resolve(cwd, value);
    const paths =
      inputs.length === 1
        ? [target]
        : inputs.map((input) => join(target, `${basename(input, extname(input))}.${key}`));
    targets.push({ key, paths });
  }
  return targets;
}

function operatorList(): string {
  if (operators.length === 0) return '  (none registered in this build)';
  const width = Math.max(...operators.map((op) => op.idname.length));
  return operators.map((op) => `  ${op.idname.padEnd(width)}  ${op.label} — ${op.description}`).join('\n');
}

function operatorHelp(operator: AnyOperator): string {
  return `Usage: homeomorph run ${operator.idname} IN… [-o OUT|DIR] [--json] [options]

${operator.label} (${operator.category}): ${operator.description}

Options:
${describeProps(operator.props)}${artifactHelp(operator)}`;
}

function artifactHelp(operator: AnyOperator): string {
  const written = Object.entries(operator.artifactFiles ?? {}).map(
    ([key, what]) => `  --${key} PATH  write ${what}`,
  );
  const read = Object.entries(operator.inputFiles ?? {}).map(
    ([key, what]) => `  --${key} PATH  read ${what}`,
  );
  if (written.length + read.length === 0) return '';
  return `\n\nFiles besides the scene:\n${[...read, ...written].join('\n')}`;
}
