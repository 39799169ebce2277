import { formatCents, formatMoney } from "@alma-suite/core/money";
import { BlockStack, Box, Button, Card, Form, InlineStack, Modal, Text, TextField } from "@shopify/polaris";
import { useRef, useState } from "react";
import type { DashboardApi } from "../dashboard-api.ts";
import type { Notify } from "../dashboard-app.tsx";
import { type PaymentDetail, REFUNDABLE_STATES } from "../dashboard-types.ts";
import { formatTime } from "../format-time.ts";
import { LabelledDataTable } from "../labelled-data-table.tsx";
import { parseRefundAmount } from "../money.ts";
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
  const money = (cents: number) => formatMoney(cents, "en", payment.currency);
  const [amount, setAmount] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<{ cents: number; key: string } | null>(null);
  const [sending, setSending] = useState(false);
  // Where focus goes back when the dialog closes, so a keyboard user carries on from the button.
  const activator = useRef<HTMLDivElement>(null);

  const ask = () => {
    const check = parseRefundAmount(amount, refundableCents, payment.currency);
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
      props.notify(`Refund of ${money(answer.value.refund.amountCents)} requested`);
    } else {
      // The server's sentence counts cents; the merchant reads euros.
      setError(
        answer.refundableCents === undefined
          ? answer.error
          : `At most ${money(answer.refundableCents)} can be refunded.`,
      );
    }
    props.onRefunded();
  };

  return (
    <Card padding="0">
      <Box padding="400">
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Refunds
          </Text>
          {payment.refundElsewhere ? (
            <Text as="p">{payment.refundElsewhere}</Text>
          ) : !REFUNDABLE_STATES.includes(payment.state) ? (
            <Text as="p">Only a paid payment can be refunded.</Text>
          ) : refundableCents > 0 ? (
            <Form onSubmit={ask}>
              <InlineStack gap="300" blockAlign="end" wrap>
                <Box minWidth="12rem">
                  <TextField
                    label={`Amount to refund (${payment.currency})`}
                    value={amount}
                    onChange={setAmount}
                    autoComplete="off"
                    inputMode="decimal"
                    placeholder={formatCents(refundableCents)}
                    helpText={`Leave empty to refund all ${money(refundableCents)} still refundable.`}
                    error={error ?? undefined}
                  />
                </Box>
                <div ref={activator}>
                  <Button submit>Refund…</Button>
                </div>
              </InlineStack>
            </Form>
          ) : (
            <Text as="p">{error ?? "Nothing is left to refund on this payment."}</Text>
          )}
        </BlockStack>
      </Box>
      {refunds.length > 0 ? (
        <LabelledDataTable
          label="Refunds"
          columnContentTypes={["text", "numeric", "text", "text", "text"]}
          headings={["Date", "Amount", "State", "From", "Reference"]}
          rows={refunds.map((r) => [
            formatTime(r.createdAt),
            money(r.amountCents),
            <StateBadge key="state" state={r.state} />,
            r.origin,
            r.platformRefundRef ?? "–",
          ])}
        />
      ) : null}
      <Modal
        open={pending !== null}
        activator={activator}
        onClose={() => setPending(null)}
        title="Confirm the refund"
        primaryAction={{
          content: pending ? `Refund ${money(pending.cents)}` : "Refund",
          destructive: true,
          loading: sending,
          onAction: send,
        }}
        secondaryActions={[{ content: "Cancel", onAction: () => setPending(null) }]}
      >
        <Modal.Section>
          <BlockStack gap="200">
            <Text as="p">
              {pending ? `Refund ${money(pending.cents)} of ${money(refundableCents)} refundable?` : ""}
            </Text>
            <Text as="p" tone="subdued">
              Alma refunds the customer; this cannot be undone.
            </Text>
          </BlockStack>
        </Modal.Section>
      </Modal>
    </Card>
  );
}
