import { Badge, InlineStack, Spinner } from "@shopify/polaris";
import { useCallback } from "react";
import type { DashboardApi } from "./dashboard-api.ts";
import { useAnswer } from "./use-answer.ts";

/** A tenant's connection health at a glance: Alma, its platform, and jobs needing attention. */
export function HealthBadges(props: { api: DashboardApi; tenantId: string }) {
  const { api, tenantId } = props;
  const { state } = useAnswer(useCallback(() => api.health(tenantId), [api, tenantId]));
  if (state.kind === "loading") return <Spinner size="small" accessibilityLabel="Checking health" />;
  if (state.kind === "failed") return <Badge tone="critical">Health unknown</Badge>;
  const health = state.value;
  const stuck = health.jobs.failed + health.jobs.dead;
  return (
    <InlineStack gap="100" wrap>
      <Badge
        tone={health.alma.ok ? "success" : "critical"}
      >{`Alma ${health.alma.ok ? "OK" : "failing"}`}</Badge>
      {health.platform.ok === null ? null : (
        <Badge tone={health.platform.ok ? "success" : "critical"}>
          {`Platform ${health.platform.ok ? "OK" : "failing"}`}
        </Badge>
      )}
      {stuck > 0 ? <Badge tone="warning">{`${stuck} job${stuck === 1 ? "" : "s"} to look at`}</Badge> : null}
    </InlineStack>
  );
}
