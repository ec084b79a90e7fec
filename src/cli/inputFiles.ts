import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { READABLE_EXTENSIONS } from '../core/io/formats';
import { UsageError } from './args';

/**
 * Expands the command line's inputs: glob patterns (quoted, for shells that do not expand them, e.g.
 * 'data/*.obj'), folders (their model files, not recursive) and plain paths, in order, each once.
 * A plain path that does not exist is a UsageError; a pattern that matches nothing too.
 */
export async function expandInputs(inputs: readonly string[], cwd: string): Promise<string[]> {
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (path: string): void => {
    const full = isAbsolute(path) ? path : resolve(cwd, path);
    if (!seen.has(full)) {
      seen.add(full);
      out.push(full);
    }
  };
  for (const input of inputs) {
    if (existsSync(resolve(cwd, input))) {
      const full = resolve(cwd, input);
      if (statSync(full).isDirectory()) {
        const files = await glob(`*.{${READABLE_EXTENSIONS.join(',')}}`, {
          cwd: full,
          absolute: true,
          caseSensitiveMatch: false,
        });
        files.sort().forEach(add);
      } else add(full);
    } else if (isDynamicPattern(input)) {
      const files = await glob(input, { cwd, absolute: true, onlyFiles: true });
      if (files.length === 0) throw new UsageError(`no files match ${input}`);
      files.sort().forEach(add);
    } else {
      throw new UsageError(`no such file: ${input}`);
    }
  }
  return out;
}
