import type { Response } from "express";
import type { StoredResponse } from "./idempotency.ts";
import type { OpResult } from "./operation.ts";
import { PROBLEM_TYPES, type Problem, problemBody } from "./problem.ts";

/** Seconds a client should wait before retrying a 503 (Alma or the bridge briefly unavailable). */
const RETRY_AFTER_SECONDS = "5";

export function problemResponse(p: Problem, instance?: string): StoredResponse {
  const status = PROBLEM_TYPES[p.slug].status;
  return {
    status,
    contentType: "application/problem+json",
    body: problemBody(p, instance),
    ...(status === 503 ? { headers: { "Retry-After": RETRY_AFTER_SECONDS } } : {}),
  };
}

export function toStoredResponse(result: OpResult, instance: string): StoredResponse {
  if (!result.ok) return problemResponse(result.problem, instance);
  return {
    status: result.status,
    contentType: "application/json",
    body: result.body,
    headers: result.headers,
  };
}

export function sendStored(
  res: Response,
  response: StoredResponse,
  extraHeaders: Record<string, string> = {},
): void {
  res.status(response.status);
  for (const [name, value] of Object.entries({ ...response.headers, ...extraHeaders }))
    res.setHeader(name, value);
  if (response.body === undefined) {
    res.end();
    return;
  }
  res.type(response.contentType).send(JSON.stringify(response.body));
}
