import {
  BufferAttribute,
  BufferGeometry,
  Color,
  Group,
  Mesh,
  MeshStandardMaterial,
  type Object3D,
} from 'three';
import { AddObjectCommand } from '../../core/commands/AddObjectCommand';
import type { Command } from '../../core/commands/Command';
import { MultiCommand } from '../../core/commands/MultiCommand';
import { pollTriangleInput, prepareTriangleInput } from '../triangleInput';
import type { Operator, OperatorArtifact, OperatorContext, PollFailure } from '../Operator';
import { NEURAL_PARTS_VERSION, neuralPartsRefusal } from './job';
import { neuralPartsProps, type NeuralPartsProps } from './props';
import type { NeuralPartsInput, NeuralPartsOutput, NeuralPartsPreview } from './types';

/** Part colour m of M: evenly spaced hues, so neighbouring indices differ clearly. */
export function partColor(m: number): Color {
  return new Color().setHSL((m * 0.618034) % 1, 0.6, 0.55);
}

function coloredMesh(
  positions: Float32Array,
  indices: Uint32Array,
  color: Color,
  name: string,
  opacity = 1,
): Mesh {
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(positions, 3));
  geometry.setIndex(new BufferAttribute(indices, 1));
  geometry.computeVertexNormals();
  const material = new MeshStandardMaterial({ color, roughness: 0.6, transparent: opacity < 1, opacity });
  const mesh = new Mesh(geometry, material);
  mesh.name = name;
  return mesh;
}

/** The live view of one run: a group of primitive meshes updated in place from each preview. */
const liveViews = new WeakMap<Object3D, { group: Group; handle: { clear(): void } }>();

export const neuralPartsOperator: Operator<typeof neuralPartsProps, NeuralPartsInput, NeuralPartsOutput> = {
  idname: 'mesh.neural_parts',
  label: 'Decompose into Neural Parts',
  description:
    'Fits N primitives — spheres deformed by one conditional invertible network (Neural Parts, Paschalidou et al. 2021) — to the mesh, adds each primitive as a closed mesh and splits the original mesh into the parts they cover.',
  category: 'Decompose into Neural Parts',
  props: neuralPartsProps,
  job: 'mesh.neural_parts',
  artifactFiles: { onnx: "the primitives' conditional invertible network as an ONNX model" },

  poll(ctx: OperatorContext): PollFailure | null {
    return pollTriangleInput(ctx.object, neuralPartsRefusal);
  },

  prepare(ctx: OperatorContext) {
    return prepareTriangleInput(ctx.object);
  },

  apply(ctx: OperatorContext, output: NeuralPartsOutput, props: NeuralPartsProps): Command {
    const source = ctx.object!;
    const name = source.name || 'Mesh';
    const userData = {
      plugin: 'mesh.neural_parts',
      props: { ...props },
      version: NEURAL_PARTS_VERSION,
      metrics: neuralPartsOperator.metrics(output, props),
    };
    const placeLike = (o: Object3D): void => {
      o.position.copy(source.position);
      o.quaternion.copy(source.quaternion);
      o.scale.copy(source.scale);
    };
    const primitives = new Group();
    primitives.name = `${name} primitives`;
    placeLike(primitives);
    primitives.userData = userData;
    output.primitives.forEach((p, m) => {
      const mesh = coloredMesh(p.positions, p.indices, partColor(m), `${name} primitive ${m + 1}`);
      mesh.userData = { plugin: 'mesh.neural_parts', role: 'primitive', ...output.metrics.perPart[m] };
      primitives.add(mesh);
    });
    const parts = new Group();
    parts.name = `${name} parts`;
    placeLike(parts);
    parts.userData = userData;
    for (const p of output.parts) {
      const mesh = coloredMesh(
        p.positions,
        p.indices,
        partColor(p.primitive),
        `${name} part ${p.primitive + 1}`,
      );
      mesh.userData = { plugin: 'mesh.neural_parts', role: 'part', ...output.metrics.perPart[p.primitive] };
      parts.add(mesh);
    }
    const parent = source.parent ?? ctx.host.scene;
    return new MultiCommand(`Neural Parts of ${name}`, [
      new AddObjectCommand(ctx.host, primitives, parent),
      new AddObjectCommand(ctx.host, parts, parent),
    ]);
  },

  metrics(output: NeuralPartsOutput): Record<string, unknown> {
    return { ...output.metrics, normalisation: output.normalisation };
  },

  livePreview(ctx: OperatorContext, preview: unknown) {
    const view = preview as Partial<NeuralPartsPreview> | null;
    const source = ctx.object;
    if (
      !source ||
      !view ||
      !(view.positions instanceof Float32Array) ||
      !(view.indices instanceof Uint32Array) ||
      !view.primitives
    )
      return;
    let live = liveViews.get(source);
    const perPrimitive = view.positions.length / view.primitives;
    if (!live || live.group.children.length !== view.primitives) {
      live?.handle.clear();
      const group = new Group();
      group.name = `${source.name || 'Mesh'} primitives (fitting…)`;
      group.position.copy(source.position);
      group.quaternion.copy(source.quaternion);
      group.scale.copy(source.scale);
      for (let m = 0; m < view.primitives; m++) {
        group.add(
          coloredMesh(
            view.positions.slice(m * perPrimitive, (m + 1) * perPrimitive),
            view.indices,
            partColor(m),
            `primitive ${m + 1}`,
            0.7,
          ),
        );
      }
      const handle = {
        clear: () => {
          if (liveViews.get(source)?.group !== group) return;
          liveViews.delete(source);
          ctx.host.removeObject(group);
          group.children.forEach((c) => (c as Mesh).geometry.dispose());
        },
      };
      live = { group, handle };
      liveViews.set(source, live);
      ctx.host.addObject(group, source.parent ?? ctx.host.scene);
      return handle;
    }
    live.group.children.forEach((child, m) => {
      const mesh = child as Mesh;
      const attribute = mesh.geometry.getAttribute('position') as BufferAttribute;
      (attribute.array as Float32Array).set(
        view.positions!.subarray(m * perPrimitive, (m + 1) * perPrimitive),
      );
      attribute.needsUpdate = true;
      mesh.geometry.computeVertexNormals();
      mesh.geometry.computeBoundingSphere();
      ctx.host.geometryChanged(mesh);
    });
    return live.handle;
  },

  artifacts(output: NeuralPartsOutput): Record<string, OperatorArtifact> {
    return {
      onnx: {
        bytes: output.onnx,
        extension: '.onnx',
        mediaType: 'application/octet-stream',
        description:
          'the fitted primitives: sphere points [N,3] → primitive_m [N,3] in normalised coordinates (metadata: centre, scale)',
      },
    };
  },
};
