import { Banner, BlockStack, Button, Card, Form, FormLayout, Page, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { DashboardApi } from "../dashboard-api.ts";
import type { Session } from "../dashboard-types.ts";

/** The operator's sign-in with the server's admin token; merchants arrive by a login link instead. */
export function LoginPage(props: { api: DashboardApi; onSignedIn: (session: Session) => void }) {
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (token.trim() === "") return setError("Enter the admin token.");
    setBusy(true);
    const answer = await props.api.signIn(token.trim());
    setBusy(false);
    if (answer.ok) return props.onSignedIn(answer.value);
    setError(
      answer.status === 401 || answer.status === 403 ? "This token is not the admin token." : answer.error,
    );
  };
  return (
    <Page title="Sign in to the Alma dashboard" narrowWidth>
      <BlockStack gap="400">
        {error ? (
          <Banner tone="critical" title="Not signed in">
            <p>{error}</p>
          </Banner>
        ) : null}
        <Card>
          <Form onSubmit={submit}>
            <FormLayout>
              <TextField
                label="Admin token"
                type="password"
                autoComplete="current-password"
                value={token}
                onChange={setToken}
                helpText="In DATA_DIR/admin.token, or the ADMIN_TOKEN the server was started with."
              />
              <Button submit variant="primary" loading={busy}>
                Sign in
              </Button>
            </FormLayout>
          </Form>
        </Card>
        <Text as="p" tone="subdued">
          Merchants sign in through the login link their operator sends them, or from the Alma app in Shopify.
        </Text>
      </BlockStack>
    </Page>
  );
}
