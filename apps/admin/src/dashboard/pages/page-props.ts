import type { DashboardApi } from "../dashboard-api.ts";
import type { Notify } from "../dashboard-app.tsx";

/** What every page of one tenant receives. */
export interface TenantPageProps {
  api: DashboardApi;
  tenantId: string;
  notify: Notify;
}
