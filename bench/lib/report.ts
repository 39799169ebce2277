/**
 * One target of a benchmark, printed for the reader and as a `BENCH-RESULT {json}` line that
 * `npm run bench` (bench/run.ts) collects into the table at the top of bench/RESULTS.md.
 */
export interface TargetResult {
  /** What is measured, e.g. "IPN ingestion (SQLite)". */
  benchmark: string;
  /** The figure, with its unit and what it was measured against. */
  measured: string;
  /** The same run's baseline, when there is one. */
  baseline?: string;
  /** The target as a sentence, e.g. "p99 < 100 ms". */
  target: string;
  met: boolean;
}

export function reportTarget(result: TargetResult): void {
  console.log(
    `target: ${result.benchmark}: ${result.target} — measured ${result.measured} (${result.met ? "met" : "NOT met"})`,
  );
  console.log(`BENCH-RESULT ${JSON.stringify(result)}`);
}

/** True when BENCH_SHORT=1: every benchmark runs a few seconds per phase, to check it works, not to measure. */
export const SHORT = process.env.BENCH_SHORT === "1";
