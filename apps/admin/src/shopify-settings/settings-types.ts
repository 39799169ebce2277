// The settings API's types, inferred from the Shopify plugin's own zod schemas (its settings routes
// read and answer with them): no copy here to drift. Type-only: nothing of the plugin is bundled.

export type {
  AlmaMode,
  KeyInfo,
  PlanOption,
  SettingsState,
  /** A plan as the page submits it (the state's plans carry Alma's window too). */
  SubmittedPlan as PlanSetting,
} from "@alma-suite/shopify/settings-api";
