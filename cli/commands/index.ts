/** Every command of the CLI. Adding one is a file in this folder and a line here. */
import { checkCommand } from './check';
import { compileCommand } from './compile';
import { exploreCommand } from './explore';
import { exportCommand } from './export';
import { lessonCommand } from './lesson';
import { lessonsCommand } from './lessons';
import { runCommand } from './run';
import { traceCommand } from './trace';
import type { Command } from './types';

export const COMMANDS: Command[] = [checkCommand, runCommand, exploreCommand, traceCommand, exportCommand, lessonsCommand, lessonCommand, compileCommand];
