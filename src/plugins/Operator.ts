import type { Object3D } from 'three';
import type { Command } from '../core/commands/Command';
import type { SceneHost } from '../core/commands/SceneHost';
import type { Props, PropSpecs } from '../core/plugin/PropSpec';
import type { ResultView } from './ResultView';

/** What an operator sees of the editor (or of the CLI's headless scene). */
export interface OperatorContext {
  /** The active object, if any: the one the panel acts on. */
  readonly object: Object3D | null;
  /** All selected objects (the active one included). */
  readonly selection: readonly Object3D[];
  readonly host: SceneHost;
  /** Files given to this run by key (see Operator.inputFiles): the CLI's `--KEY PATH`, read as bytes. */
  readonly files?: Readonly<Record<string, Uint8Array>>;
}

/** A file a run produced besides the scene (an ONNX model…): the CLI writes it where `--KEY PATH` says. */
export interface OperatorArtifact {
  bytes: Uint8Array;
  /** e.g. '.onnx' */
  extension: string;
  mediaType: string;
  description: string;
}

/** Why an operator cannot run, and optionally an operator that would fix it ("try Repair"). */
export interface PollFailure {
  reason: string;
  fix?: { idname: string; label: string; props?: Record<string, unknown> };
}

/**
 * A plugin operation, after Blender's operators: declared props become the panel and the CLI flags;
 * `poll` says whether it can run; `prepare` turns the scene into transferable job input on the
 * caller's side; the named `job` runs in a worker host; `apply` turns its output into one Command.
 */
export interface Operator<S extends PropSpecs = PropSpecs, I = unknown, O = unknown> {
  /** 'mesh.spherical_parametrize' */
  readonly idname: `${string}.${string}`;
  readonly label: string;
  readonly description: string;
  /** The panel (plugin) it belongs to, e.g. 'Inspect & Repair'. */
  readonly category: string;
  readonly props: S;
  /** The job to run, a key of the job registry (src/plugins/jobs.ts). */
  readonly job: string;
  /** null when runnable, else why not (shown greyed out in the panel; CLI exit code 1). */
  poll(ctx: OperatorContext): PollFailure | null;
  prepare(ctx: OperatorContext, props: Props<S>): { input: I; transfer: ArrayBuffer[] };
  apply(ctx: OperatorContext, output: O, props: Props<S>): Command;
  /**
   * Files besides the scene that a run can produce, by key, with what each holds (shown in help).
   * `homeomorph run OP IN --KEY PATH` writes `artifacts(output)[KEY]` to PATH.
   */
  readonly artifactFiles?: Record<string, string>;
  artifacts?(output: O): Record<string, OperatorArtifact>;
  /**
   * Files a run can read besides the scene, by key, with what each is (shown in help):
   * `homeomorph run OP IN --KEY PATH` hands PATH's bytes to `prepare` as `ctx.files[KEY]`.
   */
  readonly inputFiles?: Record<string, string>;
  /** Figures to report (CLI `--json`, the panel's result view); plain JSON values. */
  metrics(output: O, props: Props<S>): Record<string, unknown>;
  /**
   * Optional live view while the job runs (primitives being fitted, a flow step): called with each
   * progress preview. It may show temporary objects outside the undo history and must remove them when
   * `clear` is called (job done, failed or cancelled). Generic panels also chart any numeric fields of
   * `preview.chart` (e.g. `{ chart: { loss: 0.01 } }`) without this hook.
   */
  livePreview?(ctx: OperatorContext, preview: unknown): { clear(): void } | void;
  /**
   * Optional view of a result this operator produced (recognised by its `userData.plugin`), shown
   * in the properties panel when that object is active: a live slider, images, a plot, figures and
   * exports (see ResultView). Null for objects it did not produce.
   */
  resultView?(object: Object3D, ctx: OperatorContext): ResultView | null;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOperator = Operator<PropSpecs, any, any>;
