import { basename } from 'node:path';
import { runJob } from '../../core/jobs/runJob';
import { parseArgs, UsageError } from '../args';
import type { CliCommand } from '../CliContext';
import { bytes, count, mapLimited, messageOf, shown } from '../format';
import { expandInputs } from '../inputFiles';
import type { ConvertFileInput, ConvertFileResult } from '../jobs/convertFileJob';
import { planOutputs } from '../outputPaths';
import { ProgressBar } from '../progressBar';

const USAGE = 'homeomorph convert IN… -o OUT|DIR [--format glb|obj|ply|stl]';

export const convertCommand: CliCommand = {
  name: 'convert',
  summary: 'convert model files between formats, many at once on all cores',
  help: () => `Usage: ${USAGE}

Reads OBJ (+MTL, textures), glTF/GLB, PLY, STL and OFF; writes GLB (default; keeps custom
attributes and userData), OBJ, PLY or STL. Inputs may be files, folders and quoted globs. Files are
converted in parallel on a pool of worker threads (one per core); a file that fails is reported and
the others continue. A progress bar is shown on a terminal, and a summary line at the end.

Options:
  -o, --output OUT   an output file (one input) or a folder (created if needed; results are
                     FOLDER/NAME.FORMAT)
  --format FORMAT    glb, obj, ply or stl (default: the output file's extension, else glb)
  --quiet            no summary line

Examples:
  homeomorph convert bunny.ply -o bunny.glb
  homeomorph convert 'human_seg/train/*.obj' -o glb/ --format glb`,

  async run(argv, ctx) {
    const args = parseArgs(argv, { output: { value: true, short: 'o' }, format: { value: true }, quiet: {} });
    const out = args.options.get('output');
    if (args.positionals.length === 0) throw new UsageError('no input files');
    if (typeof out !== 'string') throw new UsageError('missing -o OUT (a file or a folder)');
    const format = args.options.get('format');
    const inputs = await expandInputs(args.positionals, ctx.cwd);
    const plan = planOutputs(inputs, out, ctx.cwd, typeof format === 'string' ? format : undefined);
    const pool = ctx.pool();
    const bar = new ProgressBar(ctx.stderr, inputs.length, 'converting');
    let failed = 0;
    let bytesOut = 0;
    let faces = 0;
    await mapLimited(inputs, pool.size * 2, async (input, i) => {
      const job: ConvertFileInput = { input, output: plan.outputs[i]!, format: plan.format };
      try {
        const result = await runJob<ConvertFileResult>(pool, 'cli.convert_file', job, {});
        bytesOut += result.bytesOut;
        faces += result.faces;
        for (const warning of result.warnings) bar.log(`${shown(input, ctx.cwd)}: warning: ${warning}`);
        bar.tick(true, basename(input));
      } catch (error) {
        failed++;
        bar.log(`${shown(input, ctx.cwd)}: ${messageOf(error)}`);
        bar.tick(false, basename(input));
      }
    });
    const seconds = bar.finish();
    if (!args.options.has('quiet')) {
      const ok = inputs.length - failed;
      const rate = seconds > 0 ? (ok / seconds).toFixed(1) : '–';
      const failures = failed ? `, ${failed} failed` : '';
      ctx.stdout.write(
        `converted ${count(ok)} of ${count(inputs.length)} files to ${plan.format.toUpperCase()} (${count(faces)} faces, ${bytes(bytesOut)}) in ${seconds.toFixed(2)} s — ${rate} files/s on ${pool.size} worker${pool.size === 1 ? '' : 's'}${failures}\n`,
      );
    }
    return failed > 0 ? 1 : 0;
  },
};
