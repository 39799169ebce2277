import { z } from "zod";

const customer = z.looseObject({
  id: z.union([z.number(), z.string()]).nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
});

/** Compliance payloads (reference §4.3); only the fields we act on are read. */
export const dataRequestPayload = z.looseObject({
  shop_domain: z.string(),
  customer,
  data_request: z.looseObject({ id: z.union([z.number(), z.string()]) }),
});

export const customerRedactPayload = z.looseObject({ shop_domain: z.string(), customer });

export const shopRedactPayload = z.looseObject({ shop_domain: z.string() });
