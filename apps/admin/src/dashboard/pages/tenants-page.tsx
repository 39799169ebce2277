import { Card, Link } from "@shopify/polaris";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/use-format.ts";
import type { DashboardApi } from "../dashboard-api.ts";
import { HealthBadges } from "../health-badges.tsx";
import { LabelledDataTable } from "../labelled-data-table.tsx";
import { Loaded } from "../loaded.tsx";
import { TitledPage } from "../page-title.tsx";
import { sectionHash } from "../route.ts";
import { StateBadge } from "../state-badge.tsx";
import { useAnswer } from "../use-answer.ts";

/** The operator's home: every tenant with its connection health. */
export function TenantsPage(props: { api: DashboardApi }) {
  const { api } = props;
  const { t } = useTranslation();
  const format = useFormat();
  const { state } = useAnswer(useCallback(() => api.tenants(), [api]));
  return (
    <TitledPage title={t("tenants.title")}>
      <Card padding="0">
        <Loaded state={state} label={t("tenants.what")}>
          {({ tenants }) => (
            <LabelledDataTable
              none={t("tenants.none")}
              label={t("tenants.title")}
              columnContentTypes={["text", "text", "text", "text", "text", "text"]}
              headings={[
                t("tenants.name"),
                t("tenants.platform"),
                t("tenants.alma"),
                t("tenants.status"),
                t("tenants.health"),
                t("tenants.since"),
              ]}
              rows={tenants.map((tenant) => [
                <Link key="name" url={sectionHash(tenant.id, "overview")}>
                  {tenant.name}
                </Link>,
                `${tenant.platform} · ${tenant.externalId}`,
                t(`almaModes.${tenant.almaMode}`, { defaultValue: tenant.almaMode }),
                <StateBadge key="status" state={tenant.status} />,
                <HealthBadges key="health" api={api} tenantId={tenant.id} />,
                format.time(tenant.createdAt),
              ])}
            />
          )}
        </Loaded>
      </Card>
    </TitledPage>
  );
}
