import type { JobLeaseStore, JobQueue } from "../jobs/job.ts";
import type { MigrationReport, PluginMigrations } from "./migrations/migration.ts";
import type { RateWindows } from "./rate-windows.ts";
import type {
  AlmaMode,
  CreateRefundResult,
  CustomerContact,
  NewOutboxMessage,
  NewPaymentEvent,
  NewPaymentLink,
  NewRefund,
  NewTenant,
  OutboxMessage,
  OutboxQuery,
  PaymentEvent,
  PaymentLink,
  PaymentListQuery,
  PaymentPatch,
  PaymentState,
  Platform,
  Refund,
  RefundPatch,
  RefundState,
  SecretInfo,
  SecretName,
  Tenant,
  TenantPatch,
  TenantStatus,
} from "./records.ts";

/**
 * Data access. Every payment, refund and event method takes the tenant id and scopes its query by it, so
 * one tenant never reads or changes another's data even with a guessed id.
 */
export interface StorageOps {
  /** Insert-or-get by (platform, externalId): a concurrent reinstall does not create a twin tenant. */
  createTenant(input: NewTenant): Promise<{ tenant: Tenant; created: boolean }>;
  getTenant(id: string): Promise<Tenant | null>;
  findTenantByExternalId(platform: Platform, externalId: string): Promise<Tenant | null>;
  listTenants(query?: { platform?: Platform; status?: TenantStatus }): Promise<Tenant[]>;
  updateTenant(id: string, patch: TenantPatch): Promise<Tenant | null>;

  /** Encrypts and stores; setting an existing name rotates it. */
  setSecret(tenantId: string, name: SecretName, value: string): Promise<void>;
  getSecret(tenantId: string, name: SecretName): Promise<string | null>;
  listSecrets(tenantId: string): Promise<SecretInfo[]>;
  deleteSecret(tenantId: string, name: SecretName): Promise<boolean>;
  /**
   * Seals every tenant's secrets again with the master key the storage seals with now (after a
   * rotation, the others open with a previous key). Values, dates and names are unchanged; a
   * secret set meanwhile keeps its new value. Secrets no key opens are left as they are and listed.
   */
  resealSecrets(): Promise<{ resealed: number; unreadable: { tenantId: string; name: string }[] }>;
  /**
   * Seals a value a plugin keeps in its own tables (a stored answer holding a token) with the
   * master key, bound to `context`: a value copied under another context fails to open.
   */
  sealValue(context: string, value: string): string;
  /** Opens what `sealValue` sealed under the same context; throws if no key opens it. */
  openValue(context: string, sealed: string): string;

  /** Insert-or-get by (tenantId, platformOrderRef): platforms retry their session/order calls. */
  createPaymentLink(input: NewPaymentLink): Promise<{ link: PaymentLink; created: boolean }>;
  getPaymentLink(tenantId: string, id: string): Promise<PaymentLink | null>;
  findPaymentByOrderRef(tenantId: string, platformOrderRef: string): Promise<PaymentLink | null>;
  findPaymentByAlmaId(tenantId: string, almaPaymentId: string): Promise<PaymentLink | null>;
  /** The link holding this Alma payment and the Alma mode it was made in (the IPN's one read). */
  findPaymentModeByAlmaId(
    tenantId: string,
    almaPaymentId: string,
  ): Promise<{ id: string; almaMode: AlmaMode } | null>;
  /**
   * The payment watch's read, across tenants (like the job queue): links whose next check at Alma
   * is due by `dueBy`, most overdue first. Never shown to a merchant as such.
   */
  listDuePaymentChecks(dueBy: number, limit: number): Promise<PaymentLink[]>;
  /**
   * When the payment watch next checks this open link (null: never), and how many checks it has
   * made. `updatedAt` is left alone; a link already final is not touched (false).
   */
  schedulePaymentCheck(
    tenantId: string,
    id: string,
    schedule: { nextCheckAt: number | null; checkAttempts?: number },
  ): Promise<boolean>;
  listPaymentLinks(tenantId: string, query?: PaymentListQuery): Promise<PaymentLink[]>;
  updatePaymentLink(tenantId: string, id: string, patch: PaymentPatch): Promise<PaymentLink | null>;
  /**
   * Compare-and-set: moves the link to `to` only if its state is one of `from`, applying `patch` in the
   * same statement. Exactly one of any number of concurrent callers gets true.
   */
  transitionPayment(
    tenantId: string,
    id: string,
    from: readonly PaymentState[],
    to: PaymentState,
    patch?: PaymentPatch,
    /** Also requires the link to still hold this Alma payment (a retry may have replaced it). */
    guard?: { almaPaymentId: string },
  ): Promise<boolean>;

