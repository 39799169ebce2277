import { BlockStack, Card, Link, Text } from "@shopify/polaris";
import type { SettingsState } from "./settings-types.ts";

/** Customers' data requests Shopify forwarded (GDPR): the merchant downloads each export. */
export function DataRequestsCard(props: { requests: SettingsState["dataRequests"] }) {
  if (props.requests.length === 0) return null;
  const day = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Customer data requests
        </Text>
        {props.requests.map((request) => (
          <Text as="p" key={request.id}>
            <Link url={`./api/data-requests/${encodeURIComponent(request.id)}`} target="_blank">
              {`Request ${request.id}`}
            </Link>
            {` · ${day.format(new Date(request.receivedAt))} · ${request.payments} payment(s)`}
          </Text>
        ))}
      </BlockStack>
    </Card>
  );
}
