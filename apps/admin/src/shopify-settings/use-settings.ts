import { useCallback, useEffect, useRef, useState } from "react";
import { checkDrafts, draftsFrom, type PlanDraft } from "./plan-drafts.ts";
import type { SettingsApi } from "./settings-api.ts";
import type { AlmaMode, SettingsState } from "./settings-types.ts";

export type LoadState =
  | { kind: "loading" }
  | { kind: "signed-out"; message: string }
  | { kind: "failed"; message: string }
  | { kind: "ready"; settings: SettingsState };

/** The page's state and actions: load, check a key, edit plans, save and go back to Shopify. */
export function useSettings(api: SettingsApi, navigate: (url: string) => void, language = "en") {
  const [load, setLoad] = useState<LoadState>({ kind: "loading" });
  const [mode, setMode] = useState<AlmaMode>("test");
  const [drafts, setDrafts] = useState<PlanDraft[]>([]);
  const [planErrors, setPlanErrors] = useState<Record<string, string>>({});
  const [keyErrors, setKeyErrors] = useState<Partial<Record<AlmaMode, string>>>({});
  const [checkingKey, setCheckingKey] = useState<AlmaMode | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  // Read when drafts are (re)built; changing the language must not reload and drop the edits.
  const languageNow = useRef(language);
  languageNow.current = language;
  const refresh = useCallback(async () => {
    const answer = await api.state();
    if (!answer.ok) {
      setLoad(
        answer.status === 401
          ? { kind: "signed-out", message: answer.error }
          : { kind: "failed", message: answer.error },
      );
      return;
    }
    setLoad({ kind: "ready", settings: answer.value });
    setMode(answer.value.almaMode);
    setDrafts(draftsFrom(answer.value.planOptions, answer.value.plans, languageNow.current));
  }, [api]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const saveKey = async (keyMode: AlmaMode, key: string): Promise<boolean> => {
    setCheckingKey(keyMode);
    const answer = await api.saveKey(keyMode, key);
    setCheckingKey(null);
    setKeyErrors((e) => ({ ...e, [keyMode]: answer.ok ? undefined : answer.error }));
    if (answer.ok) await refresh();
    return answer.ok;
  };

  const editPlan = (key: string, change: Partial<PlanDraft>) =>
    setDrafts((all) => all.map((d) => (d.key === key ? { ...d, ...change } : d)));

  const save = async () => {
    if (load.kind !== "ready") return;
    const checked = checkDrafts(drafts, load.settings.planOptions, language);
    setPlanErrors(checked.ok ? {} : checked.errors);
    setSaveError(null);
    if (!checked.ok) return;
    setSaving(true);
    const answer = await api.save({ almaMode: mode, plans: checked.plans });
    setSaving(false);
    if (answer.ok) return navigate(answer.value.redirectUrl);
    setSaveError(answer.error);
    if (answer.details) setPlanErrors(Object.fromEntries(answer.details.map((d) => [d.key, d.message])));
  };

  return {
    load,
    mode,
    setMode,
    drafts,
    editPlan,
    planErrors,
    keyErrors,
    checkingKey,
    saveKey,
    save,
    saving,
    saveError,
  };
}

export type SettingsModel = ReturnType<typeof useSettings>;
