import type { TFunction } from "i18next";
import type { TimelineEntry } from "../dashboard-types.ts";
import { readableError } from "../display.ts";

type Money = (cents: number) => string;

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : typeof value === "number" ? String(value) : null;
}

/** Catalogue key of an event type: `refund.succeeded` → `timeline.events.refund_succeeded`. */
function eventKey(type: string): string {
  return `timeline.events.${typeKey(type)}`;
}

/** An event or job type as a catalogue key segment: dots and colons are separators there. */
export function typeKey(type: string): string {
  return type.replace(/[^a-zA-Z0-9]/g, "_");
}

/**
 * What happened, as a sentence in the reader's language with money written as they write it:
 * `refund.succeeded {amountCents: 10000}` reads "Alma refunded 100,00 €.", a platform call's
 * `{outcome: {status: "refunded"}}` reads "The platform recorded it: refunded.". The server's
 * `detail` (key=value pairs) is never shown as it is; an event type no catalogue knows yet is
 * described from the facts it carries that a person can read.
 */
export function timelineSentence(
  entry: TimelineEntry,
  t: TFunction,
  money: Money,
  exists: (key: string) => boolean,
): string {
  const data = entry.data ?? {};
  if (entry.kind !== "event") {
    const attempts = typeof data.attempts === "number" ? data.attempts : null;
    const max = typeof data.maxAttempts === "number" ? data.maxAttempts : null;
    const error = text(data.error);
    const tried = attempts !== null && max !== null ? t("timeline.attempts", { count: attempts, max }) : "";
    return error
      ? `${tried} ${t("timeline.lastError", { error: readableError(error, t, money) })}`.trim()
      : tried;
  }
  const values = {
    amount: typeof data.amountCents === "number" ? money(data.amountCents) : "",
    reason: text(data.reason) ? readableError(String(data.reason), t, money) : "",
    reference: text(data.reference) ?? "",
    to: text(data.to) ?? "",
    channel: data.channel === "sms" ? t("outbox.sms") : t("outbox.email"),
    almaState: text(data.almaState)
      ? t(`almaStates.${data.almaState}`, { defaultValue: String(data.almaState) })
      : "",
    source: text(data.source)
      ? t(`timeline.sources.${data.source}`, { defaultValue: String(data.source) })
      : "",
  };
  const outcome = data.outcome as { status?: unknown; detail?: unknown } | undefined;
  if (entry.type.startsWith("platform.") && outcome && typeof outcome === "object") {
    const action = t(`timeline.actions.${entry.type.slice("platform.".length)}`, {
      defaultValue: entry.type.slice("platform.".length),
    });
    const status = text(outcome.status) ?? "";
    return t("timeline.platformCall", {
      action,
      outcome: t(`timeline.outcomes.${status}`, { defaultValue: status }),
    });
  }
  const key = eventKey(entry.type);
  if (exists(key)) {
    const sentence = t(key, values);
    const because =
      values.reason && !sentence.includes(values.reason) ? ` ${t("timeline.because", values)}` : "";
    return `${sentence}${because}`;
  }
  const facts = [
    values.amount ? t("timeline.factAmount", values) : "",
    values.reason ? t("timeline.because", values) : "",
  ].filter((f) => f !== "");
  return facts.join(" ");
}
