import { Banner, Button, Card } from "@shopify/polaris";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/use-format.ts";
import type { DeliveryRow } from "../dashboard-types.ts";
import { LabelledDataTable } from "../labelled-data-table.tsx";
import { Loaded } from "../loaded.tsx";
import { TitledPage } from "../page-title.tsx";
import { StateBadge } from "../state-badge.tsx";
import { useAnswer } from "../use-answer.ts";
import type { TenantPageProps } from "./page-props.ts";

/** Signed webhooks sent to the agency's endpoints, with a replay for any that finished. */
export function DeliveriesPage(props: TenantPageProps) {
  const { api, tenantId, notify } = props;
  const { t } = useTranslation();
  const format = useFormat();
  const { state, reload } = useAnswer(useCallback(() => api.deliveries(tenantId), [api, tenantId]));
  const [replaying, setReplaying] = useState<string | null>(null);
  const replay = async (delivery: DeliveryRow) => {
    setReplaying(delivery.id);
    const answer = await api.replayDelivery(tenantId, delivery.id);
    setReplaying(null);
    notify(answer.ok ? t("deliveries.replayed", { event: delivery.eventType }) : answer.error, !answer.ok);
    reload();
  };
  return (
    <TitledPage title={t("sections.deliveries")}>
      <Loaded state={state} label={t("deliveries.what")}>
        {({ supported, deliveries }) =>
          !supported ? (
            <Banner tone="info" title={t("deliveries.unsupportedTitle")}>
              <p>{t("deliveries.unsupported")}</p>
            </Banner>
          ) : (
            <Card padding="0">
              <LabelledDataTable
                none={t("deliveries.none")}
                label={t("sections.deliveries")}
                columnContentTypes={["text", "text", "text", "numeric", "text", "text", "text"]}
                headings={[
                  t("deliveries.event"),
                  t("deliveries.endpoint"),
                  t("deliveries.status"),
                  t("deliveries.attempts"),
                  t("deliveries.lastAnswer"),
                  t("deliveries.nextAttempt"),
                  t("deliveries.action"),
                ]}
                rows={deliveries.map((d) => [
                  d.eventType,
                  d.endpointUrl,
                  <StateBadge key="status" state={d.status} />,
                  String(d.attempts),
                  d.lastStatusCode === null
                    ? "–"
                    : t("deliveries.answered", {
                        code: d.lastStatusCode,
                        at: format.time(d.lastAttemptAt),
                      }),
                  format.time(d.nextAttemptAt),
                  d.status === "pending" ? (
                    ""
                  ) : (
                    <Button
                      key="replay"
                      size="slim"
                      loading={replaying === d.id}
                      onClick={() => replay(d)}
                      accessibilityLabel={t("deliveries.replayLabel", { event: d.eventType })}
                    >
                      {t("deliveries.replay")}
                    </Button>
                  ),
                ])}
              />
            </Card>
          )
        }
      </Loaded>
    </TitledPage>
  );
}
