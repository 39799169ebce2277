import { Router } from "express";
import { z } from "zod";
import { parseWith } from "../http/parse-body.ts";
import { sendValidationError } from "../http/send-error.ts";
import { runDueEvents } from "../lifecycle/run-due-events.ts";
import type { SandboxContext } from "../sandbox-context.ts";

const advanceSchema = z
  .object({
    days: z.number().nonnegative().max(3650).default(0),
    hours: z.number().nonnegative().max(87600).default(0),
    minutes: z.number().nonnegative().max(5_256_000).default(0),
    seconds: z.number().nonnegative().max(315_360_000).default(0),
  })
  .refine((b) => b.days + b.hours + b.minutes + b.seconds > 0, {
    message: "give days, hours, minutes or seconds to advance by",
    path: ["days"],
  });

/** `GET|POST /_clock` (alias `/_admin/clock`): read or advance sandbox time. */
export function clockRoutes(ctx: SandboxContext): Router {
  const router = Router();
  const view = () => ({
    now: ctx.clock.nowSeconds(),
    iso: ctx.clock.now().toISOString(),
    offset_seconds: Math.floor(ctx.clock.offsetMs / 1000),
  });

  router.get(["/_clock", "/_admin/clock"], (_req, res) => {
    res.json(view());
  });

  router.post(["/_clock", "/_admin/clock"], (req, res) => {
    const parsed = parseWith(advanceSchema, req.body);
    if (!parsed.ok) return sendValidationError(res, parsed.errors);
    const { days, hours, minutes, seconds } = parsed.value;
    ctx.clock.advance(Math.round((((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000));
    runDueEvents(ctx);
    res.json(view());
  });

  return router;
}
