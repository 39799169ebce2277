/** The payments list's opaque cursor: the (createdAt, id) of the last row shown. */
export function encodeCursor(createdAt: number, id: string): string {
  return Buffer.from(JSON.stringify([createdAt, id])).toString("base64url");
}

export function decodeCursor(cursor: string): { createdAt: number; id: string } | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(value) || !Number.isSafeInteger(value[0]) || typeof value[1] !== "string") return null;
    return { createdAt: value[0] as number, id: value[1] };
  } catch {
    return null;
  }
}
