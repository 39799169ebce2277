import { z } from "zod";

export const isoTime = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** `{ data, has_more, next_cursor }`: the list envelope every list operation answers. */
export function listSchema<T extends z.ZodType>(item: T) {
  return z.object({
    object: z.literal("list"),
    data: z.array(item),
    has_more: z.boolean(),
    next_cursor: z.string().nullable(),
  });
}

export function listBody<T>(items: T[], limit: number, cursorOf: (last: T) => string) {
  const page = items.slice(0, limit);
  const last = page.at(-1);
  const hasMore = items.length > limit;
  return {
    object: "list" as const,
    data: page,
    has_more: hasMore,
    next_cursor: hasMore && last ? cursorOf(last) : null,
  };
}

/** Opaque keyset cursors: base64url of `<ms>:<id>`. */
export function encodeCursor(at: number, id: string): string {
  return Buffer.from(`${at}:${id}`, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string | undefined): { at: number; id: string } | undefined {
  if (!cursor) return undefined;
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const match = /^(\d{1,15}):([A-Za-z0-9_]{1,80})$/.exec(text);
  return match?.[1] && match[2] ? { at: Number(match[1]), id: match[2] } : undefined;
}

export const cursorSchema = z
  .string()
  .refine((value) => decodeCursor(value) !== undefined, "not a cursor this API returned")
  .optional()
  .describe("next_cursor of the previous page");

export const limitSchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(100)
  .default(20)
  .describe("1 to 100, default 20");
