import { DASHBOARD_OPERATIONS, dashboardErrorSchema } from "@alma-suite/core/dashboard-api";

/**
 * Checks an answer of `/dashboard/api` against the schema its operation declares: the success
 * answer against the operation's, a refusal against the error shape. Throws (failing the test)
 * when the server answers something its own schemas, and so the admin app's types, do not say.
 */
export function checkDashboardAnswer(method: string, path: string, status: number, body: unknown): void {
  const bare = path.split("?")[0] ?? path;
  const op = DASHBOARD_OPERATIONS.find(
    (o) =>
      o.method === method.toLowerCase() &&
      new RegExp(`^${o.path.replace(/:[A-Za-z]+/g, "[^/]+")}$`).test(bare),
  );
  if (!op) return;
  if (status === op.success.status && op.success.schema) {
    const parsed = op.success.schema.safeParse(body);
    if (!parsed.success) throw new Error(`${op.id} answered outside its schema: ${parsed.error.message}`);
  } else if (status >= 400 && status < 500) {
    const parsed = dashboardErrorSchema.safeParse(body);
    if (!parsed.success) throw new Error(`${op.id} refused outside the error shape: ${parsed.error.message}`);
  }
}
