import { formatMoney } from "@alma-suite/core/money";
import { Banner, BlockStack, Card, Checkbox, InlineGrid, Text, TextField } from "@shopify/polaris";
import { formatBps } from "./plan-drafts.ts";
import type { SettingsState } from "./settings-types.ts";
import type { SettingsModel } from "./use-settings.ts";

/** The plans Alma allows this account, each on or off, with the merchant's own amount window. */
export function PlansCard(props: { settings: SettingsState; model: SettingsModel }) {
  const { settings, model } = props;
  const options = settings.planOptions;
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Payment plans
        </Text>
        {settings.planOptionsError ? <Banner tone="critical">{settings.planOptionsError}</Banner> : null}
        {options.length === 0 && !settings.planOptionsError ? (
          <Text as="p" tone="subdued">
            Save an Alma API key to see the plans Alma offers your account.
          </Text>
        ) : null}
        {model.planErrors["*"] ? <Banner tone="critical">{model.planErrors["*"]}</Banner> : null}
        {model.drafts.map((draft) => {
          const option = options.find((o) => o.key === draft.key);
          if (!option) return null;
          return (
            <BlockStack gap="200" key={draft.key}>
              <Checkbox
                label={option.label}
                id={`plan-${draft.key}`}
                checked={draft.enabled}
                onChange={(enabled) => model.editPlan(draft.key, { enabled })}
                helpText={`Alma: ${formatMoney(option.almaMinCents, "en")} – ${formatMoney(option.almaMaxCents, "en")} · your fee ${formatBps(option.merchantFeeBps)} · customer fee ${formatBps(option.customerFeeBps)}${option.triggerLimitDays ? " · can be captured later" : ""}`}
              />
              <InlineGrid columns={2} gap="200">
                <TextField
                  label="Minimum basket (€)"
                  id={`min-${draft.key}`}
                  autoComplete="off"
                  inputMode="decimal"
                  value={draft.min}
                  onChange={(min) => model.editPlan(draft.key, { min })}
                  disabled={!draft.enabled}
                />
                <TextField
                  label="Maximum basket (€)"
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
