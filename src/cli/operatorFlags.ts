import { parseProp, resolveProps, type PropSpec, type PropSpecs } from '../core/plugin/PropSpec';
import { kebabCase, UsageError, type OptionSpec } from './args';

/**
 * An operator's props as command-line flags: `--name VALUE` for numbers, enums and text, `--name` /
 * `--no-name` / `--name=false` for booleans. Names are accepted as declared (`maxSteps`) and in
 * kebab-case (`--max-steps`).
 */
export function propFlagSpecs(props: PropSpecs): {
  specs: Record<string, OptionSpec>;
  propOfFlag: Map<string, string>;
} {
  const specs: Record<string, OptionSpec> = {};
  const propOfFlag = new Map<string, string>();
  for (const [name, spec] of Object.entries(props)) {
    for (const flag of new Set([name, kebabCase(name)])) {
      specs[flag] = { value: spec.type !== 'bool' };
      propOfFlag.set(flag, name);
      if (spec.type === 'bool') {
        specs[`no-${flag}`] = {};
        propOfFlag.set(`no-${flag}`, name);
      }
    }
  }
  return { specs, propOfFlag };
}

/** The prop values given on the command line, parsed and validated against the specs (UsageError). */
export function propsFromFlags(
  props: PropSpecs,
  options: Map<string, string | true>,
  propOfFlag: Map<string, string>,
) {
  const values: Record<string, unknown> = {};
  for (const [flag, raw] of options) {
    const name = propOfFlag.get(flag);
    if (!name) continue;
    const spec = props[name]!;
    try {
      const negated = flag !== name && flag !== kebabCase(name); // --no-NAME
      const value =
        raw === true && spec.type === 'bool' ? true : parseProp(name, spec, raw === true ? '' : raw);
      values[name] = negated ? !value : value;
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
  }
  try {
    return resolveProps(props, values);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** One help line per prop: flag, type, default, range/choices and help text. */
export function describeProps(props: PropSpecs, indent = '  '): string {
  const rows = Object.entries(props).map(([name, spec]) => [flagOf(name, spec), describeSpec(spec)] as const);
  if (rows.length === 0) return `${indent}(no options)`;
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return rows.map(([flag, text]) => `${indent}${flag.padEnd(width)}  ${text}`).join('\n');
}

function flagOf(name: string, spec: PropSpec): string {
  const flag = kebabCase(name);
  switch (spec.type) {
    case 'bool':
      return `--[no-]${flag}`;
    case 'enum':
      return `--${flag} ${spec.items.map(([id]) => id).join('|')}`;
    case 'string':
      return `--${flag} TEXT`;
    case 'int':
      return `--${flag} N`;
    default:
      return `--${flag} X`;
  }
}

function describeSpec(spec: PropSpec): string {
  const label = spec.help ?? spec.label ?? '';
  const range =
    (spec.type === 'float' || spec.type === 'int') && (spec.min !== undefined || spec.max !== undefined)
      ? ` [${spec.min ?? '-∞'} … ${spec.max ?? '∞'}]`
      : '';
  const items =
    spec.type === 'enum' ? ` (${spec.items.map(([id, text]) => `${id}: ${text}`).join('; ')})` : '';
  return `${label}${label ? ' ' : ''}(${spec.type}, default ${JSON.stringify(spec.default)})${range}${items}`;
}
