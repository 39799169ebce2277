import type { Response } from "express";
import type { RestError } from "./fake-auth.ts";
import { phpJsonEncode } from "./php-json.ts";

export function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status).type("application/json; charset=UTF-8").send(phpJsonEncode(body));
}

/** WordPress's REST error shape: `{code, message, data: {status}}`. */
export function sendError(res: Response, error: RestError): void {
  sendJson(res, error.status, { code: error.code, message: error.message, data: { status: error.status } });
}
