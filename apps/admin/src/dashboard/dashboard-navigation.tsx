import { Box, Navigation, Select } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { LanguageSelect } from "../i18n/language-select.tsx";
import type { Session, TenantRow } from "./dashboard-types.ts";
import { type Route, SECTIONS, type Section, sectionHash } from "./route.ts";

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
  const { t } = useTranslation();
  const current: Section | null =
    route.page === "section" ? route.section : route.page === "payment" ? "payments" : null;
  const sections = SECTIONS.filter((s) => s !== "deliveries" || props.deliveriesSupported);
  return (
    <Navigation location={window.location.hash} onDismiss={props.onDismiss}>
      {session.role === "operator" ? (
        <>
          <Navigation.Section
            items={[
              {
                url: "#/tenants",
                label: t("nav.allTenants"),
                selected: route.page === "tenants",
              },
            ]}
          />
          {props.tenants.length > 0 ? (
            <Box paddingInline="300" paddingBlockStart="200">
              <Select
                label={t("nav.tenant")}
                placeholder={t("nav.chooseTenant")}
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
          title={props.tenants.find((t) => t.id === tenantId)?.name ?? t("nav.thisTenant")}
          items={sections.map((section) => ({
            url: sectionHash(tenantId, section),
            label: t(`sections.${section}`),
            selected: current === section,
          }))}
        />
      ) : null}
      <Navigation.Section
        separator
        items={[{ label: t("nav.signOut"), onClick: props.onSignOut, url: "#/login", selected: false }]}
      />
      <Box paddingInline="300" paddingBlock="200">
        <LanguageSelect />
      </Box>
    </Navigation>
  );
}
