import { Banner, Box, Button, Card, Page, Text } from "@shopify/polaris";
import { useCallback, useState } from "react";
import type { DeliveryRow } from "../dashboard-types.ts";
import { formatTime } from "../format-time.ts";
import { LabelledDataTable } from "../labelled-data-table.tsx";
import { Loaded } from "../loaded.tsx";
import { StateBadge } from "../state-badge.tsx";
import { useAnswer } from "../use-answer.ts";
import type { TenantPageProps } from "./page-props.ts";

/** Signed webhooks sent to the agency's endpoints, with a replay for any that finished. */
export function DeliveriesPage(props: TenantPageProps) {
  const { api, tenantId, notify } = props;
  const { state, reload } = useAnswer(useCallback(() => api.deliveries(tenantId), [api, tenantId]));
  const [replaying, setReplaying] = useState<string | null>(null);
  const replay = async (delivery: DeliveryRow) => {
    setReplaying(delivery.id);
    const answer = await api.replayDelivery(tenantId, delivery.id);
    setReplaying(null);
    notify(answer.ok ? `${delivery.eventType} will be sent again` : answer.error, !answer.ok);
    reload();
  };
  return (
    <Page title="Webhook deliveries">
      <Loaded state={state} label="deliveries">
        {({ supported, deliveries }) =>
          !supported ? (
            <Banner tone="info" title="No webhooks for this tenant">
              <p>Only webhook-bridge merchants receive signed webhooks.</p>
            </Banner>
          ) : (
            <Card padding="0">
              {deliveries.length === 0 ? (
                <Box padding="400">
                  <Text as="p">No delivery yet.</Text>
                </Box>
              ) : (
                <LabelledDataTable
                  label="Webhook deliveries"
                  columnContentTypes={["text", "text", "text", "numeric", "text", "text", "text"]}
                  headings={[
                    "Event",
                    "Endpoint",
                    "Status",
                    "Attempts",
                    "Last answer",
                    "Next attempt",
                    "Action",
                  ]}
                  rows={deliveries.map((d) => [
                    d.eventType,
                    d.endpointUrl,
                    <StateBadge key="status" state={d.status} />,
                    String(d.attempts),
                    d.lastStatusCode === null
                      ? "–"
                      : `HTTP ${d.lastStatusCode} at ${formatTime(d.lastAttemptAt)}`,
                    formatTime(d.nextAttemptAt),
                    d.status === "pending" ? (
                      ""
                    ) : (
                      <Button
                        key="replay"
                        size="slim"
                        loading={replaying === d.id}
                        onClick={() => replay(d)}
                        accessibilityLabel={`Replay ${d.eventType}`}
                      >
                        Replay
                      </Button>
                    ),
                  ])}
                />
              )}
            </Card>
          )
        }
      </Loaded>
    </Page>
  );
}
