import type { RequestHandler, Response } from "express";

/**
 * Every JSON answer carries `Content-Type: application/json` exactly, as Alma's does: Alma's PHP
 * client 2.6 decodes a body only when the header is exactly that, and Express's own `res.json`
 * and `res.set` would add `; charset=utf-8`. Setting the header through Node and sending bytes keeps
 * it as set; the body is UTF-8 either way. Installed first, so that every route, the fallbacks and the
 * body-parser errors answer through it.
 */
export const exactJsonContentType: RequestHandler = (_req, res, next) => {
  res.json = (body?: unknown): Response => {
    // Node's own setHeader: Express's res.set would append the charset again.
    res.setHeader("Content-Type", "application/json");
    return res.send(Buffer.from(JSON.stringify(body ?? null), "utf8"));
  };
  next();
};
