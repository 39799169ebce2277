import { Page, type PageProps } from "@shopify/polaris";
import { createContext, useContext, useEffect } from "react";

/** Where the shell learns the current page's title, to show it in the phone top bar. */
export const PageTitleContext = createContext<(title: string) => void>(() => {});

/**
 * Polaris' Page, whose title also names the browser tab and, on phone width (where the top bar
 * has no room for the name plate), the top bar.
 */
export function TitledPage(props: PageProps & { title: string }) {
  const publish = useContext(PageTitleContext);
  const { title } = props;
  useEffect(() => {
    publish(title);
    document.title = `${title} · Alma`;
  }, [publish, title]);
  return <Page {...props} />;
}
