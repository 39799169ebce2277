import { expect, it } from "vitest";
import { deadline } from "./deadline.ts";

it("aborts with a TimeoutError once the time is up", async () => {
  const { signal } = deadline(20);
  await new Promise((resolve) => setTimeout(resolve, 60));
  expect(signal.aborted).toBe(true);
  expect((signal.reason as Error).name).toBe("TimeoutError");
});

it("never fires once cleared", async () => {
  const { signal, clear } = deadline(20);
  clear();
  await new Promise((resolve) => setTimeout(resolve, 60));
  expect(signal.aborted).toBe(false);
});
