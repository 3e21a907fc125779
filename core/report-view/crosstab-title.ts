/** "満足度 — 公園": a cross-tab's question and, for a matrix, its row; the dashboard's view and the cross-tab CSV name it so. */
export function crosstabTitle(crosstab: { label: string; rowLabel?: string }): string {
  return crosstab.rowLabel ? `${crosstab.label} — ${crosstab.rowLabel}` : crosstab.label;
}
