import { Badge, BlockStack, Button, Card, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { AlmaMode, SettingsState } from "./settings-types.ts";
import type { SettingsModel } from "./use-settings.ts";

const MODES: { value: AlmaMode; label: string }[] = [
  { value: "test", label: "Test (Alma sandbox, no real payments)" },
  { value: "live", label: "Live (real payments)" },
];

/** The Alma account: environment, and one key per environment, shown masked once saved. */
export function AlmaKeysCard(props: { settings: SettingsState; model: SettingsModel }) {
  const { settings, model } = props;
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Alma account
        </Text>
        <Select
          label="Environment"
          options={MODES}
          value={model.mode}
          onChange={(value) => model.setMode(value as AlmaMode)}
          helpText="Use Test while Shopify's test mode is on; Live takes real payments."
        />
        {MODES.map(({ value }) => (
          <KeyField key={value} mode={value} settings={settings} model={model} />
        ))}
      </BlockStack>
    </Card>
  );
}

function KeyField(props: { mode: AlmaMode; settings: SettingsState; model: SettingsModel }) {
  const { mode, settings, model } = props;
  const [value, setValue] = useState("");
  const saved = settings.keys[mode];
  const label = mode === "test" ? "Test API key" : "Live API key";
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
          <Badge tone="attention">Not set</Badge>
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
          {saved ? "Replace key" : "Check and save key"}
        </Button>
      </InlineStack>
    </BlockStack>
  );
}
