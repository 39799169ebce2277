import { describe, expect, it } from "vitest";
import { appendPid } from "./append-pid.ts";

describe("appendPid", () => {
  it("adds or extends the query and keeps the fragment", () => {
    expect(appendPid("https://shop.test/ipn", "payment_1")).toBe("https://shop.test/ipn?pid=payment_1");
    expect(appendPid("https://shop.test/ipn?a=1", "p")).toBe("https://shop.test/ipn?a=1&pid=p");
    expect(appendPid("https://shop.test/r?", "p")).toBe("https://shop.test/r?pid=p");
    expect(appendPid("https://shop.test/r#top", "p")).toBe("https://shop.test/r?pid=p#top");
  });
});
