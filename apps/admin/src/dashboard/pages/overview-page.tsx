import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  InlineStack,
  Layout,
  Link,
  Page,
  Text,
} from "@shopify/polaris";
import { useCallback, useState } from "react";
import type { TenantRow } from "../dashboard-types.ts";
import { formatTime } from "../format-time.ts";
import { Loaded } from "../loaded.tsx";
import { sectionHash } from "../route.ts";
import { StateBadge } from "../state-badge.tsx";
import { useAnswer } from "../use-answer.ts";
import type { TenantPageProps } from "./page-props.ts";

/** One tenant's connection health in words, and (operator) a login link for its merchant. */
export function OverviewPage(props: TenantPageProps & { tenant?: TenantRow; canMakeLoginLinks: boolean }) {
  const { api, tenantId } = props;
  const { state } = useAnswer(useCallback(() => api.health(tenantId), [api, tenantId]));
  const [link, setLink] = useState<{ url: string; expiresAt: number } | null>(null);
  const makeLink = async () => {
    const answer = await api.createLoginLink(tenantId);
    if (answer.ok) setLink(answer.value);
    else props.notify(answer.error, true);
  };
  return (
    <Page
      title={props.tenant?.name ?? "Overview"}
      subtitle={props.tenant ? `${props.tenant.platform} · ${props.tenant.externalId}` : undefined}
      titleMetadata={props.tenant ? <StateBadge state={props.tenant.status} /> : undefined}
    >
      <Layout>
        <Layout.Section>
          <Card>
            <Loaded state={state} label="health">
              {(health) => (
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Connection health
                  </Text>
                  <Line
                    ok={health.alma.ok}
                    label={`Alma (${health.alma.mode})`}
                    detail={health.alma.detail}
                  />
                  <Line ok={health.platform.ok} label="Platform" detail={health.platform.detail} />
                  <Text as="p">{`Last notification from Alma: ${formatTime(health.lastNotificationAt)}`}</Text>
                  <Text as="p">
                    {`Jobs failed: ${health.jobs.failed}, dead: ${health.jobs.dead}. `}
                    <Link url={sectionHash(tenantId, "jobs")}>See jobs</Link>
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
                  Merchant access
                </Text>
                <Text as="p">
                  A login link signs the merchant in to this tenant only. It works once, for 15 minutes.
                </Text>
                <InlineStack>
                  <Button onClick={makeLink}>Create a login link</Button>
                </InlineStack>
                {link ? (
                  <Banner tone="info" title={`Valid until ${formatTime(link.expiresAt)}`}>
                    <p style={{ overflowWrap: "anywhere" }}>{link.url}</p>
                  </Banner>
                ) : null}
              </BlockStack>
            </Card>
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}

function Line(props: { ok: boolean | null; label: string; detail: string }) {
  const status = props.ok === null ? "Not checked" : props.ok ? "OK" : "Failing";
  return (
    <InlineStack gap="200" blockAlign="center" wrap>
      <Text as="span" fontWeight="semibold">
        {props.label}
      </Text>
      <Badge tone={props.ok === null ? undefined : props.ok ? "success" : "critical"}>{status}</Badge>
      <Text as="span" tone="subdued">
        {props.detail}
      </Text>
    </InlineStack>
  );
}
