import { Badge, BlockStack, Box, Card, InlineStack, Text } from "@shopify/polaris";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/use-format.ts";
import { Loaded } from "../loaded.tsx";
import { TitledPage } from "../page-title.tsx";
import { useAnswer } from "../use-answer.ts";
import type { TenantPageProps } from "./page-props.ts";

/** The e-mails and SMS the suite sent for this tenant (payment links), newest as the server orders them. */
export function OutboxPage(props: TenantPageProps) {
  const { api, tenantId } = props;
  const { t } = useTranslation();
  const format = useFormat();
  const { state } = useAnswer(useCallback(() => api.outbox(tenantId), [api, tenantId]));
  return (
    <TitledPage title={t("sections.outbox")}>
      <Loaded state={state} label={t("outbox.what")}>
        {({ messages }) => (
          <Card>
            {messages.length === 0 ? (
              <Text as="p">{t("outbox.none")}</Text>
            ) : (
              <BlockStack as="ul" gap="300">
                {messages.map((m) => (
                  <Box
                    as="li"
                    key={m.id}
                    borderBlockEndWidth="025"
                    borderColor="border"
                    paddingBlockEnd="300"
                  >
                    <BlockStack gap="100">
                      <InlineStack gap="200" blockAlign="center" wrap>
                        <Badge>{m.channel === "sms" ? t("outbox.sms") : t("outbox.email")}</Badge>
                        <Text as="span" fontWeight="semibold">
                          {m.to}
                        </Text>
                        <Text as="span" tone="subdued">
                          {format.time(m.at)}
                        </Text>
                      </InlineStack>
                      {m.subject ? <Text as="p">{m.subject}</Text> : null}
                      <Text as="p" tone="subdued" breakWord>
                        {m.body}
                      </Text>
                    </BlockStack>
                  </Box>
                ))}
              </BlockStack>
            )}
          </Card>
        )}
      </Loaded>
    </TitledPage>
  );
}
