import type { CliCommand } from '../CliContext';
import { benchCommand } from './bench';
import { convertCommand } from './convert';
import { infoCommand } from './info';
import { modelCommand } from './modelCommand';
import { runCommand } from './run';
import { evaluators, trainers } from './trainers';

/** Every `homeomorph` command, in the order --help lists them. Add a command: one file, one line here. */
export const commands: CliCommand[] = [
  infoCommand,
  convertCommand,
  runCommand,
  modelCommand('train', 'train a model (e.g. train meshcnn)', trainers),
  modelCommand('eval', 'evaluate a trained model (e.g. eval meshcnn)', evaluators),
  benchCommand,
];
