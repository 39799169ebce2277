import { Badge } from "@shopify/polaris";

type Tone = "success" | "attention" | "critical" | "info" | "warning" | undefined;

// One colour per meaning across payments, instalments, refunds, jobs and deliveries.
const TONES: Record<string, Tone> = {
  paid: "success",
  succeeded: "success",
  done: "success",
  delivered: "success",
  covered: "success",
  authorized: "info",
  partially_refunded: "info",
  refunded: "info",
  running: "info",
  pending: "attention",
  claimed: "warning",
  incident: "critical",
  failed: "critical",
  dead: "critical",
  exhausted: "critical",
  refused: "critical",
  fraud_suspected: "critical",
};

/** "partially_refunded" → "Partially refunded". */
export function stateLabel(state: string): string {
  const words = state.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function StateBadge(props: { state: string }) {
  return <Badge tone={TONES[props.state]}>{stateLabel(props.state)}</Badge>;
}
