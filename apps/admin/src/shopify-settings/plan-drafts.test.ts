import { describe, expect, it } from "vitest";
import { checkDrafts, draftsFrom } from "./plan-drafts.ts";
import type { PlanOption } from "./settings-types.ts";

const option = (key: string): PlanOption => ({
  key,
  label: key,
  almaMinCents: 5000,
  almaMaxCents: 200000,
  triggerLimitDays: null,
  merchantFeeBps: 290,
  customerFeeBps: 145,
  customerLendingRateBps: null,
});
const options = [option("general_3_0_0"), option("general_4_0_0")];

describe("plan drafts", () => {
  it("starts from saved settings, or from Alma's limits with the plan off", () => {
    expect(
      draftsFrom(options, [{ key: "general_4_0_0", enabled: true, minCents: 10000, maxCents: 90000 }]),
    ).toEqual([
      { key: "general_3_0_0", enabled: false, min: "50.00", max: "2000.00" },
      { key: "general_4_0_0", enabled: true, min: "100.00", max: "900.00" },
    ]);
  });

  it("applies the server's rules: inside Alma's window, minimum below maximum, one plan on", () => {
    const drafts = draftsFrom(options, []);
    expect(checkDrafts(drafts, options)).toEqual({ ok: false, errors: { "*": "Enable at least one plan" } });
    const on = drafts.map((d) => ({ ...d, enabled: d.key === "general_3_0_0" }));
    expect(checkDrafts(on, options)).toMatchObject({
      ok: true,
      plans: [{ key: "general_3_0_0", enabled: true, minCents: 5000, maxCents: 200000 }, { enabled: false }],
    });
    const tooLow = on.map((d) => (d.key === "general_3_0_0" ? { ...d, min: "10" } : d));
    expect(checkDrafts(tooLow, options)).toMatchObject({
      ok: false,
      errors: { general_3_0_0: expect.stringContaining("Alma allows €50.00") },
    });
    const inverted = on.map((d) => (d.key === "general_3_0_0" ? { ...d, min: "900", max: "100" } : d));
    expect(checkDrafts(inverted, options)).toMatchObject({
      ok: false,
      errors: { general_3_0_0: expect.stringContaining("minimum") },
    });
  });
});

describe("plan drafts in French", () => {
  it("writes amounts and errors as a French merchant reads them, and reads back what they type", () => {
    const drafts = draftsFrom(options, [], "fr");
    expect(drafts.map((d) => [d.min, d.max])).toEqual([
      ["50,00", "2000,00"],
      ["50,00", "2000,00"],
    ]);
    const on = drafts.map((d) => ({ ...d, enabled: true }));
    expect(checkDrafts(on, options, "fr")).toMatchObject({ ok: true });
    const tooLow = on.map((d) => ({ ...d, min: "10" }));
    const check = checkDrafts(tooLow, options, "fr");
    expect(check.ok ? "" : check.errors.general_3_0_0?.replace(/\s/g, " ")).toBe(
      "Alma autorise de 50,00 € à 2 000,00 € pour cette formule",
    );
  });
});
