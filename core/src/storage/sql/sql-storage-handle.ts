import type { EnqueueInput, Job, JobListQuery, JobState } from "../../jobs/job.ts";
import * as jobs from "../../jobs/sql-job-queue.ts";
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
  Tenant,
  TenantPatch,
  TenantStatus,
} from "../records.ts";
import type { StorageTransaction } from "../storage.ts";
import * as events from "./event-queries.ts";
import * as instances from "./instance-queries.ts";
import * as outbox from "./outbox-queries.ts";
import * as payments from "./payment-queries.ts";
import * as refunds from "./refund-queries.ts";
import * as secrets from "./secret-queries.ts";
import type { SqlContext } from "./sql-executor.ts";
import * as tenants from "./tenant-queries.ts";

/**
 * Binds the shared SQL to one executor: the pooled/serialised one for the storage itself, or a
 * transaction's connection. The same class therefore serves as the handle passed to `transaction(fn)`.
 */
export class SqlStorageHandle implements StorageTransaction {
  protected readonly ctx: SqlContext;

  constructor(ctx: SqlContext) {
    this.ctx = ctx;
  }

  transaction<T>(fn: (tx: StorageTransaction) => Promise<T>): Promise<T> {
    return this.runInTransaction(fn);
  }

  /** A handle is already inside a transaction, so nesting joins it; storages override this. */
  protected runInTransaction<T>(fn: (tx: SqlStorageHandle, ctx: SqlContext) => Promise<T>): Promise<T> {
    return fn(this, this.ctx);
  }

  createTenant(input: NewTenant): Promise<{ tenant: Tenant; created: boolean }> {
    return tenants.createTenant(this.ctx, input);
  }
  getTenant(id: string): Promise<Tenant | null> {
    if (!isOwnId(id)) return Promise.resolve(null);
    return tenants.getTenant(this.ctx, id);
  }
  findTenantByExternalId(platform: Platform, externalId: string): Promise<Tenant | null> {
    return tenants.findTenantByExternalId(this.ctx, platform, externalId);
  }
  listTenants(query?: { platform?: Platform; status?: TenantStatus }): Promise<Tenant[]> {
    return tenants.listTenants(this.ctx, query);
  }
  updateTenant(id: string, patch: TenantPatch): Promise<Tenant | null> {
    return tenants.updateTenant(this.ctx, id, patch);
  }

  setSecret(tenantId: string, name: string, value: string): Promise<void> {
    return secrets.setSecret(this.ctx, tenantId, name, value);
  }
  getSecret(tenantId: string, name: string): Promise<string | null> {
    return secrets.getSecret(this.ctx, tenantId, name);
  }
  listSecrets(tenantId: string): Promise<SecretInfo[]> {
    return secrets.listSecrets(this.ctx, tenantId);
  }
  deleteSecret(tenantId: string, name: string): Promise<boolean> {
    return secrets.deleteSecret(this.ctx, tenantId, name);
  }
  resealSecrets(): Promise<{ resealed: number; unreadable: { tenantId: string; name: string }[] }> {
    return secrets.resealSecrets(this.ctx);
  }
  sealValue(context: string, value: string): string {
    return secrets.sealValue(this.ctx, context, value);
  }
  openValue(context: string, sealed: string): string {
    return secrets.openValue(this.ctx, context, sealed);
  }

  createPaymentLink(input: NewPaymentLink): Promise<{ link: PaymentLink; created: boolean }> {
    return payments.createPaymentLink(this.ctx, input);
  }
  getPaymentLink(tenantId: string, id: string): Promise<PaymentLink | null> {
    if (!isOwnId(tenantId) || !isOwnId(id)) return Promise.resolve(null);
    return payments.getPaymentLink(this.ctx, tenantId, id);
  }
  lockPaymentLink(tenantId: string, id: string): Promise<PaymentLink | null> {
    if (!isOwnId(tenantId) || !isOwnId(id)) return Promise.resolve(null);
    return payments.lockPaymentLink(this.ctx, tenantId, id);
  }
  findPaymentByOrderRef(tenantId: string, platformOrderRef: string): Promise<PaymentLink | null> {
    return payments.findPaymentByOrderRef(this.ctx, tenantId, platformOrderRef);
  }
  findPaymentByAlmaId(tenantId: string, almaPaymentId: string): Promise<PaymentLink | null> {
    return payments.findPaymentByAlmaId(this.ctx, tenantId, almaPaymentId);
  }
  findPaymentModeByAlmaId(
    tenantId: string,
    almaPaymentId: string,
  ): Promise<{ id: string; almaMode: AlmaMode } | null> {
    return payments.findPaymentModeByAlmaId(this.ctx, tenantId, almaPaymentId);
  }
  listDuePaymentChecks(dueBy: number, limit: number): Promise<PaymentLink[]> {
    return payments.listDuePaymentChecks(this.ctx, dueBy, limit);
  }
  schedulePaymentCheck(
    tenantId: string,
    id: string,
    schedule: { nextCheckAt: number | null; checkAttempts?: number },
  ): Promise<boolean> {
    return payments.schedulePaymentCheck(this.ctx, tenantId, id, schedule);
  }
  listPaymentLinks(tenantId: string, query?: PaymentListQuery): Promise<PaymentLink[]> {
    return payments.listPaymentLinks(this.ctx, tenantId, query);
  }
  updatePaymentLink(tenantId: string, id: string, patch: PaymentPatch): Promise<PaymentLink | null> {
    return payments.updatePaymentLink(this.ctx, tenantId, id, patch);
  }
  transitionPayment(
    tenantId: string,
    id: string,
    from: readonly PaymentState[],
    to: PaymentState,
    patch?: PaymentPatch,
    guard?: { almaPaymentId: string },
  ): Promise<boolean> {
    return payments.transitionPayment(this.ctx, tenantId, id, from, to, patch, guard);
  }

