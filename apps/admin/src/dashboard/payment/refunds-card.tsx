import { BlockStack, Box, Button, Card, Form, InlineStack, Modal, Text, TextField } from "@shopify/polaris";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLanguage } from "../../i18n/admin-providers.tsx";
import { useFormat } from "../../i18n/use-format.ts";
import { parseRefundAmount } from "../amount-check.ts";
import type { DashboardApi } from "../dashboard-api.ts";
import type { Notify } from "../dashboard-app.tsx";
import { type PaymentDetail, REFUNDABLE_STATES } from "../dashboard-types.ts";
import { readableError, refundOrigin, refundReference } from "../display.ts";
import { LabelledDataTable } from "../labelled-data-table.tsx";
import { StateBadge } from "../state-badge.tsx";
import { newIdempotencyKey } from "./idempotency-key.ts";

interface RefundsCardProps {
  api: DashboardApi;
  tenantId: string;
  detail: PaymentDetail;
  notify: Notify;
  onRefunded: () => void;
}

/** The payment's refunds and the form to make one: full or partial, always confirmed first. */
export function RefundsCard(props: RefundsCardProps) {
  const { payment, refunds, refundableCents } = props.detail;
  const { t } = useTranslation();
  const { language } = useLanguage();
  const format = useFormat();
  const money = (cents: number) => format.money(cents, payment.currency);
  const [amount, setAmount] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<{ cents: number; key: string } | null>(null);
  const [sending, setSending] = useState(false);
  // Where focus goes back when the dialog closes, so a keyboard user carries on from the button.
  const activator = useRef<HTMLDivElement>(null);

  const ask = () => {
    const check = parseRefundAmount(amount, refundableCents, payment.currency, language);
    if (!check.ok) return setError(check.error);
    setError(null);
    setPending({ cents: check.cents, key: newIdempotencyKey() });
  };
  const send = async () => {
    if (!pending) return;
    setSending(true);
    const answer = await props.api.refund(props.tenantId, payment.id, {
      amountCents: pending.cents,
      idempotencyKey: pending.key,
    });
    setSending(false);
    setPending(null);
    if (answer.ok) {
      setAmount("");
      props.notify(t("refunds.requested", { amount: money(answer.value.refund.amountCents) }));
    } else {
      // The server's sentence counts cents; the merchant reads euros.
      setError(
        answer.refundableCents === undefined
          ? readableError(answer.error, t, money)
          : t("refunds.atMost", { amount: money(answer.refundableCents) }),
      );
    }
    props.onRefunded();
  };

  return (
    <Card padding="0">
      <Box padding="400">
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {t("refunds.title")}
          </Text>
          {payment.refundElsewhere ? (
            <Text as="p">{payment.refundElsewhere}</Text>
          ) : payment.state === "refunded" ? (
            // Refunded in full: nothing is left, which is what the merchant needs to read (not
            // that only paid payments can be refunded), however fast Alma made the refund.
            <Text as="p">{t("refunds.nothingLeft")}</Text>
          ) : !REFUNDABLE_STATES.includes(payment.state) ? (
            <Text as="p">{t("refunds.onlyPaid")}</Text>
          ) : refundableCents > 0 ? (
            <Form onSubmit={ask}>
              <InlineStack gap="300" blockAlign="end" wrap>
                <Box minWidth="12rem">
                  <TextField
                    label={t("refunds.amountLabel", { currency: payment.currency })}
                    value={amount}
                    onChange={setAmount}
                    autoComplete="off"
                    inputMode="decimal"
                    placeholder={format.typed(refundableCents)}
                    helpText={t("refunds.help", { amount: money(refundableCents) })}
                    error={error ?? undefined}
                  />
                </Box>
                <div ref={activator}>
                  <Button submit>{t("refunds.refundButton")}</Button>
                </div>
              </InlineStack>
            </Form>
          ) : (
            <Text as="p">{error ?? t("refunds.nothingLeft")}</Text>
          )}
        </BlockStack>
      </Box>
      {refunds.length > 0 ? (
        <LabelledDataTable
          label={t("refunds.title")}
          columnContentTypes={["text", "numeric", "text", "text", "text"]}
          headings={[
            t("refunds.date"),
            t("refunds.amount"),
            t("refunds.state"),
            t("refunds.from"),
            t("refunds.reference"),
          ]}
          rows={refunds.map((r) => [
            format.time(r.createdAt),
            money(r.amountCents),
            <StateBadge key="state" state={r.state} />,
            refundOrigin(r, t),
            refundReference(r, t),
          ])}
        />
      ) : null}
      <Modal
        open={pending !== null}
        activator={activator}
        onClose={() => setPending(null)}
        title={t("refunds.confirmTitle")}
        primaryAction={{
          content: pending
            ? t("refunds.confirmButton", { amount: money(pending.cents) })
            : t("refunds.refund"),
          destructive: true,
          loading: sending,
          onAction: send,
        }}
        secondaryActions={[{ content: t("common.cancel"), onAction: () => setPending(null) }]}
      >
        <Modal.Section>
          <BlockStack gap="200">
            <Text as="p">
              {pending
                ? t("refunds.confirmQuestion", {
                    amount: money(pending.cents),
                    refundable: money(refundableCents),
                  })
                : ""}
            </Text>
            <Text as="p" tone="subdued">
              {t("refunds.cannotUndo")}
            </Text>
          </BlockStack>
        </Modal.Section>
      </Modal>
    </Card>
  );
}
