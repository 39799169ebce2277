import { Box, Card, Link, Page, Text } from "@shopify/polaris";
import { useCallback } from "react";
import type { DashboardApi } from "../dashboard-api.ts";
import { formatTime } from "../format-time.ts";
import { HealthBadges } from "../health-badges.tsx";
import { LabelledDataTable } from "../labelled-data-table.tsx";
import { Loaded } from "../loaded.tsx";
import { sectionHash } from "../route.ts";
import { StateBadge } from "../state-badge.tsx";
import { useAnswer } from "../use-answer.ts";

/** The operator's home: every tenant with its connection health. */
export function TenantsPage(props: { api: DashboardApi }) {
  const { api } = props;
  const { state } = useAnswer(useCallback(() => api.tenants(), [api]));
  return (
    <Page title="Tenants">
      <Card padding="0">
        <Loaded state={state} label="tenants">
          {({ tenants }) =>
            tenants.length === 0 ? (
              <Box padding="400">
                <Text as="p">
                  No tenant yet: install the Shopify app, connect a WooCommerce store or create a bridge
                  merchant.
                </Text>
              </Box>
            ) : (
              <LabelledDataTable
                label="Tenants"
                columnContentTypes={["text", "text", "text", "text", "text", "text"]}
                headings={["Name", "Platform", "Alma", "Status", "Health", "Since"]}
                rows={tenants.map((t) => [
                  <Link key="name" url={sectionHash(t.id, "overview")}>
                    {t.name}
                  </Link>,
                  `${t.platform} · ${t.externalId}`,
                  t.almaMode,
                  <StateBadge key="status" state={t.status} />,
                  <HealthBadges key="health" api={api} tenantId={t.id} />,
                  formatTime(t.createdAt),
                ])}
              />
            )
          }
        </Loaded>
      </Card>
    </Page>
  );
}