  createRefund(input: NewRefund): Promise<CreateRefundResult>;
  getRefund(tenantId: string, id: string): Promise<Refund | null>;
  findRefundByPlatformRef(tenantId: string, platformRefundRef: string): Promise<Refund | null>;
  findRefundByAlmaId(tenantId: string, almaRefundId: string): Promise<Refund | null>;
  listRefunds(tenantId: string, paymentLinkId: string): Promise<Refund[]>;
  transitionRefund(
    tenantId: string,
    id: string,
    from: readonly RefundState[],
    to: RefundState,
    patch?: RefundPatch,
  ): Promise<boolean>;
  /**
   * Sum of pending and succeeded refunds, i.e. what can no longer be refunded; with
   * `succeededOnly`, what Alma has actually refunded (a pending refund may still fail).
   */
  sumRefundedCents(
    tenantId: string,
    paymentLinkId: string,
    options?: { succeededOnly?: boolean },
  ): Promise<number>;

  appendPaymentEvent(input: NewPaymentEvent): Promise<PaymentEvent>;
  /** Oldest first. */
  listPaymentEvents(
    tenantId: string,
    paymentLinkId: string,
    query?: { limit?: number },
  ): Promise<PaymentEvent[]>;

  /** True the first time a key is seen, false afterwards (insert-or-ignore). */
  markNotificationProcessed(key: string): Promise<boolean>;
  /** Whether `markNotificationProcessed` has seen the key (a check made before acting, marked after). */
  isNotificationProcessed(key: string): Promise<boolean>;
  /**
   * Forgets keys marked before `processedBefore` (epoch ms) and returns how many. Keys guard
   * against a repeat within days (a redelivered webhook, a creation claim, a login link), so the
   * periodic purge keeps a month of them.
   */
  purgeProcessedNotifications(processedBefore: number): Promise<number>;

  /**
   * Records that server instance `id` is running now, and answers how many instances, this one
   * included, were seen within the last `withinMs`: how many share the rate limits.
   */
  recordInstanceAlive(id: string, withinMs: number): Promise<number>;
  /** Forgets an instance that stops, so the others take its share back at their next count. */
  forgetInstance(id: string): Promise<void>;
  /** How many instances were seen within the last `withinMs`, without counting the caller. */
  countLiveInstances(withinMs: number): Promise<number>;

  /** Records a message sent (or kept) for a tenant's customer; append-only. */
  addOutboxMessage(input: NewOutboxMessage): Promise<OutboxMessage>;
  /** Newest first; `to` keeps the messages sent to one customer (a GDPR export). */
  listOutboxMessages(tenantId: string, query?: OutboxQuery): Promise<OutboxMessage[]>;
  /**
   * GDPR erasure: recipient and body of the messages to this customer (all the tenant's messages
   * without `who`) become "[redacted]"; the rows stay as the record that something was sent.
   * Returns how many messages were redacted now.
   */
  redactOutboxMessages(tenantId: string, who?: CustomerContact): Promise<number>;
}

/** The handle given to `transaction(fn)`: data and job writes that commit or roll back together. */
export interface StorageTransaction extends StorageOps, JobQueue {
  /**
   * Reads a payment link and keeps other writers off it until this transaction ends (PostgreSQL
   * `FOR UPDATE`; a SQLite transaction already excludes every other writer): the read of a
   * read-modify-write, e.g. merging fields into `custom`. Outside a transaction it is a plain read.
   */
  lockPaymentLink(tenantId: string, id: string): Promise<PaymentLink | null>;
  /** Nested calls join the enclosing transaction. */
  transaction<T>(fn: (tx: StorageTransaction) => Promise<T>): Promise<T>;
}

export type SqlDialect = "sqlite" | "postgres";

export interface MigrateOptions {
  /** The plugins' own schema histories, applied after core's. */
  plugins?: readonly PluginMigrations[];
  onApplied?: (migration: { version: number; name: string; plugin?: string }) => void;
}

export interface Storage extends StorageTransaction, JobLeaseStore {
  readonly dialect: SqlDialect;
  /**
   * Applies pending migrations in order, core's then each given plugin's, in one transaction; a
   * re-run applies nothing.
   */
  migrate(options?: MigrateOptions): Promise<MigrationReport>;
  /** Throws when the database cannot answer `SELECT 1`. */
  health(): Promise<void>;
  /** Rate-limit counters shared by every instance on this database; absent where there is one instance. */
  readonly rateWindows?: RateWindows;
  close(): Promise<void>;
}
