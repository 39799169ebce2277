import { z } from "zod";

export const feePlansFilterSchema = z.object({
  kind: z.enum(["general", "pos"]).default("general"),
  only: z.union([z.literal("all"), z.array(z.int().min(1).max(12)).min(1)]).default("all"),
  deferred: z.boolean().default(true),
});

export type FeePlansFilter = z.input<typeof feePlansFilterSchema>;
