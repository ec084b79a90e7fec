/**
 * Why a name cannot name a saved model, or null when it can. Names become file names on the desktop
 * (`<userData>/models/NAME.hmcn`), so they are kept to letters, digits, space, '-', '_' and '.', not
 * starting with a dot or a space.
 */
export function modelNameProblem(name: string): string | null {
  if (name.trim() === '') return 'give the model a name';
  if (name.length > 64) return 'a model name has at most 64 characters';
  if (!/^[\p{L}\p{N}_-][\p{L}\p{N} _.-]*$/u.test(name))
    return `"${name}" cannot name a model: use letters, digits, spaces, "-", "_" and "." (not first)`;
  if (name !== name.trim()) return 'a model name cannot end with a space';
  return null;
}
