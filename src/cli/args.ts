/** A mistake in how the command was called (exit code 2, with the command's usage). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** How a command's options are declared: `--name value` options and `--name` switches. */
export interface OptionSpec {
  /** Takes a value (`-o out.glb`, `--format=obj`); otherwise a switch (`--json`). */
  value?: boolean;
  /** One-letter alias, e.g. 'o'. */
  short?: string;
}

export interface ParsedArgs {
  positionals: string[];
  /** Options and switches by name: values are strings, switches true. */
  options: Map<string, string | true>;
}

/**
 * Splits argv into positionals and options. Accepts `--name value`, `--name=value`, `-o value`,
 * switches, and `--` (everything after it is positional). `allowUnknown` keeps unknown `--name value`
 * pairs (a value is taken when the next word is not an option) for commands whose options come from
 * elsewhere, like an operator's props; otherwise an unknown option is a UsageError.
 */
export function parseArgs(
  argv: readonly string[],
  specs: Record<string, OptionSpec>,
  allowUnknown = false,
): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  const byShort = new Map(
    Object.entries(specs).flatMap(([name, spec]) => (spec.short ? [[spec.short, name]] : [])),
  );
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!word.startsWith('-') || word === '-' || /^-\d/.test(word)) {
      positionals.push(word);
      continue;
    }
    const long = word.startsWith('--');
    const body = word.slice(long ? 2 : 1);
    const eq = body.indexOf('=');
    const rawName = eq >= 0 ? body.slice(0, eq) : body;
    const name = long ? rawName : byShort.get(rawName);
    if (!name) throw new UsageError(`unknown option: ${word}`);
    const spec = specs[name];
    if (!spec && !allowUnknown) throw new UsageError(`unknown option: --${name}`);
    const takesValue = spec ? spec.value === true : eq >= 0 || isValue(argv[i + 1]);
    if (!takesValue) {
      // A switch may still be spelled `--smooth=false`; the command interprets the text.
      options.set(name, eq >= 0 ? body.slice(eq + 1) : true);
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = body.slice(eq + 1);
    else if (i + 1 < argv.length) value = argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    options.set(name, value);
  }
  return { positionals, options };
}

/** A word that can be an option's value: not an option itself (negative numbers are values). */
function isValue(word: string | undefined): word is string {
  return word !== undefined && (!word.startsWith('-') || /^-\d|^-\.\d/.test(word));
}

/** 'maxSteps' → 'max-steps', the spelling flags use. */
export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/_/g, '-')
    .toLowerCase();
}
