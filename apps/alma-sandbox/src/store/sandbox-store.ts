import { DatabaseSync } from "node:sqlite";
import type { IpnDelivery } from "../ipn/ipn-delivery.ts";
import type { BusinessEventRecord } from "../merchants/business-event-record.ts";
import type { IntegrationConfiguration } from "../merchants/integration-configuration.ts";
import type { MerchantRecord } from "../merchants/merchant-record.ts";
import type { PaymentRecord } from "../payments/payment-record.ts";
import type { SmsRecord } from "../payments/sms-record.ts";
import type { ShareOfCheckoutRecord } from "../share-of-checkout/share-of-checkout-record.ts";
import type { WebhookRecord } from "../webhooks/webhook-record.ts";
import { DocumentTable } from "./document-table.ts";

/**
 * Everything the sandbox remembers. Always SQLite: `:memory:` by default, a file when asked, so
 * both modes run the same code and a demo on a file survives a restart.
 */
export class SandboxStore {
  readonly payments: DocumentTable<PaymentRecord>;
  readonly merchants: DocumentTable<MerchantRecord>;
  /** Issued keys (by hash) → their merchant: a key not in here was never issued. */
  readonly apiKeys: DocumentTable<{ merchantId: string }>;
  readonly ipns: DocumentTable<IpnDelivery>;
  readonly sms: DocumentTable<SmsRecord>;
  /** Order id → its payment (orders live inside their payment); owner: the merchant. */
  readonly orders: DocumentTable<{ orderId: string; paymentId: string }>;
  readonly businessEvents: DocumentTable<BusinessEventRecord>;
  /** One per merchant and day shared; owner: the merchant. */
  readonly shareOfCheckout: DocumentTable<ShareOfCheckoutRecord>;
  readonly webhooks: DocumentTable<WebhookRecord>;
  /** One per merchant: what `PUT /v1/integration-configuration/api` registered. */
  readonly integrations: DocumentTable<IntegrationConfiguration>;
  readonly settings: DocumentTable<unknown>;
  readonly #db: DatabaseSync;

  constructor(file?: string) {
    this.#db = new DatabaseSync(file ?? ":memory:");
    this.#db.exec(`
      PRAGMA journal_mode = WAL;
      CREATE TABLE IF NOT EXISTS documents (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        owner TEXT,
        due_at INTEGER,
        body TEXT NOT NULL,
        UNIQUE (kind, id)
      );
      CREATE INDEX IF NOT EXISTS documents_owner ON documents (kind, owner, seq);
      CREATE INDEX IF NOT EXISTS documents_due ON documents (kind, due_at);
    `);
    this.payments = new DocumentTable(this.#db, "payment");
    this.merchants = new DocumentTable(this.#db, "merchant");
    this.apiKeys = new DocumentTable(this.#db, "api_key");
    this.ipns = new DocumentTable(this.#db, "ipn");
    this.sms = new DocumentTable(this.#db, "sms");
    this.orders = new DocumentTable(this.#db, "order");
    this.businessEvents = new DocumentTable(this.#db, "business_event");
    this.shareOfCheckout = new DocumentTable(this.#db, "share_of_checkout");
    this.webhooks = new DocumentTable(this.#db, "webhook");
    this.integrations = new DocumentTable(this.#db, "integration");
    this.settings = new DocumentTable(this.#db, "setting");
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }
}
