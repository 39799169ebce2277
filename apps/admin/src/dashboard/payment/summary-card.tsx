import { BlockStack, Card, DescriptionList, Link, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/use-format.ts";
import type { PaymentDetail } from "../dashboard-types.ts";
import { planLabel } from "../plan-label.ts";

/** The payment's amounts to the cent, its plan and where it comes from. */
export function SummaryCard(props: { detail: PaymentDetail }) {
  const { payment, refundableCents } = props.detail;
  const { t } = useTranslation();
  const format = useFormat();
  const money = (cents: number) => format.money(cents, payment.currency);
  const checks = t("summary.checksMade", { count: payment.checkAttempts });
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("summary.title")}
        </Text>
        <DescriptionList
          gap="tight"
          items={[
            { term: t("summary.amount"), description: money(payment.amountCents) },
            { term: t("summary.refunded"), description: money(payment.refundedCents) },
            { term: t("summary.refundable"), description: money(refundableCents) },
            {
              term: t("summary.plan"),
              description: planLabel(payment.planKey, payment.installmentsCount, t),
            },
            {
              term: t("summary.channel"),
              description: payment.channel === "pos" ? t("channels.pos") : t("channels.online"),
            },
            { term: t("summary.almaPayment"), description: payment.almaPaymentId ?? t("summary.notCreated") },
            {
              term: t("summary.almaEnvironment"),
              description: t(`almaModes.${payment.almaMode}`),
            },
            {
              term: t("summary.nextCheck"),
              description:
                payment.nextCheckAt === null
                  ? t("summary.noCheck", { checks })
                  : t("summary.checkAt", { at: format.time(payment.nextCheckAt), checks }),
            },
            { term: t("summary.created"), description: format.time(payment.createdAt) },
            { term: t("summary.updated"), description: format.time(payment.updatedAt) },
          ]}
        />
        {payment.platformOrderUrl ? (
          <Link url={payment.platformOrderUrl} target="_blank">
            {t("summary.openOrder")}
          </Link>
        ) : null}
      </BlockStack>
    </Card>
  );
}
