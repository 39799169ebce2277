import { describe, expect, it } from "vitest";
import type { AlmaClient } from "../alma/alma-client.ts";
import { AlmaAuthenticationError } from "../alma/errors.ts";
import { memoryStorage } from "../testing/memory-storage.ts";
import { sendPosLink } from "./send-pos-link.ts";

const silent = { info() {}, warn() {}, error() {}, debug() {} };

async function setup(sms: () => Promise<void>) {
  const storage = await memoryStorage();
  const { tenant } = await storage.createTenant({ platform: "bridge", externalId: "pos", name: "Boutique" });
  const { link } = await storage.createPaymentLink({
    tenantId: tenant.id,
    platformOrderRef: "pos:T-9",
    amountCents: 9000,
    currency: "EUR",
    almaPaymentId: "payment_11pos",
    custom: { channel: "pos" },
  });
  const mails: string[] = [];
  const deps = {
    storage,
    alma: { payments: { sendSms: sms } } as unknown as AlmaClient,
    sendEmail: async (m: { to: string }) => {
      mails.push(m.to);
      return "outbox";
    },
    logger: silent,
  };
  const input = { tenant, link, url: "https://pay.example/p", text: "Pay at https://pay.example/p" };
  return { storage, tenant, deps, input, mails };
}

describe("sending a PoS payment link", () => {
  it("falls back to e-mail when Alma has not enabled send-sms (403)", async () => {
    const refused = async () => {
      throw new AlmaAuthenticationError("send-sms is not enabled", { status: 403 });
    };
    const { storage, tenant, deps, input, mails } = await setup(refused);
    const sent = await sendPosLink(deps, {
      ...input,
      customer: { phone: "+33612345678", email: "lea@example.com" },
    });
    expect(sent).toEqual({ channel: "email", to: "le***@example.com" });
    expect(mails).toEqual(["lea@example.com"]);
    const [message] = await storage.listOutboxMessages(tenant.id);
    expect(message).toMatchObject({ channel: "email", transport: "outbox", paymentLinkId: input.link.id });
  });

  it("sends nothing when SMS is refused and there is no e-mail, and rethrows real faults", async () => {
    const refused = async () => {
      throw new AlmaAuthenticationError("forbidden", { status: 403 });
    };
    const none = await setup(refused);
    expect(await sendPosLink(none.deps, { ...none.input, customer: { phone: "+33612345678" } })).toBeNull();
    expect(await none.storage.listOutboxMessages(none.tenant.id)).toEqual([]);
    const down = await setup(async () => {
      throw new Error("connection reset");
    });
    await expect(
      sendPosLink(down.deps, { ...down.input, customer: { phone: "+33612345678" } }),
    ).rejects.toThrow("connection reset");
  });
});
