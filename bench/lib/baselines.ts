import { fileURLToPath } from "node:url";
import { load } from "./load.ts";
import { spawnTarget } from "./spawn-target.ts";

export interface BaselineRow {
  name: string;
  requestsPerSecond: number;
  p99Ms: number;
  peakRssMiB: number;
}

const script = fileURLToPath(new URL("../targets/serve-baseline.ts", import.meta.url));

/**
 * The two references every benchmark prints, measured in the same run on the same machine: a raw
 * `node:http` handler and a bare Express 5 "hello" handler, each in its own process, driven as
 * fast as they answer.
 */
export async function measureBaselines(durationS = 4, connections = 32): Promise<BaselineRow[]> {
  const rows: BaselineRow[] = [];
  for (const kind of ["node-http", "express"] as const) {
    const target = await spawnTarget<{ url: string }>(script, [kind]);
    const result = await load({ url: target.info.url, durationS, connections });
    rows.push({
      name: kind === "express" ? "bare Express 5" : "raw node:http",
      requestsPerSecond: result.requestsPerSecond,
      p99Ms: result.p99Ms,
      peakRssMiB: target.peakRssMiB(),
    });
    await target.stop();
  }
  return rows;
}
