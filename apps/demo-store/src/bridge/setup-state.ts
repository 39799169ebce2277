import type { SqlExecutor } from "@alma-suite/core/storage";

/** Ids the demo needs across restarts; its secrets are not here but encrypted on its tenant. */
export interface SetupState {
  agencyId: string | null;
  tenantId: string | null;
  endpointId: string | null;
  endpointUrl: string | null;
}

const ROW = "demo";

export async function loadSetupState(db: SqlExecutor): Promise<SetupState> {
  const [row] = await db.query("SELECT * FROM demo_setup WHERE id = $1", [ROW]);
  const text = (value: unknown) => (typeof value === "string" ? value : null);
  return {
    agencyId: text(row?.agency_id),
    tenantId: text(row?.tenant_id),
    endpointId: text(row?.endpoint_id),
    endpointUrl: text(row?.endpoint_url),
  };
}

export async function saveSetupState(db: SqlExecutor, state: SetupState, now: number): Promise<void> {
  const values = [state.agencyId, state.tenantId, state.endpointId, state.endpointUrl, now, ROW];
  const changed = await db.execute(
    `UPDATE demo_setup SET agency_id = $1, tenant_id = $2, endpoint_id = $3, endpoint_url = $4,
       updated_at = $5 WHERE id = $6`,
    values,
  );
  if (changed === 0) {
    await db.execute(
      `INSERT INTO demo_setup (agency_id, tenant_id, endpoint_id, endpoint_url, updated_at, id)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      values,
    );
  }
}
