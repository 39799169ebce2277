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
async function messageFor(count: number, reference: string) {
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
    },
  );
  expect(outcome.status).toBe("created");
  expect(sent).toHaveLength(1);
  return sent[0] ?? { subject: "", text: "" };
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
});
