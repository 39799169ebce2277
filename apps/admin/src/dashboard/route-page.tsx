import { Link, Text } from "@shopify/polaris";
import { Trans, useTranslation } from "react-i18next";
import type { DashboardApi } from "./dashboard-api.ts";
import type { Notify } from "./dashboard-app.tsx";
import type { Session, TenantRow } from "./dashboard-types.ts";
import { TitledPage } from "./page-title.tsx";
import { DeliveriesPage } from "./pages/deliveries-page.tsx";
import { JobsPage } from "./pages/jobs-page.tsx";
import { OutboxPage } from "./pages/outbox-page.tsx";
import { OverviewPage } from "./pages/overview-page.tsx";
import { PaymentLinkPage } from "./pages/payment-link-page.tsx";
import { PaymentsPage } from "./pages/payments-page.tsx";
import { TenantsPage } from "./pages/tenants-page.tsx";
import { PaymentPage } from "./payment/payment-page.tsx";
import type { Route } from "./route.ts";

export interface RoutePageProps {
  api: DashboardApi;
  route: Route;
  session: Session;
  tenants: readonly TenantRow[];
  notify: Notify;
}

/** The page a route names, given what every page needs. */
export function RoutePage(props: RoutePageProps) {
  const { api, route, session, notify } = props;
  if (route.page === "tenants") {
    if (session.role === "operator") return <TenantsPage api={api} />;
    return <NotFound />;
  }
  if (route.page === "payment")
    return <PaymentPage api={api} tenantId={route.tenantId} paymentId={route.paymentId} notify={notify} />;
  if (route.page !== "section") return <NotFound />;
  const tenant = props.tenants.find((t) => t.id === route.tenantId);
  const common = { api, tenantId: route.tenantId, notify };
  switch (route.section) {
    case "overview":
      return <OverviewPage {...common} tenant={tenant} canMakeLoginLinks={session.role === "operator"} />;
    case "payments":
      return (
        <PaymentsPage
          key={`${route.tenantId}?${route.states.join(",")}&${route.q}`}
          {...common}
          states={route.states}
          q={route.q}
        />
      );
    case "payment-link":
      return <PaymentLinkPage {...common} />;
    case "jobs":
      return <JobsPage {...common} />;
    case "deliveries":
      return <DeliveriesPage {...common} />;
    case "outbox":
      return <OutboxPage {...common} />;
  }
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <TitledPage title={t("notFound.title")}>
      <Text as="p">
        <Trans i18nKey="notFound.body" components={{ start: <Link url="#/tenants" /> }} />
      </Text>
    </TitledPage>
  );
}
