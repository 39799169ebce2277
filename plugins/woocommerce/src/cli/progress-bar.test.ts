import { describe, expect, it } from "vitest";
import { renderProgress } from "./progress-bar.ts";

describe("renderProgress", () => {
  it("fills the bar in proportion to the pages done", () => {
    expect(renderProgress({ page: 3, totalPages: 12, ordersSeen: 300, repairs: 2 }, 12)).toBe(
      "[###---------]  3/12 pages · 300 orders · 2 repairs",
    );
    expect(renderProgress({ page: 1, totalPages: 1, ordersSeen: 4, repairs: 1 }, 4)).toBe(
      "[####] 1/1 pages · 4 orders · 1 repair",
    );
    expect(renderProgress({ page: 1, totalPages: 0, ordersSeen: 0, repairs: 0 }, 4)).toBe(
      "[####] 1/1 pages · 0 orders · 0 repairs",
    );
  });
});
