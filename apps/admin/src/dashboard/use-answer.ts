import { useCallback, useEffect, useRef, useState } from "react";
import type { Answer } from "./dashboard-api.ts";

export type Loading<T> =
  | { kind: "loading" }
  | { kind: "failed"; status: number; error: string }
  | { kind: "ready"; value: T };

/**
 * Runs `load` whenever it changes (callers memoise it on what it depends on) and on `reload`.
 * A reload keeps the current data on screen until the new answer arrives; an answer that
 * arrives after a newer request started is dropped, so fast navigation never shows one
 * tenant's data under another's heading.
 */
export function useAnswer<T>(load: () => Promise<Answer<T>>) {
  const [state, setState] = useState<Loading<T>>({ kind: "loading" });
  const [generation, setGeneration] = useState(0);
  const shown = useRef(load);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is the reload trigger.
  useEffect(() => {
    let current = true;
    if (shown.current !== load) {
      shown.current = load;
      setState({ kind: "loading" });
    }
    void load().then((answer) => {
      if (!current) return;
      setState(
        answer.ok
          ? { kind: "ready", value: answer.value }
          : { kind: "failed", status: answer.status, error: answer.error },
      );
    });
    return () => {
      current = false;
    };
  }, [load, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { state, reload };
}
