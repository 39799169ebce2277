import { Badge } from "@shopify/polaris";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

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
  cancelled: undefined,
};

/** "partially_refunded" → "Partially refunded" / "Partiellement remboursé"; an unknown state as it is. */
export function stateLabel(state: string, t: TFunction): string {
  const words = state.replaceAll("_", " ");
  return t(`states.${state}`, { defaultValue: words.charAt(0).toUpperCase() + words.slice(1) });
}

export function StateBadge(props: { state: string; tone?: Tone }) {
  const { t } = useTranslation();
  return <Badge tone={props.tone ?? TONES[props.state]}>{stateLabel(props.state, t)}</Badge>;
}
