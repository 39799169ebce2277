export { bundleWidget, widgetRouter } from "./widget-router.ts";
