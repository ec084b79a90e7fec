import { Sphere, Vector3, type Box3, type PerspectiveCamera } from 'three';
import { CONTAINED, INTERSECTED, NOT_INTERSECTED, type ExtendedTriangle, type MeshBVH } from 'three-mesh-bvh';

const sphere = new Sphere();
const corner = new Vector3();

/** Whether every corner of the box lies inside the sphere (then all its triangles do). */
function boxInside(box: Box3, s: Sphere): boolean {
  const r2 = s.radius * s.radius;
  for (let i = 0; i < 8; i++) {
    corner.set(i & 1 ? box.max.x : box.min.x, i & 2 ? box.max.y : box.min.y, i & 4 ? box.max.z : box.min.z);
    if (corner.distanceToSquared(s.center) > r2) return false;
  }
  return true;
}

/**
 * The faces of a mesh that touch a ball (the brush), in the geometry's own face numbering: the BVH is
 * built `indirect`, and three-mesh-bvh hands shapecast the resolved (original) triangle index.
 * `center` and `radius` are in the mesh's local space. @returns face indices, appended to `out`
 */
export function facesInSphere(bvh: MeshBVH, center: Vector3, radius: number, out: number[] = []): number[] {
  sphere.set(center, radius);
  bvh.shapecast({
    intersectsBounds: (box: Box3) =>
      !sphere.intersectsBox(box) ? NOT_INTERSECTED : boxInside(box, sphere) ? CONTAINED : INTERSECTED,
    intersectsTriangle: (triangle: ExtendedTriangle, index: number, contained: boolean) => {
      if (contained || triangle.intersectsSphere(sphere)) out.push(index);
      return false;
    },
  });
  return out;
}

/**
 * World size of one CSS pixel at `point` seen by a perspective camera in a view `heightPx` tall:
 * turns a brush radius in screen pixels into world units at the depth where the brush touches.
 */
export function worldPerPixel(camera: PerspectiveCamera, point: Vector3, heightPx: number): number {
  const forward = camera.getWorldDirection(new Vector3());
  const depth = Math.max(camera.near, new Vector3().subVectors(point, camera.position).dot(forward));
  return (2 * depth * Math.tan((camera.fov * Math.PI) / 360)) / (camera.zoom * Math.max(1, heightPx));
}

/**
 * Points from `from` (exclusive) to `to` (inclusive) at most `spacing` apart, so a fast drag, whose
 * pointer events lie far apart, still paints a continuous stroke. Flat [x0, y0, x1, y1, …].
 */
export function strokeSamples(
  fromX: number,
  fromY: number,
  toX: number,
  toY: number,
  spacing: number,
): number[] {
  const length = Math.hypot(toX - fromX, toY - fromY);
  const steps = Math.max(1, Math.ceil(length / Math.max(1, spacing)));
  const out: number[] = [];
  for (let i = 1; i <= steps; i++)
    out.push(fromX + ((toX - fromX) * i) / steps, fromY + ((toY - fromY) * i) / steps);
  return out;
}
