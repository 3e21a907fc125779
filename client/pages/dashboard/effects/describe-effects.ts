/**
 * 効果検証 (issue 28) for the dashboard: the printed report's description (core/report-view/describe-effects.ts,
 * layout-forest-plot.ts) is the one home of the forest plot's rows and axis, the table of every figure and the
 * figures' names, so the view and the report read alike. The view draws these, and its tests compare them with
 * the JSON the page received.
 */
export { effectKey, effectLabel, effectsTable, forestRows, formatEstimate, MARK_BELOW } from '../../../../core/report-view/describe-effects.ts';
export { forestScale, type ForestRow } from '../../../../core/report-view/layout-forest-plot.ts';
