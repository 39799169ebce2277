import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** The Prometheus metrics the server exposes at GET /metrics. */
export interface Metrics {
  registry: Registry;
  httpRequests: Counter<"method" | "route" | "status">;
  httpDuration: Histogram<"method" | "route" | "status">;
  jobsFinished: Counter<"type" | "state">;
  jobDuration: Histogram<"type" | "state">;
  almaDuration: Histogram<"method" | "route" | "status">;
}

export function createMetrics(options: {
  jobCounts: () => Promise<Record<string, number>>;
  /** Server instances sharing the database (and the rate limits). */
  liveInstances?: () => number;
}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "alma_suite_" });
  const httpRequests = new Counter({
    name: "alma_suite_http_requests_total",
    help: "HTTP requests answered, by route pattern and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: "alma_suite_http_request_duration_seconds",
    help: "HTTP request latency",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const jobsFinished = new Counter({
    name: "alma_suite_jobs_finished_total",
    help: "Job attempts finished, by type and resulting state",
    labelNames: ["type", "state"] as const,
    registers: [registry],
  });
  const jobDuration = new Histogram({
    name: "alma_suite_job_duration_seconds",
    help: "Job attempt latency",
    labelNames: ["type", "state"] as const,
    buckets: [0.005, 0.025, 0.1, 0.5, 1, 5, 30],
    registers: [registry],
  });
  const almaDuration = new Histogram({
    name: "alma_suite_alma_request_duration_seconds",
    help: "Exchanges with Alma's API, by route pattern and status (none: no answer came)",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: "alma_suite_jobs",
    help: "Jobs in the queue, by state",
    labelNames: ["state"] as const,
    registers: [registry],
    async collect() {
      const counts = await options.jobCounts();
      for (const state of ["pending", "running", "failed", "done", "dead"])
        this.set({ state }, counts[state] ?? 0);
    },
  });
  new Gauge({
    name: "alma_suite_live_instances",
    help: "Server instances seen alive on this database lately; each rate limit is split between them",
    registers: [registry],
    collect() {
      this.set(options.liveInstances?.() ?? 1);
    },
  });
  return { registry, httpRequests, httpDuration, jobsFinished, jobDuration, almaDuration };
}
