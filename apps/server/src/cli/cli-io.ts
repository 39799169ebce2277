export interface CliIo {
  out(line: string): void;
  /** Prints to stderr and returns the exit code 1, so commands can `return io.fail(…)`. */
  fail(message: string): number;
  readSecret(): Promise<string>;
  /** Rewrites the current status line on a terminal; absent where progress is not shown. */
  progress?(line: string): void;
}
