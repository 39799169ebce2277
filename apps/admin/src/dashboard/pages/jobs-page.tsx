import { BlockStack, Button, Card, InlineStack, Link, Select, Text } from "@shopify/polaris";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/use-format.ts";
import { JOB_STATES, type JobRow } from "../dashboard-types.ts";
import { orderLabel, readableError } from "../display.ts";
import { LabelledDataTable } from "../labelled-data-table.tsx";
import { Loaded } from "../loaded.tsx";
import { TitledPage } from "../page-title.tsx";
import { routeHash } from "../route.ts";
import { StateBadge, stateLabel } from "../state-badge.tsx";
import { useAnswer } from "../use-answer.ts";
import type { TenantPageProps } from "./page-props.ts";

/**
 * The tenant's durable jobs: how many in each state, the payment each one works on, and a retry
 * for the failed and dead ones.
 */
export function JobsPage(props: TenantPageProps) {
  const { api, tenantId, notify } = props;
  const { t } = useTranslation();
  const format = useFormat();
  const [filter, setFilter] = useState("");
  const { state, reload } = useAnswer(
    useCallback(() => api.jobs(tenantId, filter || undefined), [api, tenantId, filter]),
  );
  const [retrying, setRetrying] = useState<string | null>(null);
  const jobName = (job: JobRow) => t(`jobs.types.${job.type}`, { defaultValue: job.type });
  const retry = async (job: JobRow) => {
    setRetrying(job.id);
    const answer = await api.retryJob(tenantId, job.id);
    setRetrying(null);
    notify(answer.ok ? t("jobs.retried", { job: jobName(job) }) : answer.error, !answer.ok);
    reload();
  };
  return (
    <TitledPage title={t("sections.jobs")}>
      <Loaded state={state} label={t("jobs.what")}>
        {({ counts, jobs }) => (
          <BlockStack gap="400">
            <Card>
              <InlineStack gap="400" blockAlign="end" wrap>
                {JOB_STATES.map((s) => (
                  <Text as="p" key={s}>
                    {`${stateLabel(s, t)}${t("jobs.countSeparator")}`}
                    <Text as="span" fontWeight="semibold">
                      {String(counts[s] ?? 0)}
                    </Text>
                  </Text>
                ))}
                <Select
                  label={t("jobs.show")}
                  options={[
                    { label: t("jobs.all"), value: "" },
                    ...JOB_STATES.map((s) => ({ label: stateLabel(s, t), value: s })),
                  ]}
                  value={filter}
                  onChange={setFilter}
                />
              </InlineStack>
            </Card>
            <Card padding="0">
              <LabelledDataTable
                none={t("jobs.none")}
                label={t("sections.jobs")}
                columnContentTypes={["text", "text", "text", "numeric", "text", "text", "text"]}
                headings={[
                  t("jobs.job"),
                  t("jobs.payment"),
                  t("jobs.state"),
                  t("jobs.attempts"),
                  t("jobs.lastError"),
                  t("jobs.nextRun"),
                  t("jobs.action"),
                ]}
                rows={jobs.map((job) => [
                  jobName(job),
                  job.paymentId && job.orderRef ? (
                    <Link
                      key="payment"
                      url={routeHash({ page: "payment", tenantId, paymentId: job.paymentId })}
                    >
                      {orderLabel(job.orderRef)}
                    </Link>
                  ) : (
                    "–"
                  ),
                  <StateBadge key="state" state={job.state} />,
                  `${job.attempts} / ${job.maxAttempts}`,
                  job.lastError ? readableError(job.lastError, t, (c) => format.money(c)) : "–",
                  job.state === "pending" || job.state === "failed" ? format.time(job.runAt) : "–",
                  job.state === "failed" || job.state === "dead" ? (
                    <Button
                      key="retry"
                      size="slim"
                      loading={retrying === job.id}
                      onClick={() => retry(job)}
                      accessibilityLabel={t("jobs.retryLabel", { job: jobName(job) })}
                    >
                      {t("jobs.retry")}
                    </Button>
                  ) : (
                    ""
                  ),
                ])}
              />
            </Card>
          </BlockStack>
        )}
      </Loaded>
    </TitledPage>
  );
}
