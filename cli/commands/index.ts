/** Every command of the CLI. Adding one is a file in this folder and a line here. */
import { checkCommand } from './check';
import { exportCommand } from './export';
import type { Command } from './types';

export const COMMANDS: Command[] = [checkCommand, exportCommand];
