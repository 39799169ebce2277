import type { Request, Response } from "express";

/**
 * A refusal answered in front of the plugins' routers (rate limits, a NUL in the URL), in the
 * error format of the route family asked for: the bridge's problem+json (its agencies' clients
 * parse `type`), `{ "error": … }` everywhere else.
 */
export function sendRefusal(
  req: Request,
  res: Response,
  refusal: { status: number; message: string; bridge: { slug: string; title: string } },
): void {
  if (req.originalUrl.startsWith("/bridge/") || req.originalUrl === "/bridge") {
    res
      .status(refusal.status)
      .type("application/problem+json")
      .send(
        JSON.stringify({
          type: `/bridge/problems/${refusal.bridge.slug}`,
          title: refusal.bridge.title,
          status: refusal.status,
          detail: refusal.message,
          instance: req.originalUrl.split("?")[0]?.slice(0, 200),
        }),
      );
    return;
  }
  res.status(refusal.status).json({ error: refusal.message });
}
