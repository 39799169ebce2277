import { Banner, BlockStack, Button, Card, Form, FormLayout, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { LanguageSelect } from "../../i18n/language-select.tsx";
import type { DashboardApi } from "../dashboard-api.ts";
import type { Session } from "../dashboard-types.ts";
import { TitledPage } from "../page-title.tsx";

/** The operator's sign-in with the server's admin token; merchants arrive by a login link instead. */
export function LoginPage(props: { api: DashboardApi; onSignedIn: (session: Session) => void }) {
  const { t } = useTranslation();
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (token.trim() === "") return setError(t("login.enterToken"));
    setBusy(true);
    const answer = await props.api.signIn(token.trim());
    setBusy(false);
    if (answer.ok) return props.onSignedIn(answer.value);
    setError(answer.status === 401 || answer.status === 403 ? t("login.wrongToken") : answer.error);
  };
  return (
    <TitledPage title={t("login.title")} narrowWidth>
      <BlockStack gap="400">
        {error ? (
          <Banner tone="critical" title={t("login.notSignedIn")}>
            <p>{error}</p>
          </Banner>
        ) : null}
        <Card>
          <Form onSubmit={submit}>
            <FormLayout>
              <TextField
                label={t("login.tokenLabel")}
                type="password"
                autoComplete="current-password"
                value={token}
                onChange={setToken}
                helpText={t("login.tokenHelp")}
              />
              <Button submit variant="primary" loading={busy}>
                {t("login.signIn")}
              </Button>
            </FormLayout>
          </Form>
        </Card>
        <Text as="p" tone="subdued">
          {t("login.merchants")}
        </Text>
        <LanguageSelect />
      </BlockStack>
    </TitledPage>
  );
}
