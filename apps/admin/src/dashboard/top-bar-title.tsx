import { Text } from "@shopify/polaris";

/**
 * The top bar's left side: the product's name beside the menu button on wide screens, and the
 * current page's title on phone width, where the menu hides the page's own navigation. Which
 * one shows is decided in admin.css (`.alma-top-bar-*`), so both are always in the markup.
 */
export function TopBarTitle(props: { product: string; title: string }) {
  return (
    <div className="alma-top-bar-title">
      <span className="alma-top-bar-product">
        <Text as="span" variant="headingMd" fontWeight="semibold">
          {props.product}
        </Text>
      </span>
      <span className="alma-top-bar-page">
        <Text as="span" variant="headingMd" fontWeight="semibold" truncate>
          {props.title}
        </Text>
      </span>
    </div>
  );
}
