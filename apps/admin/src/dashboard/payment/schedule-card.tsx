import { BlockStack, Box, Card, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/use-format.ts";
import type { Instalment } from "../dashboard-types.ts";
import { LabelledDataTable } from "../labelled-data-table.tsx";
import { StateBadge } from "../state-badge.tsx";

/**
 * What an instalment became. After a full refund Alma closes the instalments not yet taken by
 * marking them paid for nothing (0 €): those were never paid by the customer, the refund cancelled
 * them. On a refunded payment, any instalment still open is cancelled as well.
 */
export function instalmentOutcome(
  instalment: Instalment,
  paymentState: string,
): Instalment["state"] | "cancelled" {
  if (instalment.state === "paid" && instalment.totalCents === 0) return "cancelled";
  if (paymentState === "refunded" && instalment.state !== "paid") return "cancelled";
  return instalment.state;
}

/** Alma's payment plan: what the customer pays when, and which instalments are paid or cancelled. */
export function ScheduleCard(props: {
  schedule: readonly Instalment[];
  currency: string;
  paymentState: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = (cents: number) => format.money(cents, props.currency);
  const outcomes = props.schedule.map((i) => instalmentOutcome(i, props.paymentState));
  const paid = outcomes.filter((o) => o === "paid").length;
  const cancelled = outcomes.filter((o) => o === "cancelled").length;
  const summary = t("schedule.paid", { paid, count: props.schedule.length });
  return (
    <Card padding="0">
      <Box padding="400" paddingBlockEnd="200">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            {t("schedule.title")}
          </Text>
          <Text as="p" tone="subdued">
            {cancelled > 0 ? `${summary}${t("schedule.cancelled", { count: cancelled })}` : summary}
          </Text>
        </BlockStack>
      </Box>
      <LabelledDataTable
        label={t("schedule.title")}
        columnContentTypes={["text", "text", "numeric", "numeric", "numeric", "text"]}
        headings={[
          "#",
          t("schedule.due"),
          t("schedule.amount"),
          t("schedule.fees"),
          t("schedule.total"),
          t("schedule.state"),
        ]}
        rows={props.schedule.map((instalment, index) => {
          const outcome = outcomes[index] ?? instalment.state;
          const nothing = outcome === "cancelled" && instalment.totalCents === 0;
          return [
            String(index + 1),
            format.day(instalment.dueDate),
            nothing ? "–" : money(instalment.amountCents),
            nothing ? "–" : money(instalment.customerFeeCents),
            nothing ? "–" : money(instalment.totalCents),
            <StateBadge key="state" state={outcome === "cancelled" ? "instalment_cancelled" : outcome} />,
          ];
        })}
      />
    </Card>
  );
}
