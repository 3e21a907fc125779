/**
 * The report's 調査概要 (issue 11): the fieldwork period, responses by channel and by ward,
 * and the response rate when the caller knows the population that was asked.
 *
 * - The period spans the analysed responses' `completedAt`, as UTC calendar dates, because the
 *   survey is fielded in Sapporo but the store keeps instants in UTC (contracts/response-record.ts);
 *   the dates are the ones the exports show.
 * - Counts are unweighted: they say how many people answered, which is what 調査概要 reports.
 * - Channels and wards with fewer than `minGroupSize` responses are hidden by the same rule as
 *   every other count (suppress-small-groups.ts), the complementary one included, since the
 *   total is printed beside them.
 * - Kiosk responses are told apart by whether an enrolled tablet sent them: the server stores a
 *   kiosk id only from an enrolled credential (issue 20), so one without came from a tablet that
 *   was not enrolled, and its ward is unknown.
 * - The response rate is responses / population, as 回収率 in 市民意識調査 reports.
 * - Completion time is completedAt − startedAt, in minutes, for responses with both and not
 *   negative (a device clock set back); its quartiles as R's quantile(type = 7). Only completed
 *   responses are stored, so how many ended early is not in the data, and not reported.
 * - The method in words is the definition's `method`; without one, null, and each renderer says
 *   in its reader's language which channels the answers came through.
 */
import type { Overview, Suppression } from '../../contracts/report.ts';
import { WARD_QUESTION } from '../../core/report-view/describe-tabulation.ts';
import type { ReportPlan } from '../plan/plan-report.ts';
import { localizeText } from '../../core/definitions/localize-text.ts';
import { selectQuantiles } from '../stats/select-quantiles.ts';
import { tabulationTexts } from '../../core/report-view/tabulation-texts.ts';
import { valueLabel } from '../summaries/summarize-questions.ts';
import { suppressSmallGroups } from '../suppression/suppress-small-groups.ts';
import { kioskIdColumn, NO_CHANNEL, TABLE_CHANNELS, type ResponseTable } from '../table/response-table.ts';

export interface OverviewOptions {
  /** How many were asked (e.g. the residents sampled); gives the response rate. */
  population?: number;
  /**
   * How many were asked per ward code; gives each ward's response rate, and the overall one
   * (responses / their sum) when `population` is not given.
   */
  populationByWard?: Readonly<Record<string, number>>;
}

