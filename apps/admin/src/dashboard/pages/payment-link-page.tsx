import { LANGUAGES, languageOf } from "@alma-suite/core/i18n";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  Form,
  FormLayout,
  Link,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useLanguage } from "../../i18n/admin-providers.tsx";
import { LANGUAGE_NAMES } from "../../i18n/language-select.tsx";
import { useFormat } from "../../i18n/use-format.ts";
import type { PaymentLinkResult } from "../dashboard-types.ts";
import { orderLabel, readableError } from "../display.ts";
import { TitledPage } from "../page-title.tsx";
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
  const { t } = useTranslation();
  const { language } = useLanguage();
  const format = useFormat();
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
    const check = checkPaymentLink(draft, language);
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
      const error = readableError(answer.error, t, (cents) => format.money(cents));
      if (name) setErrors({ [name]: error });
      else setFailure(error);
    }
  };
  return (
    <TitledPage title={t("sections.payment-link")} subtitle={t("link.subtitle")} narrowWidth>
      <BlockStack gap="400">
        {result ? (
          <Banner
            tone="success"
            title={
              result.sent
                ? t(result.sent.channel === "sms" ? "link.sentBySms" : "link.sentByEmail", {
                    to: result.sent.to,
                  })
                : t("link.createdNotSent")
            }
          >
            <BlockStack gap="200">
              <p>
                {t("link.amountFor", {
                  amount: format.money(result.payment.amountCents, result.payment.currency),
                  reference: orderLabel(result.payment.platformOrderRef),
                })}
              </p>
              <p style={{ overflowWrap: "anywhere" }}>
                <Link url={result.url} target="_blank">
                  {result.url}
                </Link>
              </p>
              <Link url={routeHash({ page: "payment", tenantId, paymentId: result.payment.id })}>
                {t("link.follow")}
              </Link>
            </BlockStack>
          </Banner>
        ) : null}
        {failure ? (
          <Banner tone="critical" title={t("link.notSent")}>
            <p>{failure}</p>
          </Banner>
        ) : null}
        <Card>
          <Form onSubmit={submit}>
            <FormLayout>
              <FormLayout.Group>
                <TextField label={t("link.amount")} inputMode="decimal" {...field("amount")} />
                <TextField label={t("link.reference")} {...field("reference")} />
              </FormLayout.Group>
              <Select
                label={t("link.installments")}
                options={LINK_INSTALLMENTS.map((n) => ({
                  label: t("plan.instalments", { count: n }),
                  value: String(n),
                }))}
                value={draft.installmentsCount}
                onChange={(value) => setDraft((d) => ({ ...d, installmentsCount: value }))}
                error={errors.installmentsCount}
              />
              <Text as="p" tone="subdued">
                {t("link.contactHelp")}
              </Text>
              <FormLayout.Group>
                <TextField label={t("link.phone")} type="tel" {...field("phone")} />
                <TextField label={t("link.email")} type="email" {...field("email")} />
              </FormLayout.Group>
              <FormLayout.Group>
                <TextField label={t("link.firstName")} {...field("firstName")} />
                <TextField label={t("link.lastName")} {...field("lastName")} />
              </FormLayout.Group>
              <Select
                label={t("link.customerLanguage")}
                options={LANGUAGES.map((code) => ({ label: LANGUAGE_NAMES[code], value: code }))}
                value={draft.locale}
                onChange={(value) => setDraft((d) => ({ ...d, locale: languageOf(value) }))}
              />
              <Button submit variant="primary" loading={busy}>
                {t("link.send")}
              </Button>
            </FormLayout>
          </Form>
        </Card>
      </BlockStack>
    </TitledPage>
  );
}
