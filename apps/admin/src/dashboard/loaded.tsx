import { Banner, Box, Spinner } from "@shopify/polaris";
import type { ReactNode } from "react";
import type { Loading } from "./use-answer.ts";

/** A spinner while loading, the server's sentence in a banner on failure, the content when ready. */
export function Loaded<T>(props: { state: Loading<T>; label: string; children: (value: T) => ReactNode }) {
  const { state } = props;
  if (state.kind === "loading")
    return (
      <Box padding="400">
        <Spinner accessibilityLabel={`Loading ${props.label}`} size="small" />
      </Box>
    );
  if (state.kind === "failed")
    return (
      <Banner tone="critical" title={`Could not load ${props.label}`}>
        <p>{state.error}</p>
      </Banner>
    );
  return <>{props.children(state.value)}</>;
}
