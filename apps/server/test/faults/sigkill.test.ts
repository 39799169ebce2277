import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The chaos script itself (bench/chaos-kill.ts), two rounds: the server is killed with SIGKILL at a
// random moment of a mixed load, restarted, drained, and every payment, refund, order transition
// and webhook message is counted at Alma and at the agency's endpoint. The long runs are in
// bench/RESULTS.md; this keeps the script and what it checks working in CI.
const SCRIPT = fileURLToPath(new URL("../../../../bench/chaos-kill.ts", import.meta.url));

describe("kill -9 under load, then restart", () => {
  it("loses and doubles nothing over two rounds", async () => {
    const { code, output } = await run(["--rounds", "2", "--checkouts", "3"]);
    expect(output, output).toMatch(/^lost=0 doubled=0/m);
    expect(code).toBe(0);
    // Two round lines, each with its counts: the script really ran the rounds.
    expect(output.match(/^\s+\d+\s+\d+\/15\s+\d+\s+3\s+6\s+9\s+0\s+0\s+\d+\s+[\d.]+$/gm)).toHaveLength(2);
  }, 120_000);
});

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SCRIPT, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("exit", (code) => resolve({ code, output }));
  });
}
