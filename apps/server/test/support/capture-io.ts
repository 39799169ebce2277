import type { CliIo } from "../../src/cli/cli-io.ts";

/** A CLI's output and errors, captured; `secret` is what it reads from stdin. */
export function captureIo(secret = "") {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (line) => out.push(line),
    fail: (message) => {
      err.push(message);
      return 1;
    },
    readSecret: async () => secret,
  };
  return { io, out, err };
}