export function summarizeOverview(
  table: ResponseTable,
  plan: ReportPlan,
  options: OverviewOptions = {},
): { overview: Overview; suppressed: Suppression[] } {
  const { populationByWard } = options;
  for (const [ward, size] of Object.entries(populationByWard ?? {})) {
    if (!(Number.isFinite(size) && size > 0)) throw new RangeError(`the population of ward ${JSON.stringify(ward)} must be a number > 0, got ${JSON.stringify(size)}`);
  }
  const population =
    options.population ?? (populationByWard && Object.keys(populationByWard).length > 0 ? Object.values(populationByWard).reduce((a, b) => a + b, 0) : undefined);
  if (population !== undefined && !(Number.isFinite(population) && population > 0)) {
    throw new RangeError(`population must be a number > 0, got ${JSON.stringify(population)}`);
  }
  const n = table.rowCount;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  const channelCounts = new Array<number>(TABLE_CHANNELS.length).fill(0);
  const kioskChannel = TABLE_CHANNELS.indexOf('kiosk');
  const idColumn = kioskIdColumn(table.columns);
  const fromEnrolled = (row: number) =>
    idColumn === undefined ? table.kiosk[row] === 1 : idColumn.kind === 'single' && idColumn.codes[row] >= 0;
  let enrolledKiosk = 0;
  const minutes = new Float64Array(n);
  let timed = 0;
  for (let row = 0; row < n; row++) {
    const took = (table.completedAt[row] - table.startedAt[row]) / 60_000;
    if (took >= 0) minutes[timed++] = took; // NaN (a time missing) fails the comparison
    if (table.channel[row] === kioskChannel && fromEnrolled(row)) enrolledKiosk += 1;
    const at = table.completedAt[row];
    if (at < first) first = at; // NaN compares false both ways, so rows without a date are skipped
    if (at > last) last = at;
    const channel = table.channel[row];
    if (channel !== NO_CHANNEL) channelCounts[channel] += 1;
  }
  const suppressed: Suppression[] = [];
  // Each hidden place also in words of the report's language (issue 26): 「回答方法別の件数: 区役所のタブレット」.
  const t = tabulationTexts(plan.language === 'en' ? 'en' : 'ja');
  const hide = (where: string, names: string[], counts: number[], words: { heading: string; names: string[] }) =>
    suppressSmallGroups(counts, plan.minGroupSize).map((hidden, k) => {
      if (!hidden) return counts[k];
      const label = `${words.heading}: ${words.names[k]}`;
      suppressed.push(
        hidden.reason === 'small'
          ? { where: `${where}.${names[k]}`, label, reason: `fewer than ${plan.minGroupSize} responses`, rule: 'small' }
          : {
              where: `${where}.${names[k]}`,
              label,
              reason: `hidden so that ${names[hidden.protects]} cannot be worked out from the total`,
              rule: 'complementary',
              protects: `${where}.${names[hidden.protects]}`,
            },
      );
      return null;
    });

  const channelsSeen = TABLE_CHANNELS.map((value, code) => ({ value, count: channelCounts[code] })).filter(({ count }) => count > 0);
  const channelNs = hide('overview.byChannel', channelsSeen.map(({ value }) => value), channelsSeen.map(({ count }) => count), {
    heading: t.byChannel,
    names: channelsSeen.map(({ value }) => t.channelNames[value] ?? value),
  });
  const byChannel = channelsSeen.map(({ value }, k) => ({ value, n: channelNs[k] }));
  const kioskCount = kioskChannel < 0 ? 0 : channelCounts[kioskChannel];
  let kiosks: Overview['kiosks'] = null;
  if (kioskCount > 0) {
    const [enrolled, unenrolled] = hide('overview.kiosks', ['enrolled', 'unenrolled'], [enrolledKiosk, kioskCount - enrolledKiosk], {
      heading: t.kiosks,
      names: [t.kioskEnrolled, t.kioskUnenrolled],
    });
    kiosks = { enrolled, unenrolled };
  }

  const byWard: Overview['byWard'] = [];
  const wardVariable = plan.variables.find((variable) => variable.name === WARD_QUESTION && variable.kind === 'single');
  const wardColumn = table.byName.get(WARD_QUESTION);
  if (wardVariable && wardColumn?.kind === 'single') {
    const counts = new Array<number>(wardColumn.values.length).fill(0);
    for (let row = 0; row < n; row++) {
      const code = wardColumn.codes[row];
      if (code >= 0) counts[code] += 1;
    }
    const seen = counts.map((count, code) => ({ code, count })).filter(({ count }) => count > 0);
    const ns = hide('overview.byWard', seen.map(({ code }) => String(wardColumn.values[code])), seen.map(({ count }) => count), {
      heading: t.byWard,
      names: seen.map(({ code }) => valueLabel(wardVariable, code, plan)),
    });
    seen.forEach(({ code }, k) => {
      const value = String(wardColumn.values[code]);
      const wardPopulation = populationByWard?.[value];
      byWard.push({
        value,
        label: valueLabel(wardVariable, code, plan),
        n: ns[k],
        // A hidden count keeps its rate hidden too: the population is public, so the rate gives n.
        ...(wardPopulation !== undefined ? { population: wardPopulation, responseRate: ns[k] === null ? null : ns[k]! / wardPopulation } : {}),
      });
    });
  }

  return {
    overview: {
      period: Number.isFinite(first) ? { from: utcDate(first), to: utcDate(last) } : null,
      byChannel,
      kiosks,
      byWard,
      completionMinutes: completionOf(minutes.subarray(0, timed), plan.minGroupSize),
      method: plan.method !== undefined ? localizeText(plan.method, plan.language, '') || null : null,
      responseRate: population === undefined ? null : n / population,
      population: population ?? null,
    },
    suppressed,
  };
}

/**
 * Quartiles of the minutes (R's quantile(type = 7)); none under the minimum group size (a time is
 * one person's). Selected in linear time (select-quantiles.ts): a million times are no sort.
 */
function completionOf(minutes: Float64Array, minGroupSize: number): Overview['completionMinutes'] {
  const n = minutes.length;
  if (n === 0 || n < minGroupSize) return null;
  const [q1, median, q3] = selectQuantiles(minutes, [0.25, 0.5, 0.75]);
  return { n, q1, median, q3 };
}

function utcDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}
