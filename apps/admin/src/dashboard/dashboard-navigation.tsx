import { Box, Navigation, Select } from "@shopify/polaris";
import type { Session, TenantRow } from "./dashboard-types.ts";
import { type Route, type Section, sectionHash } from "./route.ts";

const LABELS: Record<Section, string> = {
  overview: "Overview",
  payments: "Payments",
  "payment-link": "Payment link",
  jobs: "Jobs",
  deliveries: "Webhook deliveries",
  outbox: "Messages sent",
};

export interface DashboardNavigationProps {
  session: Session;
  route: Route;
  tenantId: string | null;
  tenants: readonly TenantRow[];
  /** Webhook deliveries only exist for webhook-bridge tenants: the item is hidden elsewhere. */
  deliveriesSupported: boolean;
  onNavigate: (hash: string) => void;
  onSignOut: () => void;
  /** Closes the menu on phone width once an item is chosen. */
  onDismiss: () => void;
}

/** The menu: the operator's tenant picker, the current tenant's sections, and signing out. */
export function DashboardNavigation(props: DashboardNavigationProps) {
  const { route, tenantId, session } = props;
  const current: Section | null =
    route.page === "section" ? route.section : route.page === "payment" ? "payments" : null;
  const sections = (Object.keys(LABELS) as Section[]).filter(
    (s) => s !== "deliveries" || props.deliveriesSupported,
  );
  return (
    <Navigation location={window.location.hash} onDismiss={props.onDismiss}>
      {session.role === "operator" ? (
        <>
          <Navigation.Section
            items={[
              {
                url: "#/tenants",
                label: "All tenants",
                selected: route.page === "tenants",
              },
            ]}
          />
          {props.tenants.length > 0 ? (
            <Box paddingInline="300" paddingBlockStart="200">
              <Select
                label="Tenant"
                placeholder="Choose a tenant"
                options={props.tenants.map((t) => ({ label: `${t.name} (${t.platform})`, value: t.id }))}
                value={tenantId ?? ""}
                onChange={(id) => props.onNavigate(sectionHash(id, current ?? "overview"))}
              />
            </Box>
          ) : null}
        </>
      ) : null}
      {tenantId ? (
        <Navigation.Section
          title={props.tenants.find((t) => t.id === tenantId)?.name ?? "This tenant"}
          items={sections.map((section) => ({
            url: sectionHash(tenantId, section),
            label: LABELS[section],
            selected: current === section,
          }))}
        />
      ) : null}
      <Navigation.Section
        separator
        items={[{ label: "Sign out", onClick: props.onSignOut, url: "#/login", selected: false }]}
      />
    </Navigation>
  );
}
