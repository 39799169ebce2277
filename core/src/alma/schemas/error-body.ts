import { z } from "zod";

/**
 * The error bodies Alma is known to send (below, each one seen from its API). They are read leniently by
 * `errorFromResponse`; these schemas document the shapes and back the fixtures' tests.
 */

export const almaMessageErrorBodySchema = z.looseObject({ message: z.string() });

export const almaErrorStringBodySchema = z.looseObject({ error: z.string() });

export const almaValidationErrorBodySchema = z.looseObject({
  error_code: z.literal("validation_error"),
  errors: z.array(z.looseObject({ message: z.string(), field: z.string().optional() })),
});

export const almaNotFoundErrorBodySchema = z.looseObject({
  error_code: z.string(),
  object_type: z.string(),
  value: z.string(),
});

/** Seen once from eligibility: `{running: {message: "'purchase_amount'"}}`. */
export const almaRunningErrorBodySchema = z.looseObject({
  running: z.looseObject({ message: z.string() }),
});

export const almaErrorBodySchema = z.union([
  almaValidationErrorBodySchema,
  almaNotFoundErrorBodySchema,
  almaMessageErrorBodySchema,
  almaErrorStringBodySchema,
  almaRunningErrorBodySchema,
]);

export type AlmaMessageErrorBody = z.infer<typeof almaMessageErrorBodySchema>;
export type AlmaErrorStringBody = z.infer<typeof almaErrorStringBodySchema>;
export type AlmaValidationErrorBody = z.infer<typeof almaValidationErrorBodySchema>;
export type AlmaNotFoundErrorBody = z.infer<typeof almaNotFoundErrorBodySchema>;
export type AlmaRunningErrorBody = z.infer<typeof almaRunningErrorBodySchema>;
export type AlmaErrorBody = z.infer<typeof almaErrorBodySchema>;
