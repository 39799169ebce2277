import { maskSecrets } from "@alma-suite/core";
import { type Logger, pino } from "pino";

export type { Logger };

/**
 * Structured JSON logs. Every logged object goes through core's maskSecrets, so a key or
 * token that slips into a log call is shown as `sk_test_****abcd`, never in full.
 */
export function createLogger(options: { level: string; destination?: NodeJS.WritableStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: "alma-suite" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => maskSecrets(object) as Record<string, unknown>,
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
