import { formatMoney } from "@alma-suite/core/money";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  Form,
  FormLayout,
  Link,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import type { PaymentLinkResult } from "../dashboard-types.ts";
import { routeHash } from "../route.ts";
import type { TenantPageProps } from "./page-props.ts";
import {
  checkPaymentLink,
  draftFieldOf,
  EMPTY_LINK_DRAFT,
  LINK_INSTALLMENTS,
  type PaymentLinkDraft,
} from "./payment-link-draft.ts";

/** In-store and phone sales: staff send the customer an Alma link; the payment then follows like any other. */
export function PaymentLinkPage(props: TenantPageProps) {
  const { api, tenantId } = props;
  const [draft, setDraft] = useState<PaymentLinkDraft>(EMPTY_LINK_DRAFT);
  const [errors, setErrors] = useState<Partial<Record<keyof PaymentLinkDraft, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PaymentLinkResult | null>(null);
  const field = (name: keyof PaymentLinkDraft) => ({
    value: draft[name],
    onChange: (value: string) => setDraft((d) => ({ ...d, [name]: value })),
    error: errors[name],
    autoComplete: "off",
  });
  const submit = async () => {
    const check = checkPaymentLink(draft);
    setFailure(null);
    if (!check.ok) return setErrors(check.errors);
    setErrors({});
    setBusy(true);
    const answer = await api.createPaymentLink(tenantId, check.input);
    setBusy(false);
    if (answer.ok) {
      setResult(answer.value);
      setDraft(EMPTY_LINK_DRAFT);
    } else {
      const name = draftFieldOf(answer.field);
      if (name) setErrors({ [name]: answer.error });
      else setFailure(answer.error);
    }
  };
  return (
    <Page title="Payment link" subtitle="For sales in store or over the phone" narrowWidth>
      <BlockStack gap="400">
        {result ? (
          <Banner
            tone="success"
            title={
              result.sent
                ? `Link sent by ${result.sent.channel === "sms" ? "SMS" : "e-mail"} to ${result.sent.to}`
                : "Link created but not sent: give it to the customer"
            }
          >
            <BlockStack gap="200">
              <p>{`${formatMoney(result.payment.amountCents, "en", result.payment.currency)} for ${result.payment.platformOrderRef}`}</p>
              <p style={{ overflowWrap: "anywhere" }}>
                <Link url={result.url} target="_blank">
                  {result.url}
                </Link>
              </p>
              <Link url={routeHash({ page: "payment", tenantId, paymentId: result.payment.id })}>
                Follow the payment
              </Link>
            </BlockStack>
          </Banner>
        ) : null}
        {failure ? (
          <Banner tone="critical" title="No link sent">
            <p>{failure}</p>
          </Banner>
        ) : null}
        <Card>
          <Form onSubmit={submit}>
            <FormLayout>
              <FormLayout.Group>
                <TextField label="Amount (EUR)" inputMode="decimal" {...field("amount")} />
                <TextField label="Reference" {...field("reference")} />
              </FormLayout.Group>
              <Select
                label="Instalments"
                options={LINK_INSTALLMENTS.map((n) => ({ label: `${n} instalments`, value: String(n) }))}
                value={draft.installmentsCount}
                onChange={(value) => setDraft((d) => ({ ...d, installmentsCount: value }))}
                error={errors.installmentsCount}
              />
              <Text as="p" tone="subdued">
                The customer receives the link by SMS or e-mail: enter at least one of the two.
              </Text>
              <FormLayout.Group>
                <TextField label="Customer phone" type="tel" {...field("phone")} />
                <TextField label="Customer e-mail" type="email" {...field("email")} />
              </FormLayout.Group>
              <FormLayout.Group>
                <TextField label="First name (optional)" {...field("firstName")} />
                <TextField label="Last name (optional)" {...field("lastName")} />
              </FormLayout.Group>
              <Button submit variant="primary" loading={busy}>
                Send the payment link
              </Button>
            </FormLayout>
          </Form>
        </Card>
      </BlockStack>
    </Page>
  );
}
