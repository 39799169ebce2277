import type { PluginRefusal } from "@alma-suite/core";
import type { Request, Response } from "express";

/** The error format of the plugin serving a URL, when it has its own. */
export type RefusalFormats = (
  originalUrl: string,
) => ((refusal: PluginRefusal) => { contentType: string; body: string }) | undefined;

/**
 * A refusal answered in front of the plugins' routers (rate limits, a NUL in the URL), in the
 * error format of the route family asked for: the plugin's own where it has one (its clients
 * may parse it), `{ "error": … }` everywhere else.
 */
export function sendRefusal(
  req: Request,
  res: Response,
  refusal: Omit<PluginRefusal, "path">,
  formats: RefusalFormats,
): void {
  const format = formats(req.originalUrl);
  if (format) {
    const { contentType, body } = format({ ...refusal, path: req.originalUrl.split("?")[0] ?? "" });
    res.status(refusal.status).type(contentType).send(body);
    return;
  }
  res.status(refusal.status).json({ error: refusal.message });
}

/** Finds, for a URL, the format of the plugin mounted at its first segment. */
export function refusalFormats(
  plugins: readonly { mountPath: string; formatRefusal?: ReturnType<RefusalFormats> }[],
): RefusalFormats {
  return (originalUrl) =>
    plugins.find(
      (plugin) => originalUrl === plugin.mountPath || originalUrl.startsWith(`${plugin.mountPath}/`),
    )?.formatRefusal;
}
