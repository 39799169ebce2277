import { formatMoney } from "@alma-suite/core/money";
import { describe, expect, it } from "vitest";
import { createAdminI18n } from "../i18n/admin-i18n.ts";
import { healthDetail, orderLabel, readableError, refundOrigin, refundReference } from "./display.ts";

const en = createAdminI18n("en").t;
const fr = createAdminI18n("fr").t;

describe("what the dashboard shows instead of internal references", () => {
  it("hides the pos: prefix of in-store sales, and only that", () => {
    expect(orderLabel("pos:SHOP-POS-001")).toBe("SHOP-POS-001");
    expect(orderLabel("PS-2026-000451")).toBe("PS-2026-000451");
    expect(orderLabel("#1001")).toBe("#1001");
  });

  it("names a dashboard refund's idempotency reference in words, keeps a platform's own", () => {
    const dashboard = { origin: "platform" as const, platformRefundRef: "dashboard:pay_1:dashboard-4f1c" };
    expect(refundReference(dashboard, en)).toBe("Requested in this dashboard");
    expect(refundReference(dashboard, fr)).toBe("Demandé depuis ce tableau de bord");
    expect(refundOrigin(dashboard, en)).toBe("dashboard");
    expect(refundReference({ platformRefundRef: "gid://shopify/Refund/9" }, en)).toBe(
      "gid://shopify/Refund/9",
    );
    expect(refundReference({ platformRefundRef: null }, en)).toBe("–");
  });
});

describe("readableError", () => {
  const refusal =
    "Alma refused: payment.purchase_amount: must be between 50,00\u202f€ and 2\u202f000,00\u202f€";

  it("turns Alma's field path refusal into a sentence with the reader's money", () => {
    expect(readableError(refusal, en, (c) => formatMoney(c, "en"))).toBe(
      "Alma refused: the amount must be between €50.00 and €2,000.00 for this plan.",
    );
    expect(readableError(refusal, fr, (c) => formatMoney(c, "fr")).replace(/\s/g, " ")).toBe(
      "Alma a refusé : le montant doit être compris entre 50,00 € et 2 000,00 € pour cette formule.",
    );
  });

  it("names other fields Alma refuses and never shows their path", () => {
    const text = readableError("Alma refused: customer.phone: invalid phone number", en, (c) => String(c));
    expect(text).toBe("Alma refused: the phone number: invalid phone number");
    expect(text).not.toContain("customer.phone");
  });

  it("says the dashboard API's own refusals in the reader's language", () => {
    expect(readableError("a payment link already has this reference", fr, String)).toBe(
      "Un lien de paiement a déjà cette référence.",
    );
    expect(readableError("this tenant has no Alma live key", fr, String)).toBe(
      "Ce marchand n'a pas de clé Alma de production.",
    );
    expect(readableError("a pending payment cannot be refunded", en, String)).toBe(
      "A payment in this state (pending) cannot be refunded.",
    );
  });

  it("leaves sentences it does not know as they are", () => {
    expect(readableError("connect ECONNREFUSED 127.0.0.1:443", fr, String)).toBe(
      "connect ECONNREFUSED 127.0.0.1:443",
    );
  });
});

describe("healthDetail", () => {
  it("says the server's health sentences in the reader's language, and keeps errors it does not know", () => {
    expect(healthDetail("the key works (4 fee plans allowed)", fr)).toBe(
      "la clé fonctionne (4 formules autorisées)",
    );
    expect(healthDetail("nothing to check for this platform", fr)).toBe(
      "rien à vérifier pour cette plateforme",
    );
    expect(healthDetail("the key works (1 fee plans allowed)", en)).toBe(
      "the key works (1 fee plan allowed)",
    );
    expect(healthDetail("connect ECONNREFUSED 127.0.0.1:443", fr)).toBe("connect ECONNREFUSED 127.0.0.1:443");
  });
});
