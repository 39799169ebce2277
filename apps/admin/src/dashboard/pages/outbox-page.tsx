import { Badge, BlockStack, Box, Card, InlineStack, Page, Text } from "@shopify/polaris";
import { useCallback } from "react";
import { formatTime } from "../format-time.ts";
import { Loaded } from "../loaded.tsx";
import { useAnswer } from "../use-answer.ts";
import type { TenantPageProps } from "./page-props.ts";

/** The e-mails and SMS the suite sent for this tenant (payment links), newest as the server orders them. */
export function OutboxPage(props: TenantPageProps) {
  const { api, tenantId } = props;
  const { state } = useAnswer(useCallback(() => api.outbox(tenantId), [api, tenantId]));
  return (
    <Page title="Messages sent">
      <Loaded state={state} label="messages">
        {({ messages }) => (
          <Card>
            {messages.length === 0 ? (
              <Text as="p">No message sent yet.</Text>
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
                        <Badge>{m.channel === "sms" ? "SMS" : "E-mail"}</Badge>
                        <Text as="span" fontWeight="semibold">
                          {m.to}
                        </Text>
                        <Text as="span" tone="subdued">
                          {formatTime(m.at)}
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
    </Page>
  );
}
