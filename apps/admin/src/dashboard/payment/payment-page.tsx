import { Banner, BlockStack, Layout } from "@shopify/polaris";
import { useCallback, useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { DashboardApi } from "../dashboard-api.ts";
import type { Notify } from "../dashboard-app.tsx";
import { orderLabel } from "../display.ts";
import { Loaded } from "../loaded.tsx";
import { TitledPage } from "../page-title.tsx";
import { sectionHash } from "../route.ts";
import { StateBadge } from "../state-badge.tsx";
import { useAnswer } from "../use-answer.ts";
import { RefundsCard } from "./refunds-card.tsx";
import { ScheduleCard } from "./schedule-card.tsx";
import { SummaryCard } from "./summary-card.tsx";
import { TimelineCard } from "./timeline-card.tsx";

/** One payment: amounts, schedule, refunds (with the refund form) and everything that happened. */
export function PaymentPage(props: {
  api: DashboardApi;
  tenantId: string;
  paymentId: string;
  notify: Notify;
}) {
  const { api, tenantId, paymentId } = props;
  const { t } = useTranslation();
  const { state, reload } = useAnswer(
    useCallback(() => api.payment(tenantId, paymentId), [api, tenantId, paymentId]),
  );
  // A refund is a durable job: while one is pending, look again until Alma has answered.
  useEffect(() => {
    if (state.kind !== "ready" || !state.value.refunds.some((r) => r.state === "pending")) return;
    const timer = setTimeout(reload, 1500);
    return () => clearTimeout(timer);
  }, [state, reload]);
  const title =
    state.kind === "ready"
      ? t("payment.title", { reference: orderLabel(state.value.payment.platformOrderRef) })
      : t("payment.loadingTitle");
  return (
    <TitledPage
      title={title}
      backAction={{ content: t("sections.payments"), url: sectionHash(tenantId, "payments") }}
      titleMetadata={state.kind === "ready" ? <StateBadge state={state.value.payment.state} /> : undefined}
    >
      <Loaded state={state} label={t("payment.what")}>
        {(detail) => (
          <Layout>
            <Layout.Section>
              <BlockStack gap="400">
                <SummaryCard detail={detail} />
                {detail.scheduleError ? (
                  <Banner tone="warning" title={t("schedule.unavailable")}>
                    <p>{detail.scheduleError}</p>
                  </Banner>
                ) : null}
                {detail.schedule ? (
                  <ScheduleCard
                    schedule={detail.schedule}
                    currency={detail.payment.currency}
                    paymentState={detail.payment.state}
                  />
                ) : null}
                <RefundsCard
                  api={api}
                  tenantId={tenantId}
                  detail={detail}
                  notify={props.notify}
                  onRefunded={reload}
                />
                <TimelineCard timeline={detail.timeline} currency={detail.payment.currency} />
              </BlockStack>
            </Layout.Section>
          </Layout>
        )}
      </Loaded>
    </TitledPage>
  );
}
