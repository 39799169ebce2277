import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { provisionSandboxKeys } from "@alma-suite/alma-sandbox/testing";
import { AlmaClient } from "@alma-suite/core";
import { createPosPaymentLink } from "@alma-suite/core/flows";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/load-config.ts";
import { type RunningServer, startServer } from "../src/create-server.ts";
import { createLogger } from "../src/observability/create-logger.ts";

const silent = createLogger({ level: "silent" });
let server: RunningServer;
beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "pos-message-"));
  server = await startServer(loadConfig({ PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent" }), silent, {
    plugins: [],
  });
});
afterAll(() => server?.stop());

/** The e-mail a customer receives for a PoS link of `count` instalments, with the in-process sandbox. */
async function messageFor(count: number, reference: string, locale?: string) {
  const key = `sk_test_posMessage${count}x0001`;
  await provisionSandboxKeys(server.almaBaseUrl, key);
  const { tenant } = await server.storage.createTenant({
    platform: "bridge",
    externalId: reference,
    name: "Atelier Alma",
  });
  await server.storage.setSecret(tenant.id, "alma_test_key", key);
  const sent: { subject: string; text: string }[] = [];
  const outcome = await createPosPaymentLink(
    {
      storage: server.storage,
      alma: new AlmaClient({ apiKey: key, baseUrl: server.almaBaseUrl }),
      publicUrl: "http://127.0.0.1:9",
      sendEmail: async (mail) => {
        sent.push({ subject: mail.subject, text: mail.text });
        return "outbox";
      },
      logger: silent,
    },
    {
      tenant,
      amountCents: 100000,
      reference,
      installmentsCount: count,
      customer: { email: "lea@example.com" },
      ...(locale ? { locale } : {}),
    },
  );
  expect(outcome.status).toBe("created");
  expect(sent).toHaveLength(1);
  if (outcome.status !== "created") throw new Error("no link");
  const payment = await new AlmaClient({ apiKey: key, baseUrl: server.almaBaseUrl }).payments.fetch(
    outcome.link.almaPaymentId ?? "",
  );
  return { ...(sent[0] ?? { subject: "", text: "" }), almaLocale: payment.locale };
}

describe("payment-link e-mail", () => {
  it("is written in French, with the money the French way", async () => {
    const mail = await messageFor(3, "MSG-3");
    expect(mail.subject).toBe("Atelier Alma : votre lien de paiement");
    expect(mail.text).toMatch(/^Atelier Alma : payez 1\u202f000,00\u00a0€ en 3 fois avec Alma : http/);
    expect(mail.text).not.toContain("TAEG");
  });

  it("carries the credit terms of a 10x: the sandbox's TAEG, cost, total due and the L312-5 warning", async () => {
    const mail = await messageFor(10, "MSG-10");
    expect(mail.text).toContain("TAEG fixe : 17,20\u00a0%");
    expect(mail.text).toMatch(/Coût total du crédit : [\d\u202f]+,\d\d\u00a0€/);
    expect(mail.text).toMatch(/Montant total dû : 1\u202f[\d\u202f]+,\d\d\u00a0€/);
    expect(mail.text).toContain(
      "Un crédit vous engage et doit être remboursé. Vérifiez vos capacités de remboursement avant de vous engager.",
    );
  });

  it("names the fees of a 3x, and asks Alma for a French page", async () => {
    const mail = await messageFor(3, "MSG-3-FEES");
    expect(mail.almaLocale).toBe("fr");
    // The sandbox's 3x costs the customer 1.45 %.
    expect(mail.text.split("\n").slice(1)).toEqual([
      "Frais de service : 14,50\u00a0€, inclus dans la première échéance",
    ]);
  });

  it("is written in English for an English-speaking customer, and Alma's page too", async () => {
    const mail = await messageFor(10, "MSG-10-EN", "en-GB");
    expect(mail.almaLocale).toBe("en");
    expect(mail.subject).toBe("Atelier Alma: your payment link");
    expect(mail.text).toMatch(/^Atelier Alma: pay €1,000\.00 in 10 instalments with Alma: http/);
    expect(mail.text).toContain("Fixed APR: 17.20%");
    expect(mail.text).toMatch(/Total cost of credit: €[\d,]+\.\d\d/);
    expect(mail.text).toMatch(/Total amount due: €1,[\d,]+\.\d\d/);
    expect(mail.text).toContain("Borrowing commits you and must be repaid.");
    expect(mail.text).not.toMatch(/crédit|TAEG|€\s?fois/);
  });
});
