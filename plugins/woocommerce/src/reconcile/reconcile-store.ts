import type { PlatformAdapter } from "@alma-suite/core";
import { loadStore } from "../store/load-store.ts";
import { isAlmaOrder } from "../store/store-settings.ts";
import type { WooDeps } from "../store/woo-deps.ts";
import { syncOrder } from "../sync/sync-order.ts";
import { WooApiError } from "../woo/woo-errors.ts";
import type { WooOrder } from "../woo/woo-schemas.ts";
import { loadReconcileState, type ReconcileState, saveReconcileState } from "./reconcile-cursor.ts";

export interface ReconcileProgress {
  page: number;
  totalPages: number;
  ordersSeen: number;
  repairs: number;
}

export interface ReconcileResult {
  ordersSeen: number;
  almaOrders: number;
  repairs: number;
  failures: number;
  /** How often each kind of repair happened, e.g. `{ "confirmed:paid": 1, "pay_link_queued": 2 }`. */
  actions: Record<string, number>;
  /** The page a crashed run was resumed after, if it was. */
  resumedAfterPage: number | null;
  modifiedAfter: string | null;
}

const MAX_RETRY = 500;
/** Re-read a little before the last run started: date_modified has one-second precision. */
const OVERLAP_MS = 60_000;

/**
 * Repairs drift between a store and Alma: pages through the orders modified since the last run
 * (oldest id first, so pages stay stable while new orders arrive at the end, following
 * `X-WP-TotalPages`) and syncs each Alma order both ways. The cursor is saved after every page, so a
 * run that dies resumes after the last finished page; memory holds one page at a time.
 */
export async function reconcileStore(
  deps: WooDeps,
  adapter: PlatformAdapter,
  tenantId: string,
  options: {
    perPage?: number;
    onProgress?: (progress: ReconcileProgress) => void;
    signal?: AbortSignal;
    /** Failed orders kept for the next run; beyond it the run stops rather than forget one. */
    maxRetry?: number;
  } = {},
): Promise<ReconcileResult> {
  const store = await loadStore(deps, tenantId);
  if (!store) throw new Error(`no active WooCommerce store ${tenantId}`);
  const perPage = options.perPage ?? 100;
  const maxRetry = options.maxRetry ?? MAX_RETRY;
  const state = await loadReconcileState(deps.storage, tenantId);
  const run = state.run ?? {
    startedAt: new Date(deps.now()).toISOString(),
    modifiedAfter: state.since,
    page: 0,
  };
  const result: ReconcileResult = {
    ordersSeen: 0,
    almaOrders: 0,
    repairs: 0,
    failures: 0,
    actions: {},
    resumedAfterPage: state.run ? state.run.page : null,
    modifiedAfter: run.modifiedAfter,
  };
  const retry = new Set<number>();
  let overflow = false;
  const sync = async (order: WooOrder) => {
    if (!isAlmaOrder(store.settings, order.payment_method)) return;
    result.almaOrders += 1;
    try {
      for (const action of await syncOrder(deps, adapter, store, order, "reconcile")) {
        result.repairs += 1;
        const kind = action.split(":")[0] ?? action;
        result.actions[kind] = (result.actions[kind] ?? 0) + 1;
      }
    } catch (error) {
      result.failures += 1;
      if (retry.size < maxRetry) retry.add(order.id);
      else overflow = true;
      deps.logger.warn(
        { tenantId, orderId: order.id, err: (error as Error).message },
        "reconciliation of an order failed",
      );
    }
  };
  const save = (next: Partial<ReconcileState>) =>
    saveReconcileState(deps.storage, tenantId, {
      since: state.since,
      run,
      retry: [...(state.retry ?? []), ...retry],
      ...next,
    });

  await save({});
  for (const id of state.retry ?? []) {
    const order = await store.woo.getOrder(id);
    if (order) await sync(order);
  }
  state.retry = [];
  const modifiedAfter = run.modifiedAfter ? new Date(Date.parse(run.modifiedAfter) - OVERLAP_MS) : undefined;
  for (let page = run.page + 1, totalPages = page; page <= totalPages; page++) {
    options.signal?.throwIfAborted();
    let batch: Awaited<ReturnType<typeof store.woo.listOrders>>;
    try {
      batch = await store.woo.listOrders({ page, perPage, ...(modifiedAfter ? { modifiedAfter } : {}) });
    } catch (error) {
      // Orders left the filter since the last page (deleted): there is no such page any more.
      if (error instanceof WooApiError && error.code === "woocommerce_rest_invalid_page_number") break;
      throw error;
    }
    totalPages = batch.totalPages;
    for (const order of batch.orders) {
      result.ordersSeen += 1;
      await sync(order);
    }
    if (overflow) {
      // More failures than the retry list holds: moving past this page would forget some of
      // them. Stop here; the next run resumes at this page (syncing is idempotent).
      await save({});
      throw new Error(
        `reconciliation stopped at page ${page}: more than ${maxRetry} orders failed; see the log, fix the cause and run it again`,
      );
    }
    run.page = page;
    await save({});
    options.onProgress?.({ page, totalPages, ordersSeen: result.ordersSeen, repairs: result.repairs });
  }
  await saveReconcileState(deps.storage, tenantId, { since: run.startedAt, run: null, retry: [...retry] });
  return result;
}
