import { Badge, Banner, BlockStack, Layout, Page, Spinner, Text } from "@shopify/polaris";
import { AlmaKeysCard } from "./alma-keys-card.tsx";
import { DataRequestsCard } from "./data-requests-card.tsx";
import { PlansCard } from "./plans-card.tsx";
import type { SettingsApi } from "./settings-api.ts";
import { useSettings } from "./use-settings.ts";

/**
 * The Shopify settings page of the Alma payments app (not embedded: a page of its own after
 * OAuth). Saving declares the payment method ready in Shopify and returns the merchant there.
 */
export function SettingsPage(props: { api: SettingsApi; navigate: (url: string) => void }) {
  const model = useSettings(props.api, props.navigate);
  const { load } = model;
  if (load.kind === "loading") {
    return (
      <Page title="Alma">
        <Spinner accessibilityLabel="Loading settings" />
      </Page>
    );
  }
  if (load.kind !== "ready") {
    return (
      <Page title="Alma">
        <Banner tone={load.kind === "signed-out" ? "warning" : "critical"} title="Settings unavailable">
          <p>
            {load.kind === "signed-out"
              ? "Open Alma from the Apps section of your Shopify admin to sign in."
              : load.message}
          </p>
        </Banner>
      </Page>
    );
  }
  const { settings } = load;
  return (
    <Page
      title="Alma"
      subtitle={settings.shop}
      titleMetadata={
        settings.ready ? <Badge tone="success">Ready</Badge> : <Badge tone="attention">Not configured</Badge>
      }
      primaryAction={{ content: "Save and return to Shopify", onAction: model.save, loading: model.saving }}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {model.saveError ? (
              <Banner tone="critical" title="Not saved">
                <p>{model.saveError}</p>
              </Banner>
            ) : null}
            {settings.externalHandle ? (
              <Text as="p" tone="subdued">{`Connected as ${settings.externalHandle}`}</Text>
            ) : null}
            <AlmaKeysCard settings={settings} model={model} />
            <PlansCard settings={settings} model={model} />
            <DataRequestsCard requests={settings.dataRequests} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
