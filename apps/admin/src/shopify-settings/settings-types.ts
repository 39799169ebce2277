/** The JSON the plugin's settings API speaks (plugins/shopify/src/settings). */
export type AlmaMode = "test" | "live";

export interface KeyInfo {
  masked: string;
  merchantId: string | null;
  merchantName: string | null;
}

export interface PlanOption {
  key: string;
  label: string;
  almaMinCents: number;
  almaMaxCents: number;
  triggerLimitDays: number | null;
  merchantFeeBps: number | null;
  customerFeeBps: number | null;
  customerLendingRateBps: number | null;
}

export interface PlanSetting {
  key: string;
  enabled: boolean;
  minCents: number;
  maxCents: number;
}

export interface SettingsState {
  shop: string;
  almaMode: AlmaMode;
  ready: boolean;
  externalHandle: string | null;
  keys: Record<AlmaMode, KeyInfo | null>;
  planOptions: PlanOption[];
  plansMode: AlmaMode | null;
  planOptionsError: string | null;
  plans: PlanSetting[];
  dataRequests: { id: string; receivedAt: number; payments: number }[];
}
