import {
  BlockStack,
  Box,
  Button,
  Card,
  Form,
  InlineStack,
  Link,
  Pagination,
  Select,
  TextField,
} from "@shopify/polaris";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/use-format.ts";
import { PAYMENT_STATES } from "../dashboard-types.ts";
import { orderLabel } from "../display.ts";
import { LabelledDataTable } from "../labelled-data-table.tsx";
import { Loaded } from "../loaded.tsx";
import { TitledPage } from "../page-title.tsx";
import { planLabel } from "../plan-label.ts";
import { routeHash } from "../route.ts";
import { StateBadge, stateLabel } from "../state-badge.tsx";
import { useAnswer } from "../use-answer.ts";
import { navigate } from "../use-hash-route.ts";
import type { TenantPageProps } from "./page-props.ts";

/**
 * Newest payments first, filtered by state and order reference (both kept in the URL). The
 * router keys this page on its filters, so changing them starts again from the first page.
 */
export function PaymentsPage(props: TenantPageProps & { states: readonly string[]; q: string }) {
  const { api, tenantId, q } = props;
  const { t } = useTranslation();
  const format = useFormat();
  const statesKey = props.states.join(",");
  // Cursors of the pages seen so far, so "Previous" needs no backwards cursor from the server.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [search, setSearch] = useState(q);
  const cursor = cursors[cursors.length - 1] ?? null;
  const { state } = useAnswer(
    useCallback(
      () => api.payments(tenantId, { states: statesKey ? statesKey.split(",") : [], q, cursor }),
      [api, tenantId, statesKey, q, cursor],
    ),
  );
  const show = (states: string[], text: string) =>
    navigate(routeHash({ page: "section", section: "payments", tenantId, states, q: text.trim() }));

  return (
    <TitledPage title={t("sections.payments")}>
      <BlockStack gap="400">
        <Card>
          <Form onSubmit={() => show(statesKey ? statesKey.split(",") : [], search)}>
            <InlineStack gap="300" blockAlign="end" wrap>
              <Select
                label={t("payments.state")}
                options={[
                  { label: t("payments.allStates"), value: "" },
                  ...PAYMENT_STATES.map((s) => ({ label: stateLabel(s, t), value: s })),
                ]}
                value={props.states.length === 1 ? (props.states[0] ?? "") : ""}
                onChange={(value) => show(value ? [value] : [], search)}
              />
              <Box minWidth="12rem">
                <TextField
                  label={t("payments.orderReference")}
                  value={search}
                  onChange={setSearch}
                  autoComplete="off"
                />
              </Box>
              <Button submit>{t("payments.search")}</Button>
            </InlineStack>
          </Form>
        </Card>
        <Card padding="0">
          <Loaded state={state} label={t("payments.what")}>
            {({ payments, nextCursor }) => (
              <>
                <LabelledDataTable
                  none={t("payments.none")}
                  label={t("sections.payments")}
                  columnContentTypes={["text", "numeric", "numeric", "text", "text", "text", "text"]}
                  headings={[
                    t("payments.order"),
                    t("payments.amount"),
                    t("payments.refunded"),
                    t("payments.state"),
                    t("payments.plan"),
                    t("payments.channel"),
                    t("payments.created"),
                  ]}
                  rows={payments.map((p) => [
                    <Link key="order" url={routeHash({ page: "payment", tenantId, paymentId: p.id })}>
                      {orderLabel(p.platformOrderRef)}
                    </Link>,
                    format.money(p.amountCents, p.currency),
                    p.refundedCents > 0 ? format.money(p.refundedCents, p.currency) : "–",
                    <StateBadge key="state" state={p.state} />,
                    planLabel(p.planKey, p.installmentsCount, t),
                    p.channel === "pos" ? t("channels.posShort") : t("channels.online"),
                    format.time(p.createdAt),
                  ])}
                />
                <Box padding="300">
                  <Pagination
                    label={t("payments.page", { number: cursors.length })}
                    hasPrevious={cursors.length > 1}
                    onPrevious={() => setCursors((all) => all.slice(0, -1))}
                    hasNext={nextCursor !== null}
                    onNext={() => setCursors((all) => [...all, nextCursor])}
                  />
                </Box>
              </>
            )}
          </Loaded>
        </Card>
      </BlockStack>
    </TitledPage>
  );
}
