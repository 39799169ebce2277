import express from "express";
import { describe, expect, it } from "vitest";
import { faviconRoute } from "./favicon-route.ts";

describe("faviconRoute", () => {
  it("answers the browser's favicon request with an image instead of a 404", async () => {
    const app = express();
    app.use(faviconRoute());
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const { port } = server.address() as { port: number };
    const answer = await fetch(`http://127.0.0.1:${port}/favicon.ico`);
    server.close();
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    expect(await answer.text()).toMatch(/^<svg /);
  });
});
