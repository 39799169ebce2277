import autocannon, { type Request as LoadRequest } from "autocannon";

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  total: number;
}

/**
 * Drives a target with autocannon. `rate` fixes the overall request rate (for latency at a
 * given load); without it the connections go as fast as the target answers (throughput).
 */
export async function load(options: {
  url: string;
  durationS: number;
  connections: number;
  rate?: number;
  /** Path and headers of the n-th request. */
  request?: (n: number) => { path: string; headers?: Record<string, string> };
}): Promise<LoadResult> {
  let n = 0;
  const result = await autocannon({
    url: options.url,
    duration: options.durationS,
    connections: options.connections,
    ...(options.rate ? { overallRate: options.rate } : {}),
    ...(options.request
      ? {
          requests: [
            {
              setupRequest: (req: LoadRequest): LoadRequest => {
                const next = options.request!(n++);
                return { ...req, method: "GET", path: next.path, headers: next.headers ?? {} };
              },
            },
          ],
        }
      : {}),
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    total: result.requests.total,
  };
}
