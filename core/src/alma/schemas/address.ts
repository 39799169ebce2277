import { z } from "zod";

/** An address as Alma returns it; every part is optional because merchants send partial ones. */
export const addressSchema = z.looseObject({
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  company: z.string().nullish(),
  line1: z.string().nullish(),
  line2: z.string().nullish(),
  postal_code: z.string().nullish(),
  city: z.string().nullish(),
  country: z.string().nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
});

export type Address = z.infer<typeof addressSchema>;

export const customerSchema = z.looseObject({
  id: z.string().optional(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  addresses: z.array(addressSchema).optional(),
});

export type Customer = z.infer<typeof customerSchema>;
