import { InputError } from '../plugin/Job';

/**
 * A file that cannot be read: the message names the file and the problem
 * ("spot.obj: line 812: face index 99999 is out of range (1…11533)"). It is an InputError, so the CLI
 * exits with code 1 and the editor shows the message instead of a crash report.
 */
export class FileError extends InputError {
  constructor(
    readonly fileName: string,
    readonly problem: string,
  ) {
    super(`${fileName}: ${problem}`);
    this.name = 'FileError';
  }
}
