import { formatMoney } from "@alma-suite/core/money";
import { BlockStack, Card, DescriptionList, Link, Text } from "@shopify/polaris";
import type { PaymentDetail } from "../dashboard-types.ts";
import { formatTime, planLabel } from "../format-time.ts";

/** The payment's amounts to the cent, its plan and where it comes from. */
export function SummaryCard(props: { detail: PaymentDetail }) {
  const { payment, refundableCents } = props.detail;
  const money = (cents: number) => formatMoney(cents, "en", payment.currency);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Summary
        </Text>
        <DescriptionList
          gap="tight"
          items={[
            { term: "Amount", description: money(payment.amountCents) },
            { term: "Refunded", description: money(payment.refundedCents) },
            { term: "Still refundable", description: money(refundableCents) },
            { term: "Plan", description: planLabel(payment.planKey, payment.installmentsCount) },
            {
              term: "Channel",
              description: payment.channel === "pos" ? "In store / phone (payment link)" : "Online",
            },
            { term: "Alma payment", description: payment.almaPaymentId ?? "Not created yet" },
            { term: "Alma environment", description: payment.almaMode === "test" ? "Test" : "Live" },
            {
              term: "Next check at Alma",
              description:
                payment.nextCheckAt === null
                  ? `None (${payment.checkAttempts} check(s) made)`
                  : `${formatTime(payment.nextCheckAt)} (${payment.checkAttempts} check(s) made)`,
            },
            { term: "Created", description: formatTime(payment.createdAt) },
            { term: "Updated", description: formatTime(payment.updatedAt) },
          ]}
        />
        {payment.platformOrderUrl ? (
          <Link url={payment.platformOrderUrl} target="_blank">
            Open the order on its platform
          </Link>
        ) : null}
      </BlockStack>
    </Card>
  );
}
