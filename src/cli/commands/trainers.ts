import type { CliCommand } from '../CliContext';
import { evalMeshcnnCommand } from './evalMeshcnn';
import { trainMeshcnnCommand } from './trainMeshcnn';

/**
 * Models that `homeomorph train NAME` / `homeomorph eval NAME` know, by name ('meshcnn'). A plugin
 * that trains adds its entries here (one line each); `run` stays for operators.
 */
export const trainers: Record<string, Pick<CliCommand, 'summary' | 'help' | 'run'>> = {
  meshcnn: trainMeshcnnCommand,
};
export const evaluators: Record<string, Pick<CliCommand, 'summary' | 'help' | 'run'>> = {
  meshcnn: evalMeshcnnCommand,
};
