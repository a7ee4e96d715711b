/** The shape of a `wdkm` command: one file per command in cli/commands/, listed in commands/index.ts. */

export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  readFile: (path: string) => string | undefined;
  /** Writes a file; throws (with a message for the user) when it cannot. */
  writeFile: (path: string, data: string | Uint8Array) => void;
  /** Writes a file line by line as the lines are made, so a large trace is never one string in memory. */
  writeLines: (path: string, lines: Iterable<string>) => void;
}

export interface Command {
  name: string;
  /** One line for `wdkm --help`. */
  summary: string;
  usage: string;
  /** Commands for the project's own tests and tools: left out of `wdkm --help`. */
  internal?: boolean;
  /** Runs with the arguments after the command name; returns the exit code. */
  run: (args: string[], io: CliIO) => number | Promise<number>;
}

/** Exit codes: 0 success, 1 a run that did not succeed, 2 for errors in the input or the command line. */
export const EXIT_OK = 0;
export const EXIT_FAIL = 1;
export const EXIT_ERROR = 2;
