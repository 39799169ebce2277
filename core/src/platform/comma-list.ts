import { z } from "zod";

/** A setting listing values separated by commas: its trimmed entries, empty ones dropped. */
export const commaList = () =>
  z.string().transform((list) =>
    list
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean),
  );
