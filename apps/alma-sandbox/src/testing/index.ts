// Helpers for other packages' end-to-end tests: pay on the hosted page as a customer would.
export { follow, type PageResponse, type PayOptions, page, pay } from "./checkout-driver.ts";
export { horizontalOverflow, seriousA11yViolations } from "./page-checks.ts";
