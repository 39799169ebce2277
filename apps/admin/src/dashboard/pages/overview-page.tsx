import { Badge, Banner, BlockStack, Button, Card, InlineStack, Layout, Link, Text } from "@shopify/polaris";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/use-format.ts";
import type { TenantRow } from "../dashboard-types.ts";
import { healthDetail } from "../display.ts";
import { Loaded } from "../loaded.tsx";
import { TitledPage } from "../page-title.tsx";
import { sectionHash } from "../route.ts";
import { StateBadge } from "../state-badge.tsx";
import { useAnswer } from "../use-answer.ts";
import type { TenantPageProps } from "./page-props.ts";

/** One tenant's connection health in words, and (operator) a login link for its merchant. */
export function OverviewPage(props: TenantPageProps & { tenant?: TenantRow; canMakeLoginLinks: boolean }) {
  const { api, tenantId } = props;
  const { t } = useTranslation();
  const format = useFormat();
  const { state } = useAnswer(useCallback(() => api.health(tenantId), [api, tenantId]));
  const [link, setLink] = useState<{ url: string; expiresAt: number } | null>(null);
  const makeLink = async () => {
    const answer = await api.createLoginLink(tenantId);
    if (answer.ok) setLink(answer.value);
    else props.notify(answer.error, true);
  };
  return (
    <TitledPage
      title={props.tenant?.name ?? t("sections.overview")}
      subtitle={props.tenant ? `${props.tenant.platform} · ${props.tenant.externalId}` : undefined}
      titleMetadata={props.tenant ? <StateBadge state={props.tenant.status} /> : undefined}
    >
      <Layout>
        <Layout.Section>
          <Card>
            <Loaded state={state} label={t("overview.what")}>
              {(health) => (
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    {t("overview.health")}
                  </Text>
                  <Line
                    ok={health.alma.ok}
                    label={`Alma (${t(`almaModes.${health.alma.mode}`, { defaultValue: health.alma.mode })})`}
                    detail={health.alma.detail}
                  />
                  <Line
                    ok={health.platform.ok}
                    label={t("overview.platform")}
                    detail={health.platform.detail}
                  />
                  <Text as="p">
                    {t("overview.lastNotification", { at: format.time(health.lastNotificationAt) })}
                  </Text>
                  <Text as="p">
                    {`${t("overview.jobs", { failed: health.jobs.failed, dead: health.jobs.dead })} `}
                    <Link url={sectionHash(tenantId, "jobs")}>{t("overview.seeJobs")}</Link>
                  </Text>
                </BlockStack>
              )}
            </Loaded>
          </Card>
        </Layout.Section>
        {props.canMakeLoginLinks ? (
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t("overview.access")}
                </Text>
                <Text as="p">{t("overview.accessHelp")}</Text>
                <InlineStack>
                  <Button onClick={makeLink}>{t("overview.createLink")}</Button>
                </InlineStack>
                {link ? (
                  <Banner tone="info" title={t("overview.validUntil", { at: format.time(link.expiresAt) })}>
                    <p style={{ overflowWrap: "anywhere" }}>{link.url}</p>
                  </Banner>
                ) : null}
              </BlockStack>
            </Card>
          </Layout.Section>
        ) : null}
      </Layout>
    </TitledPage>
  );
}

function Line(props: { ok: boolean | null; label: string; detail: string }) {
  const { t } = useTranslation();
  const status =
    props.ok === null ? t("overview.notChecked") : props.ok ? t("overview.ok") : t("overview.failing");
  return (
    <InlineStack gap="200" blockAlign="center" wrap>
      <Text as="span" fontWeight="semibold">
        {props.label}
      </Text>
      <Badge tone={props.ok === null ? undefined : props.ok ? "success" : "critical"}>{status}</Badge>
      <Text as="span" tone="subdued">
        {healthDetail(props.detail, t)}
      </Text>
    </InlineStack>
  );
}
