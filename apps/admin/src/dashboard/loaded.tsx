import { Banner, Box, Spinner } from "@shopify/polaris";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../i18n/use-format.ts";
import { readableError } from "./display.ts";
import type { Loading } from "./use-answer.ts";

/**
 * A spinner while loading, the server's sentence in a banner on failure, the content when ready.
 * `label` names what loads, already translated ("the payments", "les paiements").
 */
export function Loaded<T>(props: { state: Loading<T>; label: string; children: (value: T) => ReactNode }) {
  const { state } = props;
  const { t } = useTranslation();
  const format = useFormat();
  if (state.kind === "loading")
    return (
      <Box padding="400">
        <Spinner accessibilityLabel={t("loaded.loading", { what: props.label })} size="small" />
      </Box>
    );
  if (state.kind === "failed")
    return (
      <Banner tone="critical" title={t("loaded.failed", { what: props.label })}>
        <p>{readableError(state.error, t, (cents) => format.money(cents))}</p>
      </Banner>
    );
  return <>{props.children(state.value)}</>;
}
