import { Badge, BlockStack, Box, Card, InlineStack, Text } from "@shopify/polaris";
import type { TimelineEntry } from "../dashboard-types.ts";
import { formatTime } from "../format-time.ts";
import { StateBadge } from "../state-badge.tsx";

const KIND_LABELS: Record<TimelineEntry["kind"], string> = {
  event: "Event",
  job: "Job",
  notification: "Notification",
};

/** Every event, notification and job of the payment, oldest first. */
export function TimelineCard(props: { timeline: readonly TimelineEntry[] }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Timeline
        </Text>
        {props.timeline.length === 0 ? (
          <Text as="p">Nothing has happened yet.</Text>
        ) : (
          <BlockStack as="ol" gap="200">
            {props.timeline.map((entry, index) => (
              <Box
                as="li"
                // biome-ignore lint/suspicious/noArrayIndexKey: the timeline only grows at its end, so positions are stable.
                key={`${entry.at}-${index}`}
                borderBlockEndWidth="025"
                borderColor="border"
                paddingBlockEnd="200"
              >
                <BlockStack gap="100">
                  <InlineStack gap="200" blockAlign="center" wrap>
                    <Text as="span" tone="subdued">
                      {formatTime(entry.at)}
                    </Text>
                    <Badge>{KIND_LABELS[entry.kind]}</Badge>
                    <Text as="span" fontWeight="semibold">
                      {entry.type}
                    </Text>
                    {entry.state ? <StateBadge state={entry.state} /> : null}
                  </InlineStack>
                  {entry.detail ? (
                    <Text as="p" breakWord>
                      {entry.detail}
                    </Text>
                  ) : null}
                </BlockStack>
              </Box>
            ))}
          </BlockStack>
        )}
      </BlockStack>
    </Card>
  );
}
