/**
 * Declared properties of an operator. One declaration drives the editor's panel (lil-gui),
 * the CLI's flags (`--name value`) and saved presets.
 */
export type PropSpec =
  | {
      type: 'float';
      default: number;
      min?: number;
      max?: number;
      step?: number;
      label?: string;
      help?: string;
    }
  | { type: 'int'; default: number; min?: number; max?: number; step?: number; label?: string; help?: string }
  | { type: 'bool'; default: boolean; label?: string; help?: string }
  | { type: 'enum'; default: string; items: [id: string, label: string][]; label?: string; help?: string }
  | { type: 'string'; default: string; label?: string; help?: string };

export type PropSpecs = Record<string, PropSpec>;

/** The value type of one spec. */
export type PropValue<P extends PropSpec> = P extends { type: 'bool' }
  ? boolean
  : P extends { type: 'enum' | 'string' }
    ? string
    : number;

/** The values of a set of specs, e.g. `{ steps: number; centre: boolean }`. */
export type Props<S extends PropSpecs> = { [K in keyof S]: PropValue<S[K]> };

export function defaultProps<S extends PropSpecs>(specs: S): Props<S> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) out[name] = spec.default;
  return out as Props<S>;
}

/** Checks one value against its spec; returns the reason it is invalid, or null. */
export function validateProp(name: string, spec: PropSpec, value: unknown): string | null {
  switch (spec.type) {
    case 'float':
    case 'int': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `${name} must be a finite number`;
      if (spec.type === 'int' && !Number.isInteger(value)) return `${name} must be an integer`;
      if (spec.min !== undefined && value < spec.min) return `${name} must be ≥ ${spec.min}`;
      if (spec.max !== undefined && value > spec.max) return `${name} must be ≤ ${spec.max}`;
      return null;
    }
    case 'bool':
      return typeof value === 'boolean' ? null : `${name} must be true or false`;
    case 'enum':
      return spec.items.some(([id]) => id === value)
        ? null
        : `${name} must be one of ${spec.items.map(([id]) => id).join(', ')}`;
    case 'string':
      return typeof value === 'string' ? null : `${name} must be text`;
  }
}

/** Parses a command-line string into a value of the spec's type; throws with a clear message. */
export function parseProp(name: string, spec: PropSpec, text: string): PropValue<PropSpec> {
  let value: unknown;
  switch (spec.type) {
    case 'float':
    case 'int':
      value = text.trim() === '' ? NaN : Number(text);
      break;
    case 'bool':
      if (['true', '1', 'yes', 'on'].includes(text.toLowerCase())) value = true;
      else if (['false', '0', 'no', 'off'].includes(text.toLowerCase())) value = false;
      else value = text;
      break;
    default:
      value = text;
  }
  const problem = validateProp(name, spec, value);
  if (problem) throw new Error(problem);
  return value as PropValue<PropSpec>;
}

/** Merges partial values over the defaults and validates all of them. */
export function resolveProps<S extends PropSpecs>(
  specs: S,
  values: Partial<Record<keyof S, unknown>>,
): Props<S> {
  const out = defaultProps(specs) as Record<string, unknown>;
  for (const [name, value] of Object.entries(values)) {
    const spec = specs[name];
    if (!spec) throw new Error(`unknown property: ${name}`);
    if (value === undefined) continue;
    const problem = validateProp(name, spec, value);
    if (problem) throw new Error(problem);
    out[name] = value;
  }
  return out as Props<S>;
}
