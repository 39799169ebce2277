import type { Request } from "express";

/** `http://host:port` the request came to; hosted page URLs are built from it when no publicUrl is set. */
export function requestOrigin(req: Request): string {
  return `${req.protocol}://${req.get("host") ?? "127.0.0.1"}`;
}
