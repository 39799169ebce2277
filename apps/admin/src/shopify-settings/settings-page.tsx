import { Badge, Banner, BlockStack, Box, Layout, Page, Spinner, Text } from "@shopify/polaris";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useLanguage } from "../i18n/admin-providers.tsx";
import { LanguageSelect } from "../i18n/language-select.tsx";
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
  const { t } = useTranslation();
  const { language } = useLanguage();
  const model = useSettings(props.api, props.navigate, language);
  const documentTitle = t("settings.documentTitle");
  useEffect(() => {
    document.title = documentTitle;
  }, [documentTitle]);
  const { load } = model;
  if (load.kind === "loading") {
    return (
      <Page title="Alma">
        <Spinner accessibilityLabel={t("settings.loading")} />
      </Page>
    );
  }
  if (load.kind !== "ready") {
    return (
      <Page title="Alma">
        <Banner tone={load.kind === "signed-out" ? "warning" : "critical"} title={t("settings.unavailable")}>
          <p>{load.kind === "signed-out" ? t("settings.signedOut") : load.message}</p>
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
        settings.ready ? (
          <Badge tone="success">{t("settings.ready")}</Badge>
        ) : (
          <Badge tone="attention">{t("settings.notConfigured")}</Badge>
        )
      }
      primaryAction={{ content: t("settings.save"), onAction: model.save, loading: model.saving }}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {model.saveError ? (
              <Banner tone="critical" title={t("settings.notSaved")}>
                <p>{model.saveError}</p>
              </Banner>
            ) : null}
            {settings.externalHandle ? (
              <Box paddingInline={{ xs: "400", sm: "0" }}>
                <Text as="p" tone="subdued">
                  {t("settings.connectedAs", { handle: settings.externalHandle })}
                </Text>
              </Box>
            ) : null}
            <AlmaKeysCard settings={settings} model={model} />
            <PlansCard settings={settings} model={model} />
            <DataRequestsCard requests={settings.dataRequests} />
            {/* Cards run edge to edge on phones; loose content keeps their inner margin. */}
            <Box paddingInline={{ xs: "400", sm: "0" }}>
              <LanguageSelect />
            </Box>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
