import { BlockStack, Box, Button, Card, InlineStack, Page, Select, Text } from "@shopify/polaris";
import { useCallback, useState } from "react";
import { JOB_STATES, type JobRow } from "../dashboard-types.ts";
import { formatTime } from "../format-time.ts";
import { LabelledDataTable } from "../labelled-data-table.tsx";
import { Loaded } from "../loaded.tsx";
import { StateBadge, stateLabel } from "../state-badge.tsx";
import { useAnswer } from "../use-answer.ts";
import type { TenantPageProps } from "./page-props.ts";

/** The tenant's durable jobs: how many in each state, and a retry for the failed and dead ones. */
export function JobsPage(props: TenantPageProps) {
  const { api, tenantId, notify } = props;
  const [filter, setFilter] = useState("");
  const { state, reload } = useAnswer(
    useCallback(() => api.jobs(tenantId, filter || undefined), [api, tenantId, filter]),
  );
  const [retrying, setRetrying] = useState<string | null>(null);
  const retry = async (job: JobRow) => {
    setRetrying(job.id);
    const answer = await api.retryJob(tenantId, job.id);
    setRetrying(null);
    notify(answer.ok ? `${job.type} will run again` : answer.error, !answer.ok);
    reload();
  };
  return (
    <Page title="Jobs">
      <Loaded state={state} label="jobs">
        {({ counts, jobs }) => (
          <BlockStack gap="400">
            <Card>
              <InlineStack gap="400" blockAlign="end" wrap>
                {JOB_STATES.map((s) => (
                  <Text as="p" key={s}>
                    {`${stateLabel(s)}: `}
                    <Text as="span" fontWeight="semibold">
                      {String(counts[s] ?? 0)}
                    </Text>
                  </Text>
                ))}
                <Select
                  label="Show"
                  options={[
                    { label: "All jobs", value: "" },
                    ...JOB_STATES.map((s) => ({ label: stateLabel(s), value: s })),
                  ]}
                  value={filter}
                  onChange={setFilter}
                />
              </InlineStack>
            </Card>
            <Card padding="0">
              {jobs.length === 0 ? (
                <Box padding="400">
                  <Text as="p">No job.</Text>
                </Box>
              ) : (
                <LabelledDataTable
                  label="Jobs"
                  columnContentTypes={["text", "text", "numeric", "text", "text", "text"]}
                  headings={["Job", "State", "Attempts", "Last error", "Next run", "Action"]}
                  rows={jobs.map((job) => [
                    job.type,
                    <StateBadge key="state" state={job.state} />,
                    `${job.attempts} / ${job.maxAttempts}`,
                    job.lastError ?? "–",
                    job.state === "pending" || job.state === "failed" ? formatTime(job.runAt) : "–",
                    job.state === "failed" || job.state === "dead" ? (
                      <Button
                        key="retry"
                        size="slim"
                        loading={retrying === job.id}
                        onClick={() => retry(job)}
                        accessibilityLabel={`Retry ${job.type}`}
                      >
                        Retry
                      </Button>
                    ) : (
                      ""
                    ),
                  ])}
                />
              )}
            </Card>
          </BlockStack>
        )}
      </Loaded>
    </Page>
  );
}
