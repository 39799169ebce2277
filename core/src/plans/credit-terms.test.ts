import { describe, expect, it } from "vitest";
import { creditTerms } from "./credit-terms.ts";
import { describePlan, planShortName } from "./plan-key.ts";

const WARNING =
  "Un crédit vous engage et doit être remboursé. Vérifiez vos capacités de remboursement avant de vous engager.";

describe("creditTerms", () => {
  it("states the TAEG, cost of credit, total due and the legal warning for 10x in French", () => {
    const terms = creditTerms(
      {
        installmentsCount: 10,
        purchaseAmount: 100000,
        customerFee: 700,
        customerInterest: 8123,
        annualInterestRate: 1720,
      },
      "fr",
    );
    expect(terms.kind).toBe("credit");
    expect(terms.lines).toEqual([
      "TAEG fixe : 17,20\u00a0%",
      "Coût total du crédit : 88,23\u00a0€",
      "Montant total dû : 1\u202f088,23\u00a0€",
    ]);
    expect(terms.warning).toBe(WARNING);
  });

  it("writes the same figures in English", () => {
    const terms = creditTerms(
      {
        installmentsCount: 12,
        purchaseAmount: 100000,
        customerFee: 700,
        customerInterest: 0,
        annualInterestRate: 1960,
      },
      "en",
    );
    expect(terms.lines).toEqual([
      "Fixed APR: 19.60%",
      "Total cost of credit: €7.00",
      "Total amount due: €1,007.00",
    ]);
    expect(terms.warning).toMatch(/must be repaid/);
  });

  it("names the fees of a 3x plan, without a TAEG or warning", () => {
    const terms = creditTerms(
      {
        installmentsCount: 3,
        purchaseAmount: 12000,
        customerFee: 174,
        customerInterest: 0,
        annualInterestRate: null,
      },
      "fr",
    );
    expect(terms).toEqual({
      kind: "fees",
      lines: ["Frais de service : 1,74\u00a0€, inclus dans la première échéance"],
      warning: null,
    });
    expect(
      creditTerms(
        {
          installmentsCount: 4,
          purchaseAmount: 12000,
          customerFee: 0,
          customerInterest: 0,
          annualInterestRate: 0,
        },
        "en",
      ).lines,
    ).toEqual(["No fees"]);
  });
});

describe("plan names", () => {
  const plan = (installmentsCount: number, deferredDays = 0) => ({
    kind: "general" as const,
    installmentsCount,
    deferredDays,
    deferredMonths: 0,
  });
  it("names plans as shoppers know them, French by default", () => {
    expect(planShortName(plan(3))).toBe("3x");
    expect(planShortName(plan(10), "en")).toBe("10x");
    expect(planShortName(plan(1, 30))).toBe("Payer dans 30 jours");
    expect(planShortName(plan(1, 30), "en")).toBe("Pay in 30 days");
    expect(describePlan(plan(4))).toBe("Payer en 4 fois");
    expect(describePlan(plan(4), "en-GB")).toBe("Pay in 4 instalments");
    expect(describePlan(plan(1), "en")).toBe("Pay now");
  });
});
