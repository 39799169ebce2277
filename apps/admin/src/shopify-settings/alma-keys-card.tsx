import { Badge, BlockStack, Button, Card, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AlmaMode, SettingsState } from "./settings-types.ts";
import type { SettingsModel } from "./use-settings.ts";

const MODES: readonly AlmaMode[] = ["test", "live"];

/** The Alma account: environment, and one key per environment, shown masked once saved. */
export function AlmaKeysCard(props: { settings: SettingsState; model: SettingsModel }) {
  const { settings, model } = props;
  const { t } = useTranslation();
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {t("settings.account")}
        </Text>
        <Select
          label={t("settings.environment")}
          options={MODES.map((mode) => ({ value: mode, label: t(`settings.modes.${mode}`) }))}
          value={model.mode}
          onChange={(value) => model.setMode(value as AlmaMode)}
          helpText={t("settings.environmentHelp")}
        />
        {MODES.map((mode) => (
          <KeyField key={mode} mode={mode} settings={settings} model={model} />
        ))}
      </BlockStack>
    </Card>
  );
}

function KeyField(props: { mode: AlmaMode; settings: SettingsState; model: SettingsModel }) {
  const { mode, settings, model } = props;
  const { t } = useTranslation();
  const [value, setValue] = useState("");
  const saved = settings.keys[mode];
  const label = mode === "test" ? t("settings.testKey") : t("settings.liveKey");
  const submit = async () => {
    if (await model.saveKey(mode, value)) setValue("");
  };
  return (
    <BlockStack gap="200">
      <InlineStack gap="200" blockAlign="center">
        <Text as="span" variant="bodyMd" fontWeight="semibold">
          {label}
        </Text>
        {saved ? (
          <Badge tone="success">{`${saved.masked}${saved.merchantName ? ` · ${saved.merchantName}` : ""}`}</Badge>
        ) : (
          <Badge tone="attention">{t("settings.notSet")}</Badge>
        )}
      </InlineStack>
      <InlineStack gap="200" blockAlign="end" wrap={false}>
        <div style={{ flexGrow: 1 }}>
          <TextField
            label={label}
            labelHidden
            type="password"
            autoComplete="off"
            placeholder={`sk_${mode}_…`}
            value={value}
            onChange={setValue}
            error={model.keyErrors[mode]}
          />
        </div>
        <Button onClick={submit} loading={model.checkingKey === mode} disabled={value.trim() === ""}>
          {saved ? t("settings.replaceKey") : t("settings.saveKey")}
        </Button>
      </InlineStack>
    </BlockStack>
  );
}
