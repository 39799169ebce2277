import { formatMoney } from "@alma-suite/core/money";
import { BlockStack, Box, Card, Text } from "@shopify/polaris";
import type { Instalment } from "../dashboard-types.ts";
import { formatDate } from "../format-time.ts";
import { LabelledDataTable } from "../labelled-data-table.tsx";
import { StateBadge } from "../state-badge.tsx";

/** Alma's payment plan: what the customer pays when, and which instalments are paid. */
export function ScheduleCard(props: { schedule: readonly Instalment[]; currency: string }) {
  const money = (cents: number) => formatMoney(cents, "en", props.currency);
  const paid = props.schedule.filter((i) => i.state === "paid").length;
  return (
    <Card padding="0">
      <Box padding="400" paddingBlockEnd="200">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            Schedule
          </Text>
          <Text as="p" tone="subdued">{`${paid} of ${props.schedule.length} instalments paid`}</Text>
        </BlockStack>
      </Box>
      <LabelledDataTable
        label="Schedule"
        columnContentTypes={["text", "text", "numeric", "numeric", "numeric", "text"]}
        headings={["#", "Due", "Amount", "Customer fees", "Total", "State"]}
        rows={props.schedule.map((instalment, index) => [
          String(index + 1),
          formatDate(instalment.dueDate),
          money(instalment.amountCents),
          money(instalment.customerFeeCents),
          money(instalment.totalCents),
          <StateBadge key="state" state={instalment.state} />,
        ])}
      />
    </Card>
  );
}
