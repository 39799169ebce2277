import { Badge, InlineStack, Spinner } from "@shopify/polaris";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import type { DashboardApi } from "./dashboard-api.ts";
import { useAnswer } from "./use-answer.ts";

/** A tenant's connection health at a glance: Alma, its platform, and jobs needing attention. */
export function HealthBadges(props: { api: DashboardApi; tenantId: string }) {
  const { api, tenantId } = props;
  const { t } = useTranslation();
  const { state } = useAnswer(useCallback(() => api.health(tenantId), [api, tenantId]));
  if (state.kind === "loading") return <Spinner size="small" accessibilityLabel={t("health.checking")} />;
  if (state.kind === "failed") return <Badge tone="critical">{t("health.unknown")}</Badge>;
  const health = state.value;
  const stuck = health.jobs.failed + health.jobs.dead;
  return (
    <InlineStack gap="100" wrap>
      <Badge tone={health.alma.ok ? "success" : "critical"}>
        {health.alma.ok ? t("health.almaOk") : t("health.almaFailing")}
      </Badge>
      {health.platform.ok === null ? null : (
        <Badge tone={health.platform.ok ? "success" : "critical"}>
          {health.platform.ok ? t("health.platformOk") : t("health.platformFailing")}
        </Badge>
      )}
      {stuck > 0 ? <Badge tone="warning">{t("health.stuckJobs", { count: stuck })}</Badge> : null}
    </InlineStack>
  );
}
