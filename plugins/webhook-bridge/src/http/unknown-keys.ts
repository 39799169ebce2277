import type { z } from "zod";

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  items?: z.ZodType[];
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/**
 * The dotted paths of the keys in `value` that `schema` does not declare, at any depth. Zod's
 * objects drop such keys silently; on a request that moves money a misspelt `amout` must be an
 * error naming it, not a refund of everything. Free-form parts (records, loose objects) accept any key.
 */
export function unknownKeys(schema: z.ZodType, value: unknown, path: string[] = []): string[] {
  const def = defOf(schema);
  switch (def.type) {
    case "object": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
      const shape = def.shape ?? {};
      const free = def.catchall !== undefined && defOf(def.catchall).type !== "never";
      return Object.entries(value).flatMap(([key, child]) => {
        const known = Object.hasOwn(shape, key) ? shape[key] : undefined;
        if (known) return unknownKeys(known, child, [...path, key]);
        return free ? [] : [[...path, key].join(".")];
      });
    }
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
      return def.innerType ? unknownKeys(def.innerType, value, path) : [];
    case "pipe":
      return def.in ? unknownKeys(def.in, value, path) : [];
    case "array":
      return Array.isArray(value) && def.element
        ? value.flatMap((item, i) => unknownKeys(def.element as z.ZodType, item, [...path, String(i)]))
        : [];
    case "record":
      return typeof value === "object" && value !== null && def.valueType
        ? Object.entries(value).flatMap(([key, child]) =>
            unknownKeys(def.valueType as z.ZodType, child, [...path, key]),
          )
        : [];
    case "union": {
      // The first alternative the value matches decides which keys are known.
      const match = def.options?.find((option) => option.safeParse(value).success);
      return match ? unknownKeys(match, value, path) : [];
    }
    default:
      return [];
  }
}
