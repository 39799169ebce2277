import { maskSecrets } from "@alma-suite/core";
import { type Logger, pino } from "pino";
import { redactPath } from "../http/redact-path.ts";

export type { Logger };

/**
 * Structured JSON logs. Every logged object goes through core's maskSecrets, so a key or
 * token that slips into a log call is shown as `sk_test_****abcd`, never in full, and its
 * `path` through redactPath.
 */
export function createLogger(options: { level: string; destination?: NodeJS.WritableStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: "alma-suite" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        // Paths too: a dashboard login link's path is its token, whichever line logs it (the
        // access log, a 429, a 503), and a refused one is still valid for whoever reads the logs.
        log: (object) =>
          maskSecrets(
            typeof object.path === "string" ? { ...object, path: redactPath(object.path) } : object,
          ) as Record<string, unknown>,
      },
      hooks: {
        // Messages are masked too: `log.info("using %s", key)` must not leak the key.
        logMethod(args, method) {
          method.apply(
            this,
            args.map((arg) => (typeof arg === "string" ? (maskSecrets(arg) as string) : arg)) as Parameters<
              typeof method
            >,
          );
        },
      },
    },
    options.destination ?? process.stdout,
  );
}
