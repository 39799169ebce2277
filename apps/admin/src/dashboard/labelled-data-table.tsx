import { DataTable, type DataTableProps } from "@shopify/polaris";
import { useEffect, useRef } from "react";

/**
 * Polaris' DataTable, with its horizontal scroll box made a named, focusable region: at phone
 * width a table of plain text (the schedule) scrolls inside its card, and a keyboard user must be
 * able to focus that box to scroll it (WCAG 2.1.1; axe's scrollable-region-focusable). Polaris
 * renders the box itself, so the attributes are set on it after each render.
 */
export function LabelledDataTable(props: DataTableProps & { label: string }) {
  const { label, ...table } = props;
  const wrapper = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const box = wrapper.current?.querySelector<HTMLElement>(".Polaris-DataTable__ScrollContainer");
    if (!box) return;
    box.tabIndex = 0;
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", label);
  });
  return (
    <div ref={wrapper}>
      <DataTable {...table} />
    </div>
  );
}
