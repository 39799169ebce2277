import { Frame, Page, Spinner, TopBar } from "@shopify/polaris";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../i18n/use-format.ts";
import type { DashboardApi } from "./dashboard-api.ts";
import { DashboardNavigation } from "./dashboard-navigation.tsx";
import type { Session, TenantRow } from "./dashboard-types.ts";
import { readableError } from "./display.ts";
import { NamedToast } from "./named-toast.tsx";
import { PageTitleContext } from "./page-title.tsx";
import { LoginPage } from "./pages/login-page.tsx";
import { parseRoute, type Route, routeHash, sectionHash } from "./route.ts";
import { RoutePage } from "./route-page.tsx";
import { TopBarTitle } from "./top-bar-title.tsx";
import { navigate, useFocusHeadingOn, useHash } from "./use-hash-route.ts";

export type Notify = (message: string, error?: boolean) => void;

/**
 * The dashboard shell: who is signed in, the menu (a drawer behind a menu button on phone
 * width), the toast, and the page the hash names. A merchant's session is fixed to its tenant.
 */
export function DashboardApp(props: { api: DashboardApi }) {
  const { api } = props;
  const { t } = useTranslation();
  const hash = useHash();
  const [title, setTitle] = useState("");
  const [session, setSession] = useState<Session | null | "loading">("loading");
  const [tenants, setTenants] = useState<TenantRow[]>([]);
  const [deliveriesFor, setDeliveriesFor] = useState<Record<string, boolean>>({});
  const [menuOpen, setMenuOpen] = useState(false);
  const [toast, setToast] = useState<{ message: string; error: boolean } | null>(null);
  const format = useFormat();
  // A refusal from the server is said in the reader's language where the dashboard knows it.
  const notify: Notify = useCallback(
    (message, error = false) =>
      setToast({
        message: error ? readableError(message, t, (cents) => format.money(cents)) : message,
        error,
      }),
    [t, format],
  );
  useFocusHeadingOn(`${hash}|${session === "loading" ? "" : session?.role}`);

  useEffect(() => {
    void api.session().then((answer) => setSession(answer.ok ? answer.value : null));
  }, [api]);
  useEffect(() => {
    if (session === "loading" || session === null) return;
    void api.tenants().then((answer) => setTenants(answer.ok ? answer.value.tenants : []));
  }, [api, session]);

  const parsed = parseRoute(hash);
  // A merchant has no tenant list: its home is its own payments.
  const route: Route =
    session !== "loading" && session?.role === "merchant" && session.tenantId && parsed.page === "tenants"
      ? { page: "section", tenantId: session.tenantId, section: "payments", states: [], q: "" }
      : parsed;
  const tenantId = route.page === "section" || route.page === "payment" ? route.tenantId : null;

  useEffect(() => {
    if (!tenantId || session === "loading" || session === null || tenantId in deliveriesFor) return;
    // Only `supported` matters here: asking for pending deliveries keeps the answer small.
    void api.deliveries(tenantId, "pending").then((answer) => {
      setDeliveriesFor((known) => ({ ...known, [tenantId]: answer.ok && answer.value.supported }));
    });
  }, [api, tenantId, session, deliveriesFor]);

  const signedIn = (next: Session) => {
    setSession(next);
    const back = route.page === "login" ? route.next : null;
    const home =
      next.role === "merchant" && next.tenantId ? sectionHash(next.tenantId, "payments") : "#/tenants";
    navigate(back ?? home);
  };
  const signOut = () => {
    void api.signOut().then(() => {
      setSession(null);
      setTenants([]);
      navigate(routeHash({ page: "login", next: null }));
    });
  };

  const toastMarkup = toast ? (
    <NamedToast content={toast.message} error={toast.error} onDismiss={() => setToast(null)} />
  ) : null;
  if (session === "loading")
    return (
      <Frame>
        <Page title={t("shell.product")}>
          <Spinner accessibilityLabel={t("shell.checkingSession")} />
        </Page>
      </Frame>
    );
  if (session === null || route.page === "login")
    return (
      <PageTitleContext.Provider value={setTitle}>
        <Frame>
          <LoginPage api={api} onSignedIn={signedIn} />
          {toastMarkup}
        </Frame>
      </PageTitleContext.Provider>
    );
  return (
    <PageTitleContext.Provider value={setTitle}>
      <Frame
        topBar={
          <TopBar
            showNavigationToggle
            onNavigationToggle={() => setMenuOpen((open) => !open)}
            contextControl={<TopBarTitle product={t("shell.product")} title={title} />}
          />
        }
        navigation={
          <DashboardNavigation
            session={session}
            route={route}
            tenantId={tenantId}
            tenants={tenants}
            deliveriesSupported={tenantId ? deliveriesFor[tenantId] === true : false}
            onNavigate={(next) => {
              setMenuOpen(false);
              navigate(next);
            }}
            onSignOut={signOut}
            onDismiss={() => setMenuOpen(false)}
          />
        }
        showMobileNavigation={menuOpen}
        onNavigationDismiss={() => setMenuOpen(false)}
      >
        <RoutePage api={api} route={route} session={session} tenants={tenants} notify={notify} />
        {toastMarkup}
      </Frame>
    </PageTitleContext.Provider>
  );
}
