import { Badge, BlockStack, Box, Card, InlineStack, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/use-format.ts";
import type { TimelineEntry } from "../dashboard-types.ts";
import { StateBadge } from "../state-badge.tsx";
import { timelineSentence, typeKey } from "./timeline-sentence.ts";

/**
 * Every event, notification and job of the payment, oldest first: each as a sentence, with its
 * technical name beside it for whoever reads the server's logs.
 */
export function TimelineCard(props: { timeline: readonly TimelineEntry[]; currency: string }) {
  const { t, i18n } = useTranslation();
  const exists = (key: string) => i18n.exists(key);
  const format = useFormat();
  const money = (cents: number) => format.money(cents, props.currency);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("timeline.title")}
        </Text>
        {props.timeline.length === 0 ? (
          <Text as="p">{t("timeline.none")}</Text>
        ) : (
          <BlockStack as="ol" gap="200">
            {props.timeline.map((entry, index) => {
              const sentence = entry.data ? timelineSentence(entry, t, money, exists) : "";
              const titleKey = `timeline.titles.${typeKey(entry.type)}`;
              const jobKey = `jobs.types.${entry.type}`;
              const title = exists(titleKey)
                ? t(titleKey)
                : entry.kind === "job" && exists(jobKey)
                  ? t(jobKey)
                  : null;
              return (
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
                        {format.time(entry.at)}
                      </Text>
                      <Badge>{t(`timeline.kinds.${entry.kind}`)}</Badge>
                      {title ? (
                        <Text as="span" fontWeight="semibold">
                          {title}
                        </Text>
                      ) : null}
                      <Text as="span" tone="subdued" breakWord>
                        {entry.type}
                      </Text>
                      {entry.state ? <StateBadge state={entry.state} /> : null}
                    </InlineStack>
                    {sentence ? (
                      <Text as="p" breakWord>
                        {sentence}
                      </Text>
                    ) : null}
                  </BlockStack>
                </Box>
              );
            })}
          </BlockStack>
        )}
      </BlockStack>
    </Card>
  );
}