  createRefund(input: NewRefund): Promise<CreateRefundResult> {
    return this.runInTransaction((_tx, ctx) => refunds.createRefundLocked(ctx, input));
  }
  getRefund(tenantId: string, id: string): Promise<Refund | null> {
    if (!isOwnId(tenantId) || !isOwnId(id)) return Promise.resolve(null);
    return refunds.getRefund(this.ctx, tenantId, id);
  }
  findRefundByPlatformRef(tenantId: string, platformRefundRef: string): Promise<Refund | null> {
    return refunds.findRefundByPlatformRef(this.ctx, tenantId, platformRefundRef);
  }
  findRefundByAlmaId(tenantId: string, almaRefundId: string): Promise<Refund | null> {
    return refunds.findRefundByAlmaId(this.ctx, tenantId, almaRefundId);
  }
  listRefunds(tenantId: string, paymentLinkId: string): Promise<Refund[]> {
    return refunds.listRefunds(this.ctx, tenantId, paymentLinkId);
  }
  transitionRefund(
    tenantId: string,
    id: string,
    from: readonly RefundState[],
    to: RefundState,
    patch?: RefundPatch,
  ): Promise<boolean> {
    return refunds.transitionRefund(this.ctx, tenantId, id, from, to, patch);
  }
  sumRefundedCents(
    tenantId: string,
    paymentLinkId: string,
    options?: { succeededOnly?: boolean },
  ): Promise<number> {
    return refunds.sumRefundedCents(this.ctx, tenantId, paymentLinkId, options);
  }

  appendPaymentEvent(input: NewPaymentEvent): Promise<PaymentEvent> {
    return events.appendPaymentEvent(this.ctx, input);
  }
  listPaymentEvents(
    tenantId: string,
    paymentLinkId: string,
    query?: { limit?: number },
  ): Promise<PaymentEvent[]> {
    return events.listPaymentEvents(this.ctx, tenantId, paymentLinkId, query);
  }
  markNotificationProcessed(key: string): Promise<boolean> {
    return events.markNotificationProcessed(this.ctx, key);
  }
  isNotificationProcessed(key: string): Promise<boolean> {
    return events.isNotificationProcessed(this.ctx, key);
  }
  purgeProcessedNotifications(processedBefore: number): Promise<number> {
    return events.purgeProcessedNotifications(this.ctx, processedBefore);
  }
  recordInstanceAlive(id: string, withinMs: number): Promise<number> {
    return instances.recordInstanceAlive(this.ctx, id, withinMs);
  }
  forgetInstance(id: string): Promise<void> {
    return instances.forgetInstance(this.ctx, id);
  }
  countLiveInstances(withinMs: number): Promise<number> {
    return instances.countLiveInstances(this.ctx, withinMs);
  }

  addOutboxMessage(input: NewOutboxMessage): Promise<OutboxMessage> {
    return outbox.addOutboxMessage(this.ctx, input);
  }
  listOutboxMessages(tenantId: string, query?: OutboxQuery): Promise<OutboxMessage[]> {
    if (!isOwnId(tenantId)) return Promise.resolve([]);
    return outbox.listOutboxMessages(this.ctx, tenantId, query);
  }
  redactOutboxMessages(tenantId: string, who?: CustomerContact): Promise<number> {
    if (!isOwnId(tenantId)) return Promise.resolve(0);
    return outbox.redactOutboxMessages(this.ctx, tenantId, who);
  }

  async enqueue(input: EnqueueInput): Promise<Job> {
    const job = await jobs.enqueue(this.ctx, input);
    // A job scheduled for later waits for the poll that finds it due; an existing key's job that
    // already ran or runs has nothing new for a worker.
    if ((job.state === "pending" || job.state === "failed") && job.runAt <= this.ctx.now())
      this.ctx.onJobDue?.();
    return job;
  }
  getJob(id: string): Promise<Job | null> {
    return jobs.getJob(this.ctx, id);
  }
  getJobByKey(key: string): Promise<Job | null> {
    return jobs.getJobByKey(this.ctx, key);
  }
  listJobs(query?: JobListQuery): Promise<Job[]> {
    return jobs.listJobs(this.ctx, query);
  }
  countJobsByState(query?: { tenantId?: string }): Promise<Record<JobState, number>> {
    return jobs.countJobsByState(this.ctx, query);
  }
  async retryJob(id: string): Promise<Job | null> {
    const job = await jobs.retryJob(this.ctx, id);
    if (job) this.ctx.onJobDue?.();
    return job;
  }
  purgeDead(): Promise<number> {
    return jobs.purgeDead(this.ctx);
  }
  purgeDone(finishedBefore: number): Promise<number> {
    return jobs.purgeDone(this.ctx, finishedBefore);
  }
}

/**
 * Our ids are `prefix_hex`. Ids arrive from URLs, so anything else (a NUL byte, which PostgreSQL
 * refuses with an error, or a megabyte of text) is simply not found, on both databases alike.
 */
function isOwnId(id: string): boolean {
  return typeof id === "string" && /^[A-Za-z0-9_-]{1,100}$/.test(id);
}
