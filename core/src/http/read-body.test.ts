import { AsyncLocalStorage } from "node:async_hooks";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BodyError,
  jsonDepth,
  MAX_JSON_DEPTH,
  parseJsonText,
  type ReadBodyOptions,
  readBody,
} from "./read-body.ts";

const nested = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;

describe("parseJsonText", () => {
  it("refuses nesting past the limit before parsing, whether arrays or objects", () => {
    expect(() => parseJsonText(nested(MAX_JSON_DEPTH + 1))).toThrow(BodyError);
    expect(() => parseJsonText(`${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`)).toThrow(/deeper than 64/);
    expect(parseJsonText(nested(MAX_JSON_DEPTH))).toBeInstanceOf(Array);
  });

  it("does not count brackets inside strings, escaped quotes included", () => {
    expect(jsonDepth(JSON.stringify({ a: "[[[[{{{{", b: 'x\\"[[[' }))).toBe(1);
    expect(parseJsonText(JSON.stringify({ text: "[".repeat(500) }), 2)).toEqual({ text: "[".repeat(500) });
  });

  it("answers text that is not JSON with a 400 parse failure", () => {
    const error = (() => {
      try {
        parseJsonText("{'a':1}");
      } catch (e) {
        return e as BodyError;
      }
    })();
    expect(error?.status).toBe(400);
    expect(error?.type).toBe("entity.parse.failed");
  });
});

describe("readBody", () => {
  const seen: { body?: unknown; error?: BodyError; store?: string }[] = [];
  const context = new AsyncLocalStorage<string>();
  let url = "";
  let options: ReadBodyOptions = { types: ["application/json"], limitBytes: 100, as: "json" };
  const server = createServer((req: IncomingMessage & { body?: unknown }, res) => {
    context.run(`request ${req.url}`, () =>
      readBody(options)(req, res, (error) => {
        seen.push({ body: req.body, error: error as BodyError | undefined, store: context.getStore() });
        res.end((error as BodyError | undefined)?.status ? String((error as BodyError).status) : "ok");
      }),
    );
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = async (body: string, headers: Record<string, string>) => {
    const text = await (await fetch(url, { method: "POST", body, headers })).text();
    return { answer: text, ...seen.at(-1) };
  };

  it("parses the one accepted media type, with or without a UTF-8 charset", async () => {
    options = { types: ["application/json"], limitBytes: 100, as: "json" };
    expect((await post('{"a":1}', { "content-type": "application/json" })).body).toEqual({ a: 1 });
    expect((await post("[1]", { "content-type": "Application/JSON; charset=UTF-8" })).body).toEqual([1]);
    // The handler after it still runs in the request's async context (per-request timings, logs).
    expect((await post("{}", { "content-type": "application/json" })).store).toBe("request /");
  });

  it("refuses +json and other types, other charsets and compressed bodies with 415", async () => {
    options = { types: ["application/json"], limitBytes: 100, as: "json" };
    for (const type of ["application/json-patch+json", "application/merge-patch+json", "text/plain"])
      expect((await post("{}", { "content-type": type })).error?.type).toBe("media.unsupported");
    expect((await post("{}", { "content-type": "application/json; charset=latin1" })).error?.status).toBe(
      415,
    );
    expect(
      (await post("{}", { "content-type": "application/json", "content-encoding": "gzip" })).error?.type,
    ).toBe("encoding.unsupported");
  });

  it("refuses a body over the limit with 413 and a deep one with 400", async () => {
    options = { types: ["application/json"], limitBytes: 100, as: "json" };
    expect((await post("x".repeat(101), { "content-type": "application/json" })).answer).toBe("413");
    options = { types: ["application/json"], limitBytes: 100_000, as: "json" };
    expect((await post(nested(3000), { "content-type": "application/json" })).error?.type).toBe(
      "entity.too.deep",
    );
  });

  it("gives the raw bytes, the text or the form fields when asked", async () => {
    options = { types: ["application/x-www-form-urlencoded"], limitBytes: 100, as: "form" };
    expect({
      ...((await post("a=1&a=2&b=x", { "content-type": "application/x-www-form-urlencoded" }))
        .body as object),
    }).toEqual({
      a: ["1", "2"],
      b: "x",
    });
    options = { types: ["application/json"], limitBytes: 100, as: "raw" };
    expect(
      Buffer.isBuffer((await post(nested(500).slice(0, 90), { "content-type": "application/json" })).body),
    ).toBe(true);
  });
});
