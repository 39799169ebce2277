import { Box, DataTable, type DataTableProps, Text } from "@shopify/polaris";
import { useEffect, useRef } from "react";

/**
 * Polaris' DataTable, with its horizontal scroll box made a named, focusable region: at phone
 * width a table of plain text (the schedule) scrolls inside its card, and a keyboard user must be
 * able to focus that box to scroll it (WCAG 2.1.1; axe's scrollable-region-focusable). Polaris
 * renders the box itself, so the attributes are set on it after each render. With `none`, a table
 * without rows is that sentence instead (the dashboard's lists: no jobs, no payments…).
 */
export function LabelledDataTable(props: DataTableProps & { label: string; none?: string }) {
  const { label, none, ...table } = props;
  const wrapper = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const box = wrapper.current?.querySelector<HTMLElement>(".Polaris-DataTable__ScrollContainer");
    if (!box) return;
    box.tabIndex = 0;
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", label);
  });
  if (none !== undefined && table.rows.length === 0)
    return (
      <Box padding="400">
        <Text as="p">{none}</Text>
      </Box>
    );
  return (
    <div ref={wrapper}>
      <DataTable {...table} />
    </div>
  );
}
