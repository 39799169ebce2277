import { formatMoney } from "@alma-suite/core/money";
import { describePlan, parsePlanKey } from "@alma-suite/core/plans";
import { Banner, BlockStack, Card, Checkbox, InlineGrid, Text, TextField } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { useLanguage } from "../i18n/admin-providers.tsx";
import { formatBps } from "./plan-drafts.ts";
import type { SettingsState } from "./settings-types.ts";
import type { SettingsModel } from "./use-settings.ts";

/** The plans Alma allows this account, each on or off, with the merchant's own amount window. */
export function PlansCard(props: { settings: SettingsState; model: SettingsModel }) {
  const { settings, model } = props;
  const options = settings.planOptions;
  const { t } = useTranslation();
  const { language } = useLanguage();
  const money = (cents: number) => formatMoney(cents, language);
  // The plugin names plans in English; core names them in the reader's language.
  const planName = (key: string, fallback: string) => {
    const plan = parsePlanKey(key);
    return plan ? describePlan(plan, language) : fallback;
  };
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {t("settings.plans")}
        </Text>
        {settings.planOptionsError ? <Banner tone="critical">{settings.planOptionsError}</Banner> : null}
        {options.length === 0 && !settings.planOptionsError ? (
          <Text as="p" tone="subdued">
            {t("settings.plansEmpty")}
          </Text>
        ) : null}
        {model.planErrors["*"] ? <Banner tone="critical">{model.planErrors["*"]}</Banner> : null}
        {model.drafts.map((draft) => {
          const option = options.find((o) => o.key === draft.key);
          if (!option) return null;
          return (
            <BlockStack gap="200" key={draft.key}>
              <Checkbox
                label={planName(option.key, option.label)}
                id={`plan-${draft.key}`}
                checked={draft.enabled}
                onChange={(enabled) => model.editPlan(draft.key, { enabled })}
                helpText={[
                  t("settings.window", { min: money(option.almaMinCents), max: money(option.almaMaxCents) }),
                  t("settings.merchantFee", { fee: formatBps(option.merchantFeeBps, language) }),
                  t("settings.customerFee", { fee: formatBps(option.customerFeeBps, language) }),
                  ...(option.triggerLimitDays ? [t("settings.deferredCapture")] : []),
                ].join(" · ")}
              />
              <InlineGrid columns={2} gap="200">
                <TextField
                  label={t("settings.minBasket")}
                  id={`min-${draft.key}`}
                  autoComplete="off"
                  inputMode="decimal"
                  value={draft.min}
                  onChange={(min) => model.editPlan(draft.key, { min })}
                  disabled={!draft.enabled}
                />
                <TextField
                  label={t("settings.maxBasket")}
                  id={`max-${draft.key}`}
                  autoComplete="off"
                  inputMode="decimal"
                  value={draft.max}
                  onChange={(max) => model.editPlan(draft.key, { max })}
                  disabled={!draft.enabled}
                />
              </InlineGrid>
              {model.planErrors[draft.key] ? (
                <Text as="p" tone="critical">
                  {model.planErrors[draft.key]}
                </Text>
              ) : null}
            </BlockStack>
          );
        })}
      </BlockStack>
    </Card>
  );
}
