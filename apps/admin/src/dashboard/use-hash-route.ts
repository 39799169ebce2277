import { useEffect, useState } from "react";

/** The location hash, kept current across back/forward and links. */
export function useHash(): string {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const update = () => setHash(window.location.hash);
    window.addEventListener("hashchange", update);
    return () => window.removeEventListener("hashchange", update);
  }, []);
  return hash;
}

export function navigate(hash: string): void {
  if (window.location.hash !== hash) window.location.hash = hash;
}

/**
 * Moves focus to the page heading after each navigation so a screen reader announces the new
 * page and Tab continues from the top of it rather than from the link that was followed.
 */
export function useFocusHeadingOn(key: string): void {
  useEffect(() => {
    // `key` only says when to run; the heading is read from the DOM once React has painted.
    void key;
    const frame = requestAnimationFrame(() => {
      const heading = document.querySelector<HTMLElement>("main h1, h1");
      if (!heading) return;
      heading.tabIndex = -1;
      heading.focus({ preventScroll: false });
    });
    return () => cancelAnimationFrame(frame);
  }, [key]);
}
