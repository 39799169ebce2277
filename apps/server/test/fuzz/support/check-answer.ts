import type { FuzzRequest } from "./fuzz-request.ts";
import type { RawAnswer } from "./send-raw.ts";

export type FindingKind = "5xx" | "hang" | "format" | "write" | "isolation";

export interface Finding {
  kind: FindingKind;
  route: string;
  family: string;
  status: number;
  detail: string;
}

/**
 * What the issue asks of every answer: never a 5xx nor silence; a refusal in its route family's
 * format (the bridge's problem+json with its type and status, `{ "error": "…" }` elsewhere);
 * another tenant's data neither opened nor shown. Writes are compared by the caller.
 */
export function checkAnswer(request: FuzzRequest, answer: RawAnswer): Finding[] {
  const findings: Finding[] = [];
  const at = (kind: FindingKind, detail: string) =>
    findings.push({
      kind,
      route: request.route,
      family: request.family,
      status: answer.status,
      detail: detail.slice(0, 300),
    });
  if (answer.failure) {
    at("hang", answer.failure);
    return findings;
  }
  if (answer.status >= 500) at("5xx", answer.text);
  if (answer.status >= 400) {
    const problem = formatProblem(request, answer);
    if (problem) at("format", `${problem}: ${answer.contentType} ${answer.text}`);
  }
  if (request.crossTenant && answer.status < 400)
    at("isolation", `another tenant's data answered ${answer.status}`);
  const leaked = request.foreignMarkers.find((marker) => answer.text.includes(marker));
  if (leaked) at("isolation", `the answer shows another tenant's ${leaked}`);
  return findings;
}

function formatProblem(request: FuzzRequest, answer: RawAnswer): string | undefined {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(answer.text) as Record<string, unknown>;
  } catch {
    return "not JSON";
  }
  if (request.format === "problem") {
    if (!answer.contentType.startsWith("application/problem+json")) return "not application/problem+json";
    if (typeof body.type !== "string" || !body.type.startsWith("/bridge/problems/"))
      return "no bridge problem type";
    if (body.status !== answer.status) return "problem status differs from the HTTP status";
    if (typeof body.detail !== "string" || body.detail.length < 4) return "no detail";
    return undefined;
  }
  if (!answer.contentType.startsWith("application/json")) return "not application/json";
  if (typeof body.error !== "string" || body.error.length < 4) return "no error sentence";
  return undefined;
}
