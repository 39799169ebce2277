export { widgetRouter } from "./widget-router.ts";
