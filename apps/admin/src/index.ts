// The admin pages are a Vite-built app served by the server (see plugins/shopify's settings routes).
export {
  checkDrafts,
  draftsFrom,
  type PlanDraft,
} from "./shopify-settings/plan-drafts.ts";
export { type ApiAnswer, httpSettingsApi, type SettingsApi } from "./shopify-settings/settings-api.ts";
export type { AlmaMode, PlanOption, PlanSetting, SettingsState } from "./shopify-settings/settings-types.ts";
