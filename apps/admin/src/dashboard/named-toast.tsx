import { Toast } from "@shopify/polaris";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/**
 * Polaris' Toast, whose close button (an icon only) gets a name: Polaris renders it without one,
 * which screen readers announce as a bare "button" (axe's button-name). The toast lives in a
 * portal Polaris draws when its transition starts, so the name is set whenever one appears.
 */
export function NamedToast(props: { content: string; error: boolean; onDismiss: () => void }) {
  const { t } = useTranslation();
  const label = t("common.close");
  useEffect(() => {
    const name = () => {
      for (const button of document.querySelectorAll(".Polaris-Frame-Toast__CloseButton")) {
        if (button.getAttribute("aria-label") !== label) button.setAttribute("aria-label", label);
      }
    };
    name();
    const observer = new MutationObserver(name);
    observer.observe(document.body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [label]);
  return <Toast content={props.content} error={props.error} onDismiss={props.onDismiss} />;
}
