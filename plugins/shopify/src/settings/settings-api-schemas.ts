import { z } from "zod";
import { planSettingSchema } from "../tenants/shop-settings.ts";

/**
 * The settings page's JSON API (`/shopify/settings/api`): what the routes read and answer, as zod
 * schemas. The routes parse their bodies with them and type their answers by them; the admin app
 * imports the inferred types. Only zod (and the shop settings' own schemas) are imported here, so
 * the admin app's type check can read this file.
 */

export const almaModeSchema = z.enum(["test", "live"]);

/** An Alma key as the page shows it: masked, with the account it belongs to. */
export const keyInfoSchema = z.object({
  masked: z.string(),
  merchantId: z.string().nullable(),
  merchantName: z.string().nullable(),
});

/** A fee plan Alma allows this merchant online, as the settings page shows it. */
export const planOptionSchema = z.object({
  key: z.string(),
  label: z.string(),
  almaMinCents: z.int(),
  almaMaxCents: z.int(),
  triggerLimitDays: z.int().nullable(),
  merchantFeeBps: z.number().nullable(),
  customerFeeBps: z.number().nullable(),
  customerLendingRateBps: z.number().nullable(),
});

export const settingsStateSchema = z.object({
  shop: z.string(),
  almaMode: almaModeSchema,
  ready: z.boolean(),
  externalHandle: z.string().nullable(),
  keys: z.object({ test: keyInfoSchema.nullable(), live: keyInfoSchema.nullable() }),
  /** Fee plans Alma allows for the key of `plansMode`. */
  planOptions: z.array(planOptionSchema),
  plansMode: almaModeSchema.nullable(),
  planOptionsError: z.string().nullable(),
  plans: z.array(planSettingSchema),
  /** Compliance exports waiting for the merchant (customers/data_request), newest first. */
  dataRequests: z.array(z.object({ id: z.string(), receivedAt: z.int(), payments: z.int() })),
});

export const keyBodySchema = z.object({ mode: almaModeSchema, key: z.string().min(1).max(200) });
export const keyAnswerSchema = z.object({
  masked: z.string(),
  merchantId: z.string(),
  merchantName: z.string(),
});

/** One plan as the page submits it: the merchant's choice, checked against Alma's window on save. */
export const submittedPlanSchema = z.object({
  key: z.string().max(40),
  enabled: z.boolean(),
  minCents: z.int().positive(),
  maxCents: z.int().positive(),
});
export const saveBodySchema = z.object({
  almaMode: almaModeSchema,
  plans: z.array(submittedPlanSchema).max(50),
});
export const saveAnswerSchema = z.object({ redirectUrl: z.string(), externalHandle: z.string() });

export type AlmaMode = z.infer<typeof almaModeSchema>;
export type KeyInfo = z.infer<typeof keyInfoSchema>;
export type PlanOption = z.infer<typeof planOptionSchema>;
export type SettingsState = z.infer<typeof settingsStateSchema>;
export type KeyBody = z.infer<typeof keyBodySchema>;
export type KeyAnswer = z.infer<typeof keyAnswerSchema>;
export type SubmittedPlan = z.infer<typeof submittedPlanSchema>;
export type SaveBody = z.infer<typeof saveBodySchema>;
export type SaveAnswer = z.infer<typeof saveAnswerSchema>;
