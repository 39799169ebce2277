import { AsyncResource } from "node:async_hooks";
import type { IncomingMessage } from "node:http";
import { parse as parseForm } from "node:querystring";

/**
 * The deepest JSON any route accepts. The documents platforms send (payment sessions, orders
 * with their meta data, agencies' requests) stay under 10 levels; a few thousand levels are
 * enough to overflow the stack of any recursive walk (schemas, the storability check, the
 * canonical hash), so nesting is refused while reading, before anything walks the value.
 */
export const MAX_JSON_DEPTH = 64;

/** Why a body was refused; `type` names the reason for each router's own error format. */
export type BodyErrorType =
  | "entity.parse.failed"
  | "entity.too.large"
  | "entity.too.deep"
  | "media.unsupported"
  | "charset.unsupported"
  | "encoding.unsupported"
  | "request.aborted";

/**
 * A refused body: a client fault (4xx) carrying a sentence the client can act on. Shaped as
 * Express's body parsers shape their errors (`status`, `type`, `expose`), so error handlers
 * that already read those keep working.
 */
export class BodyError extends Error {
  readonly status: number;
  readonly type: BodyErrorType;
  readonly expose = true;
  constructor(status: number, type: BodyErrorType, message: string) {
    super(message);
    this.name = "BodyError";
    this.status = status;
    this.type = type;
  }
}

export interface ReadBodyOptions {
  /** Media types accepted, compared exactly on the type/subtype (parameters aside). */
  types: readonly string[];
  limitBytes: number;
  /**
   * What `req.body` becomes: `json` the parsed value (depth-limited), `text` the UTF-8 string,
   * `raw` the bytes (a signature is checked over them before `parseJsonText`), `form` the
   * url-encoded fields (repeated names become arrays, as `querystring` gives them).
   */
  as: "json" | "text" | "raw" | "form";
}

type Next = (error?: unknown) => void;
type BodyRequest = IncomingMessage & { body?: unknown };

/** The media type of a request without its parameters, in lower case ("" when absent). */
export function mediaTypeOf(req: IncomingMessage): string {
  return String(req.headers["content-type"] ?? "")
    .split(";")[0]
    ?.trim()
    .toLowerCase() as string;
}

/** Does the request carry a body at all (a length above 0, or a chunked one)? */
export function hasBody(req: IncomingMessage): boolean {
  return req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;
}

/**
 * The one body reader of every route, the plugins' included, as Express-style middleware: it
 * refuses an unannounced media type (415), a compressed or non-UTF-8 body (415), a body over
 * `limitBytes` (413, before reading it when the length is announced) and, for JSON, text that is
 * not JSON or nests deeper than `MAX_JSON_DEPTH` (400), by passing a `BodyError` to `next`. A
 * request without a body gets `req.body` undefined and no media type check.
 */
export function readBody(options: ReadBodyOptions) {
  const types = options.types.map((t) => t.toLowerCase());
  return (req: BodyRequest, _res: unknown, next: Next): void => {
    if (!hasBody(req)) {
      req.body = undefined;
      next();
      return;
    }
    const refused = headerRefusal(req, types, options.limitBytes);
    if (refused) {
      req.resume();
      next(refused);
      return;
    }
    // The body's events run outside the request's async context: carry it over, so what the
    // handler records per request (Alma call timings, log fields) still lands on this request.
    collect(
      req,
      options.limitBytes,
      AsyncResource.bind((error?: BodyError, bytes?: Buffer) => {
        if (error || !bytes) return next(error);
        try {
          req.body = decode(bytes, options.as);
        } catch (failure) {
          return next(failure);
        }
        next();
      }),
    );
  };
}

function headerRefusal(req: IncomingMessage, types: string[], limitBytes: number): BodyError | undefined {
  if (Number(req.headers["content-length"] ?? 0) > limitBytes) return tooLarge(limitBytes);
  const type = mediaTypeOf(req);
  if (!types.includes(type))
    return new BodyError(
      415,
      "media.unsupported",
      `send the body as ${types.join(" or ")}${type ? `, not ${type}` : " (no Content-Type was given)"}`,
    );
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(String(req.headers["content-type"]))?.[1];
  if (charset && !/^utf-?8$/i.test(charset))
    return new BodyError(415, "charset.unsupported", `send the body as UTF-8, not ${charset}`);
  const encoding = String(req.headers["content-encoding"] ?? "identity").toLowerCase();
  if (encoding !== "identity")
    return new BodyError(415, "encoding.unsupported", `send the body uncompressed, not as ${encoding}`);
  return undefined;
}

function tooLarge(limitBytes: number): BodyError {
  return new BodyError(413, "entity.too.large", `the request body is over ${limitBytes} bytes`);
}

function collect(
  req: IncomingMessage,
  limitBytes: number,
  done: (error?: BodyError, bytes?: Buffer) => void,
) {
  const chunks: Buffer[] = [];
  let size = 0;
  let settled = false;
  const settle = (error?: BodyError, bytes?: Buffer) => {
    if (settled) return;
    settled = true;
    done(error, bytes);
  };
  req.on("data", (chunk: Buffer) => {
    if (settled) return;
    size += chunk.length;
    if (size > limitBytes) return settle(tooLarge(limitBytes));
    chunks.push(chunk);
  });
  req.on("end", () => settle(undefined, Buffer.concat(chunks)));
  req.on("aborted", () => settle(new BodyError(400, "request.aborted", "the request body was cut short")));
  req.on("error", () => settle(new BodyError(400, "request.aborted", "the request body could not be read")));
}

function decode(bytes: Buffer, as: ReadBodyOptions["as"]): unknown {
  switch (as) {
    case "raw":
      return bytes;
    case "text":
      return bytes.toString("utf8");
    case "form":
      return parseForm(bytes.toString("utf8"));
    case "json":
      return parseJsonText(bytes.toString("utf8"));
  }
}

/**
 * `JSON.parse` that first refuses text nesting deeper than `maxDepth` (a `BodyError`, 400), as
 * does text that is not JSON. Routes that check a signature over the raw bytes call it after.
 */
export function parseJsonText(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  const depth = jsonDepth(text, maxDepth);
  if (depth > maxDepth)
    throw new BodyError(400, "entity.too.deep", `the JSON body nests deeper than ${maxDepth} levels`);
  try {
    return JSON.parse(text);
  } catch {
    throw new BodyError(400, "entity.parse.failed", "request body is not valid JSON");
  }
}

/**
 * The deepest nesting of arrays and objects in `text`, brackets inside strings aside; it stops
 * counting once past `stopAbove`. Linear and iterative, so no text can overflow it.
 */
export function jsonDepth(text: string, stopAbove = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > stopAbove) return deepest;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}
