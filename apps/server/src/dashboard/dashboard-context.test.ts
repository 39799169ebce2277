import type { Response } from "express";
import { describe, expect, it } from "vitest";
import { refuse } from "./dashboard-context.ts";

/** Enough of Express's response for `refuse`: the request's path, a status and a JSON body. */
function fakeResponse(path: string) {
  const sent: { status?: number; body?: unknown } = {};
  const res = {
    req: { path },
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
      return this;
    },
  };
  return { res: res as unknown as Response, sent };
}

describe("refuse", () => {
  it("answers the contract's error shape and logs why, with the path", () => {
    const lines: Record<string, unknown>[] = [];
    const logger = { warn: (fields: Record<string, unknown>) => lines.push(fields) };
    const { res, sent } = fakeResponse("/api/tenants/t_1/jobs");
    refuse({ logger: logger as never }, res, 400, "bad state", { field: "state" });
    expect(sent).toEqual({ status: 400, body: { error: "bad state", field: "state" } });
    expect(lines).toEqual([
      { status: 400, error: "bad state", path: "/api/tenants/t_1/jobs", field: "state" },
    ]);
  });
});
