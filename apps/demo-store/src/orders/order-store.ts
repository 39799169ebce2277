import { randomBytes, randomUUID } from "node:crypto";
import { type SqlRow, type Storage, sqlExecutorOf } from "@alma-suite/core/storage";
import { canMove, isOrderStatus, type OrderStatus } from "./order-status.ts";

export interface OrderItem {
  slug: string;
  name: string;
  quantity: number;
  unitCents: number;
}

/** One instalment as Alma's eligibility answer announced it when the shopper chose the plan. */
export interface ScheduleLine {
  /** ISO day, "2026-01-15". */
  dueDate: string;
  amountCents: number;
}

export interface DemoOrder {
  id: string;
  /** Shown to the customer and sent to the bridge as `order_reference`. */
  number: string;
  /** The browser that placed it: orders are only shown to their own session. */
  sessionId: string;
  items: OrderItem[];
  amountCents: number;
  refundedCents: number;
  plan: string | null;
  /** The chosen plan's instalments, shown to the shopper; empty for orders placed before it was kept. */
  schedule: ScheduleLine[];
  status: OrderStatus;
  /** The bridge's payment id (pay_…), once the checkout exists. */
  paymentId: string | null;
  createdAt: number;
  updatedAt: number;
}

function toOrder(row: SqlRow): DemoOrder {
  const status = String(row.status);
  return {
    id: String(row.id),
    number: String(row.number),
    sessionId: String(row.session_id),
    items: JSON.parse(String(row.items)) as OrderItem[],
    amountCents: Number(row.amount_cents),
    refundedCents: Number(row.refunded_cents),
    plan: row.plan === null ? null : String(row.plan),
    schedule: row.schedule ? (JSON.parse(String(row.schedule)) as ScheduleLine[]) : [],
    status: isOrderStatus(status) ? status : "pending",
    paymentId: row.payment_id === null ? null : String(row.payment_id),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/** The demo shop's orders, in its own `demo_orders` table. */
export class OrderStore {
  readonly #storage: Storage;
  readonly #now: () => number;

  constructor(storage: Storage, now: () => number) {
    this.#storage = storage;
    this.#now = now;
  }

  get #db() {
    return sqlExecutorOf(this.#storage);
  }

  async create(input: {
    sessionId: string;
    items: OrderItem[];
    amountCents: number;
    plan: string;
    schedule: ScheduleLine[];
  }): Promise<DemoOrder> {
    const now = this.#now();
    const order: DemoOrder = {
      id: randomUUID(),
      number: `DEMO-${randomBytes(4).toString("hex").toUpperCase()}`,
      sessionId: input.sessionId,
      items: input.items,
      amountCents: input.amountCents,
      refundedCents: 0,
      plan: input.plan,
      schedule: input.schedule,
      status: "pending",
      paymentId: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.#db.execute(
      `INSERT INTO demo_orders (id, number, session_id, items, amount_cents, refunded_cents, plan, schedule, status, payment_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 0, $6, $8, 'pending', NULL, $7, $7)`,
      [
        order.id,
        order.number,
        order.sessionId,
        JSON.stringify(order.items),
        order.amountCents,
        order.plan,
        now,
        JSON.stringify(order.schedule),
      ],
    );
    return order;
  }

  async get(id: string): Promise<DemoOrder | null> {
    const [row] = await this.#db.query("SELECT * FROM demo_orders WHERE id = $1", [id]);
    return row ? toOrder(row) : null;
  }

  /** The order if that browser placed it; another session's order is the same null as an unknown id. */
  async getForSession(id: string, sessionId: string): Promise<DemoOrder | null> {
    const order = await this.get(id);
    return order && order.sessionId === sessionId ? order : null;
  }

  async findByPaymentOrNumber(paymentId: string, number: string): Promise<DemoOrder | null> {
    const [row] = await this.#db.query("SELECT * FROM demo_orders WHERE payment_id = $1 OR number = $2", [
      paymentId,
      number,
    ]);
    return row ? toOrder(row) : null;
  }

  async listForSession(sessionId: string): Promise<DemoOrder[]> {
    const rows = await this.#db.query(
      "SELECT * FROM demo_orders WHERE session_id = $1 ORDER BY created_at DESC LIMIT 50",
      [sessionId],
    );
    return rows.map(toOrder);
  }

  async setPayment(id: string, paymentId: string): Promise<void> {
    await this.#db.execute("UPDATE demo_orders SET payment_id = $1, updated_at = $2 WHERE id = $3", [
      paymentId,
      this.#now(),
      id,
    ]);
  }

  /**
   * Applies what the bridge says about the payment, forward only (see canMove), as a compare-and-set
   * on the status read: a webhook and the customer's return racing each other cannot move it back.
   */
  async applyPayment(
    id: string,
    news: { status: OrderStatus; refundedCents: number },
  ): Promise<DemoOrder | null> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const order = await this.get(id);
      if (!order) return null;
      const refundedMore = news.refundedCents > order.refundedCents;
      if (!canMove(order.status, news.status) && !(refundedMore && order.status === news.status))
        return order;
      const changed = await this.#db.execute(
        "UPDATE demo_orders SET status = $1, refunded_cents = $2, updated_at = $3 WHERE id = $4 AND status = $5 AND refunded_cents = $6",
        [
          news.status,
          Math.max(news.refundedCents, order.refundedCents),
          this.#now(),
          id,
          order.status,
          order.refundedCents,
        ],
      );
      if (changed === 1) return this.get(id);
    }
    return this.get(id);
  }
}
