import { CHECK_PAYMENT_JOB, checkPaymentJob } from "@alma-suite/core/flows";
import type { Storage } from "@alma-suite/core/storage";
import type { CliIo } from "./cli-io.ts";
import type { CliFlags } from "./jobs-command.ts";

/**
 * The payment watch from the command line: which open payments are checked at Alma next, and a
 * check forced now. A forced check is a durable job the server's worker runs (the CLI itself may
 * not reach Alma: the in-process sandbox lives in the server).
 */
export async function paymentsCommand(
  storage: Storage,
  args: string[],
  flags: CliFlags,
  io: CliIo,
  now: () => number = Date.now,
): Promise<number> {
  const [action, tenantId, paymentId] = args;
  switch (action) {
    case "checks":
    case undefined: {
      const limit = Number(flags.limit ?? 50);
      if (!Number.isInteger(limit) || limit < 1) return io.fail("--limit must be a positive whole number");
      const links = await storage.listDuePaymentChecks(Number.MAX_SAFE_INTEGER, limit);
      if (links.length === 0) io.out("no open payment is waiting for a check");
      for (const link of links) {
        const at = link.nextCheckAt === null ? "-" : new Date(link.nextCheckAt).toISOString();
        io.out(
          `${link.tenantId}  ${link.id}  ${link.state.padEnd(10)}  ${link.almaMode}  next check ${at}  checks made ${link.checkAttempts}`,
        );
      }
      return 0;
    }
    case "check": {
      if (!tenantId || !paymentId)
        return io.fail("usage: alma-suite payments check <tenant id> <payment id>");
      const link = await storage.getPaymentLink(tenantId, paymentId);
      if (!link) return io.fail(`no payment ${paymentId} for tenant ${tenantId}`);
      const job = await checkPaymentJob.enqueue(storage, {
        key: `${CHECK_PAYMENT_JOB}:${link.id}:forced:${now()}`,
        payload: { tenantId, paymentLinkId: link.id },
      });
      io.out(`check of ${link.id} queued (job ${job.id}); the server's worker asks Alma shortly`);
      return 0;
    }
    default:
      return io.fail(`unknown payments action "${action}" (checks, check)`);
  }
}
