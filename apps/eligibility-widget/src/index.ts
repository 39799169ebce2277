export { bundleWidget } from "./bundle-widget.ts";
export { widgetRouter } from "./widget-router.ts";
