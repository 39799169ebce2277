import { describe, expect, it } from "vitest";
import { CallBatcher } from "./call-batcher.ts";

/** A grouped call whose groups are recorded and which finishes only when the test says so. */
function recordingRun() {
  const groups: number[][] = [];
  const pending: (() => void)[] = [];
  const run = (items: number[]) => {
    groups.push(items);
    return new Promise<number[]>((resolve) => pending.push(() => resolve(items.map((n) => n * 10))));
  };
  const finishNext = async () => {
    for (let i = 0; i < 20 && pending.length === 0; i++) await new Promise((r) => setImmediate(r));
    pending.shift()?.();
  };
  return { groups, run, finishNext };
}

describe("CallBatcher", () => {
  it("runs the first call at once and groups every call made while it is on its way", async () => {
    const { groups, run, finishNext } = recordingRun();
    const batcher = new CallBatcher({ run, maxBatch: 10 });
    const first = batcher.call(1);
    const rest = [2, 3, 4].map((n) => batcher.call(n));
    await finishNext();
    expect(await first).toBe(10);
    await finishNext();
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
    expect(groups).toEqual([[1], [2, 3, 4]]);
  });

  it("with gatherTurn, groups every call of the same event-loop turn, the first included", async () => {
    const { groups, run, finishNext } = recordingRun();
    const batcher = new CallBatcher({ run, maxBatch: 10, gatherTurn: true });
    const answers = Promise.all([1, 2, 3].map((n) => batcher.call(n)));
    await finishNext();
    expect(await answers).toEqual([10, 20, 30]);
    expect(groups).toEqual([[1, 2, 3]]);
  });

  it("never puts more than maxBatch items in one group", async () => {
    const batcher = new CallBatcher({
      maxBatch: 3,
      gatherTurn: true,
      run: async (items: number[]) => {
        expect(items.length).toBeLessThanOrEqual(3);
        return items.map((n) => -n);
      },
    });
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => batcher.call(i)));
    expect(answers).toEqual(Array.from({ length: 10 }, (_, i) => -i));
  });

  it("fails only the item answered with an Error, and every item of a group that threw", async () => {
    let calls = 0;
    const batcher = new CallBatcher({
      maxBatch: 10,
      gatherTurn: true,
      run: async (items: number[]) => {
        calls += 1;
        if (calls === 2) throw new Error("database down");
        return items.map((n) => (n === 2 ? new Error(`item ${n} unreadable`) : n));
      },
    });
    const first = await Promise.allSettled([1, 2, 3].map((n) => batcher.call(n)));
    expect(first.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(String((first[1] as PromiseRejectedResult).reason)).toContain("item 2 unreadable");
    const second = await Promise.allSettled([4, 5].map((n) => batcher.call(n)));
    expect(second.map((r) => (r.status === "rejected" ? String(r.reason) : r.value))).toEqual([
      "Error: database down",
      "Error: database down",
    ]);
    // The batcher keeps working after a failed group.
    expect(await batcher.call(6)).toBe(6);
  });

  it("refuses an answer shorter than its group instead of leaving a caller waiting", async () => {
    const batcher = new CallBatcher({ maxBatch: 10, gatherTurn: true, run: async () => [1] });
    const answers = await Promise.allSettled([1, 2].map((n) => batcher.call(n)));
    expect(answers[0]).toEqual({ status: "fulfilled", value: 1 });
    expect(answers[1]?.status).toBe("rejected");
  });
});
