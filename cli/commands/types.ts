/** The shape of a `wdkm` command: one file per command in cli/commands/, listed in commands/index.ts. */

export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  readFile: (path: string) => string | undefined;
}

export interface Command {
  name: string;
  /** One line for `wdkm --help`. */
  summary: string;
  usage: string;
  /** Runs with the arguments after the command name; returns the exit code. */
  run: (args: string[], io: CliIO) => number;
}

/** Exit codes: 0 success, 2 for errors in the input or the command line. */
export const EXIT_OK = 0;
export const EXIT_ERROR = 2;
