import { formatMoney } from "@alma-suite/core/money";
import {
  BlockStack,
  Box,
  Button,
  Card,
  Form,
  InlineStack,
  Link,
  Page,
  Pagination,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useCallback, useState } from "react";
import { PAYMENT_STATES } from "../dashboard-types.ts";
import { formatTime, planLabel } from "../format-time.ts";
import { LabelledDataTable } from "../labelled-data-table.tsx";
import { Loaded } from "../loaded.tsx";
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
    <Page title="Payments">
      <BlockStack gap="400">
        <Card>
          <Form onSubmit={() => show(statesKey ? statesKey.split(",") : [], search)}>
            <InlineStack gap="300" blockAlign="end" wrap>
              <Select
                label="State"
                options={[
                  { label: "All states", value: "" },
                  ...PAYMENT_STATES.map((s) => ({ label: stateLabel(s), value: s })),
                ]}
                value={props.states.length === 1 ? (props.states[0] ?? "") : ""}
                onChange={(value) => show(value ? [value] : [], search)}
              />
              <Box minWidth="12rem">
                <TextField label="Order reference" value={search} onChange={setSearch} autoComplete="off" />
              </Box>
              <Button submit>Search</Button>
            </InlineStack>
          </Form>
        </Card>
        <Card padding="0">
          <Loaded state={state} label="payments">
            {({ payments, nextCursor }) => (
              <>
                {payments.length === 0 ? (
                  <Box padding="400">
                    <Text as="p">No payment matches.</Text>
                  </Box>
                ) : (
                  <LabelledDataTable
                    label="Payments"
                    columnContentTypes={["text", "numeric", "numeric", "text", "text", "text", "text"]}
                    headings={["Order", "Amount", "Refunded", "State", "Plan", "Channel", "Created"]}
                    rows={payments.map((p) => [
                      <Link key="order" url={routeHash({ page: "payment", tenantId, paymentId: p.id })}>
                        {p.platformOrderRef}
                      </Link>,
                      formatMoney(p.amountCents, "en", p.currency),
                      p.refundedCents > 0 ? formatMoney(p.refundedCents, "en", p.currency) : "–",
                      <StateBadge key="state" state={p.state} />,
                      planLabel(p.planKey, p.installmentsCount),
                      p.channel === "pos" ? "In store / phone" : "Online",
                      formatTime(p.createdAt),
                    ])}
                  />
                )}
                <Box padding="300">
                  <Pagination
                    label={`Page ${cursors.length}`}
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
    </Page>
  );
}
