import { BlockStack, Card, Link, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { useFormat } from "../i18n/use-format.ts";
import type { SettingsState } from "./settings-types.ts";

/** Customers' data requests Shopify forwarded (GDPR): the merchant downloads each export. */
export function DataRequestsCard(props: { requests: SettingsState["dataRequests"] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (props.requests.length === 0) return null;
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t("settings.dataRequests")}
        </Text>
        {props.requests.map((request) => (
          <Text as="p" key={request.id}>
            <Link url={`./api/data-requests/${encodeURIComponent(request.id)}`} target="_blank">
              {t("settings.request", { id: request.id })}
            </Link>
            {` · ${format.time(request.receivedAt)} · ${t("settings.requestPayments", { count: request.payments })}`}
          </Text>
        ))}
      </BlockStack>
    </Card>
  );
}
