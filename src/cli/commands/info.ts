import { runJob } from '../../core/jobs/runJob';
import { parseArgs, UsageError } from '../args';
import type { CliCommand } from '../CliContext';
import { count, mapLimited, messageOf, shown } from '../format';
import { expandInputs } from '../inputFiles';
import type { FileReport } from '../jobs/inspectFileJob';

const USAGE = 'homeomorph info FILE… [--json]';

export const infoCommand: CliCommand = {
  name: 'info',
  summary: 'inspect meshes: counts, boundaries, non-manifold parts, components, genus',
  help: () => `Usage: ${USAGE}

Reads each file (OBJ, glTF/GLB, PLY, STL, OFF; globs and folders allowed) and reports its mesh:
vertices, faces, edges, components, boundary edges and loops, non-manifold edges and vertices,
inconsistent orientation, degenerate and duplicate faces, unused vertices, Euler characteristic,
genus (only for one closed, manifold, orientable piece) and bounding box. All meshes of a file are
inspected together. Files are read in parallel on the worker pool.

Options:
  --json    one JSON object per file and line: file, meshes, vertices, faces, edges, components,
            boundaryEdges, boundaryLoops, nonManifoldEdges, nonManifoldVertices, pinchedVertices,
            inconsistentEdges, orientable, degenerateFaces, duplicateFaces, unusedVertices,
            eulerCharacteristic, closed, manifold, genus (null unless closed and manifold), bbox

Examples:
  homeomorph info spot.obj
  homeomorph info 'meshes/*.obj' --json | jq .genus`,

  async run(argv, ctx) {
    const args = parseArgs(argv, { json: {} });
    if (args.positionals.length === 0) throw new UsageError('no input files');
    const files = await expandInputs(args.positionals, ctx.cwd);
    const json = args.options.has('json');
    let failures = 0;
    // Results print in input order as soon as every earlier file is done.
    const ready: (string | null)[] = [];
    let printed = 0;
    const flush = (): void => {
      while (printed < files.length && ready[printed] !== undefined) {
        const text = ready[printed++];
        if (text !== null) ctx.stdout.write(text);
      }
    };
    await mapLimited(files, ctx.pool().size * 2, async (file, index) => {
      try {
        const report = await runJob<FileReport>(ctx.pool(), 'cli.inspect_file', { path: file }, {});
        ready[index] = json
          ? `${JSON.stringify({ ...report, file: shown(file, ctx.cwd) })}\n`
          : describe(report, shown(file, ctx.cwd));
      } catch (error) {
        failures++;
        ready[index] = null;
        ctx.stderr.write(`${shown(file, ctx.cwd)}: ${messageOf(error)}\n`);
      }
      flush();
    });
    return failures > 0 ? 1 : 0;
  },
};

/** The human-readable report. */
function describe(r: FileReport, name: string): string {
  const yes = (b: boolean): string => (b ? 'yes' : 'no');
  const f = (n: number): string => Number(n.toPrecision(6)).toString();
  const lines = [
    `${name}${r.meshes > 1 ? ` (${r.meshes} meshes)` : ''}`,
    `  vertices ${count(r.vertices)}   faces ${count(r.faces)}   edges ${count(r.edges)}   components ${count(r.components)}`,
    `  boundary edges ${count(r.boundaryEdges)} in ${count(r.boundaryLoops)} loops   non-manifold edges ${count(r.nonManifoldEdges)}   non-manifold vertices ${count(r.nonManifoldVertices)} (${count(r.pinchedVertices)} pinched)`,
    `  inconsistent edges ${count(r.inconsistentEdges)}   degenerate faces ${count(r.degenerateFaces)}   duplicate faces ${count(r.duplicateFaces)}   unused vertices ${count(r.unusedVertices)}`,
    `  closed ${yes(r.closed)}   manifold ${yes(r.manifold)}   orientable ${yes(r.orientable)}   Euler characteristic ${r.eulerCharacteristic}   genus ${r.genus ?? '– (not one closed manifold piece)'}`,
    `  bounding box [${r.bbox.min.map(f).join(', ')}] – [${r.bbox.max.map(f).join(', ')}]`,
    ...r.warnings.map((w) => `  warning: ${w}`),
  ];
  return `${lines.join('\n')}\n`;
}
