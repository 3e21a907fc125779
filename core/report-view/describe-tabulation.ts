/**
 * The 集計表 part of a rendered report (issue 11): 回答者属性 and 単純集計 from the report's
 * `summaries`, クロス集計 from its `crosstabs` grouped by `breakdowns`, as tables of strings with
 * their charts (describe-charts.ts). Labels are the report's own (written in the report's
 * language); the words are the workbook's (tabulation-texts.ts), so the xlsx, Markdown and HTML
 * say the same.
 */
import type { AnswerValue, Breakdown, Crosstab, CrosstabCell, FewerItem, MeansByGroup, QuestionSummary, Report } from '../../contracts/report.ts';
import type { Locale } from '../i18n/locale.ts';
import { formatCount, formatNumber, formatPercent } from '../i18n/number-format.ts';
import { isAttachmentType } from '../definitions/attachment-types.ts';
import { describeSummaryChart } from './describe-charts.ts';
import { crosstabTitle } from './crosstab-title.ts';
import type { Section, Table } from './view-types.ts';
import { fillText, describeCrosstabTest, describeMeansTest, tabulationTexts } from './tabulation-texts.ts';

/** The meta variable the overview counts responses by when the report has no `overview`. */
export const WARD_QUESTION = 'ward';

/** The summaries of the breakdown questions (回答者属性), in the breakdowns' order. */
export function profileSummaries(report: Report): QuestionSummary[] {
  const summaries = report.summaries ?? [];
  return (report.breakdowns ?? []).flatMap((breakdown) => summaries.filter((summary) => summary.question === breakdown.by));
}

/** n by ward for 調査概要: the overview's count when built, else the `ward` summary's; undefined without either. */
export function wardTable(report: Report, locale: Locale): Table | undefined {
  const t = tabulationTexts(locale);
  const hidden = t.hidden;
  if (report.overview && report.overview.byWard.length > 0) {
    const byWard = report.overview.byWard;
    // With ward populations (issue 25): each ward's population and response rate beside its n.
    const rates = byWard.some((ward) => ward.population !== undefined);
    const rate = (share: number | null | undefined) => (share === undefined ? '—' : share === null ? hidden : formatPercent(share, locale, 2));
    return {
      columns: rates ? [t.byWard, t.n, t.population, t.responseRate] : [t.byWard, t.n],
      numeric: rates ? [false, true, true, true] : [false, true],
      rows: byWard.map((ward) => [
        ward.label,
        ward.n === null ? hidden : formatCount(ward.n, locale),
        ...(rates ? [ward.population === undefined ? '—' : formatCount(ward.population, locale), rate(ward.responseRate)] : []),
      ]),
      hides: byWard.some((ward) => ward.n === null),
    };
  }
  const ward = report.summaries?.find((summary) => summary.question === WARD_QUESTION);
  if (!ward?.items || ward.answered === null) return undefined;
  return {
    columns: [t.byWard, t.n, t.share],
    numeric: [false, true, true],
    rows: ward.items.map((item) => [
      item.label,
      item.count === null ? t.hidden : formatCount(item.count, locale),
      item.share === null ? t.hidden : formatPercent(item.share, locale),
    ]),
    hides: ward.items.some((item) => item.count === null),
  };
}

/** The overview's facts the report carries beyond the header's: period, channels, response rate. */
export function overviewFacts(report: Report, locale: Locale): Array<[string, string]> {
  const t = tabulationTexts(locale);
  const overview = report.overview;
  if (!overview) return [];
  const facts: Array<[string, string]> = [];
  const list = locale === 'ja' ? '、' : ', ';
  if (overview.method) facts.push([t.method, overview.method]);
  else if (overview.byChannel.length > 0) facts.push([t.method, t.methodFromChannels(overview.byChannel.map((channel) => t.channelNames[channel.value] ?? channel.value))]);
  if (overview.period) facts.push([t.period, `${overview.period.from} – ${overview.period.to}`]);
  if (overview.byChannel.length > 0) {
    facts.push([t.byChannel, overview.byChannel.map((channel) => `${t.channelNames[channel.value] ?? channel.value} ${channel.n === null ? t.hidden : formatCount(channel.n, locale)}`).join(list)]);
  }
  if (overview.completionMinutes) {
    const { n, q1, median, q3 } = overview.completionMinutes;
    const minutes = (value: number) => formatNumber(value, locale, 1);
    facts.push([t.completion, fillText(t.completionValue, { median: minutes(median), q1: minutes(q1), q3: minutes(q3), n: formatCount(n, locale) })]);
  }
  if (overview.kiosks) {
    const count = (n: number | null) => (n === null ? t.hidden : formatCount(n, locale));
    facts.push([t.kiosks, `${t.kioskEnrolled} ${count(overview.kiosks.enrolled)}${list}${t.kioskUnenrolled} ${count(overview.kiosks.unenrolled)}`]);
  }
  if (overview.population !== null) facts.push([t.population, formatCount(overview.population, locale)]);
  if (overview.responseRate !== null) facts.push([t.responseRate, formatPercent(overview.responseRate, locale)]);
  return facts;
}

/** One question's 単純集計: its table, its chart, and the notes a reader needs (n, no answer, hidden). */
export function describeSummary(summary: QuestionSummary, report: Report, locale: Locale): Section {
  const t = tabulationTexts(locale);
  // A hidden answer (null) reads 「＊」, with the legend under the table.
  const count = (n: number | null) => (n === null ? t.hidden : formatCount(n, locale));
  const percent = (share: number | null) => (share === null ? t.hidden : formatPercent(share, locale));
  const decimal = (x: number) => formatNumber(x, locale, 2);
  const heading = summary.label;
  if (summary.notSummarised) {
    // The analysis gives its reason in English; the report says it in its own language.
    const freeText = summary.type === 'comment' || summary.type === 'text' || summary.type === 'multipletext';
    const reason = freeText ? t.freeText : isAttachmentType(summary.type) ? t.attachment : fillText(t.noSummaryYet, { type: summary.type });
    const answered = summary.answered == null ? '' : `${t.answered} n = ${formatCount(summary.answered, locale)} · ${t.noAnswer} ${formatCount(summary.noAnswer, locale)}`;
    return { heading, notes: [answered, reason].filter(Boolean) };
  }
  if (summary.answered === null || summary.suppressed) {
    return { heading, notes: [], table: { columns: ['', t.answered], numeric: [false, true], rows: [[heading, t.hidden]], hides: true } };
  }
  const notes = [`${t.answered} n = ${count(summary.answered)} · ${t.noAnswer} ${count(summary.noAnswer)}`];
  const footnotes: string[] = [];
  const fewerNote = (fewer: FewerItem, labelOf: (value: AnswerValue) => string) =>
    fillText(t.fewerNote, { min: report.minGroupSize, members: fewer.values.map(labelOf).join(locale === 'ja' ? '、' : ', ') });
  let table: Table | undefined;
  if (summary.items) {
    const fewer = summary.fewer;
    // The answers added into 「その他（少数）」 are named in its note, not listed again as ＊ rows.
    const inFewer = (value: AnswerValue) => fewer?.values.some((member) => member === value) ?? false;
    const rows = summary.items.filter((item) => !inFewer(item.value)).map((item) => [item.label, count(item.count), percent(item.share)]);
    if (fewer) {
      rows.push([t.fewer, count(fewer.count), percent(fewer.share)]);
      footnotes.push(fewerNote(fewer, (value) => summary.items!.find((item) => item.value === value)?.label ?? String(value)));
    }
    table = { columns: ['', t.count, t.share], numeric: [false, true, true], rows };
    if (summary.type === 'checkbox' || summary.type === 'tagbox') footnotes.push(t.chosenNote);
    if (summary.mean != null) footnotes.push(`${t.mean} ${decimal(summary.mean)}${summary.topTwo != null ? ` · ${t.topTwo} ${percent(summary.topTwo)}` : ''}`);
  } else if (summary.rows && summary.rows.length > 0 && columnKind(summary) !== 'choice') {
    // A matrixdropdown column of numbers or of text (issue 25): a row per matrix row, described as numbers, or only counted.
    const numbers = columnKind(summary) === 'number';
    const blank = numbers ? Array.from({ length: 7 }, () => t.hidden) : [];
    table = {
      columns: ['', t.answered, ...(numbers ? [t.mean, t.sd, t.min, t.q1, t.median, t.q3, t.max] : [])],
      numeric: [false, true, ...(numbers ? Array.from({ length: 7 }, () => true) : [])],
      rows: summary.rows.map((row) => {
        if (row.answered === null || row.suppressed) return [row.label, t.hidden, ...blank];
        if (!numbers) return [row.label, count(row.answered)];
        const n = row.numeric;
        // Nobody answered the row: no numbers to show (—); answered but described by nothing: hidden (＊).
        const cells = n ? [n.mean, n.sd, n.min, n.q1, n.median, n.q3, n.max].map((x) => (x === null ? '—' : decimal(x))) : blank.map(() => (row.answered === 0 ? '—' : t.hidden));
        return [row.label, count(row.answered), ...cells];
      }),
    };
    if (!numbers) footnotes.push(t.textColumnNote);
  } else if (summary.rows && summary.rows.length > 0) {
    const values = summary.rows.find((row) => row.items.length > 0)?.items ?? [];
    const ordered = summary.rows.some((row) => row.mean != null);
    const withFewer = summary.rows.some((row) => row.fewer);
    table = {
      columns: ['', t.answered, ...values.map((value) => value.label), ...(withFewer ? [t.fewer] : []), ...(ordered ? [t.mean, t.topTwo] : [])],
      numeric: [false, true, ...values.map(() => true), ...(withFewer ? [true] : []), ...(ordered ? [true, true] : [])],
      rows: summary.rows.map((row) =>
        row.answered === null || row.suppressed
          ? [row.label, t.hidden, ...values.map(() => t.hidden), ...(withFewer ? [t.hidden] : []), ...(ordered ? [t.hidden, t.hidden] : [])]
          : [
              row.label,
              count(row.answered),
              ...values.map((value) => {
                const item = row.items.find((candidate) => candidate.value === value.value);
                return item ? percent(item.share) : '—';
              }),
              ...(withFewer ? [row.fewer ? percent(row.fewer.share) : '—'] : []),
              ...(ordered ? [row.mean == null ? '—' : decimal(row.mean), row.topTwo == null ? '—' : percent(row.topTwo)] : []),
            ],
      ),
    };
    if (summary.cellType === 'checkbox' || summary.cellType === 'tagbox') footnotes.push(t.chosenNote);
    // One note for the whole matrix, naming each row's members (a note per row repeated the same sentence).
    const fewerRows = summary.rows.filter((row) => row.fewer);
    if (fewerRows.length > 0) {
      const labelOf = (value: AnswerValue) => values.find((item) => item.value === value)?.label ?? String(value);
      const list = locale === 'ja' ? '、' : ', ';
      const members = fewerRows.map((row) => `${row.label}: ${row.fewer!.values.map(labelOf).join(list)}`).join(locale === 'ja' ? '／' : '; ');
      footnotes.push(fillText(t.fewerNote, { min: report.minGroupSize, members }));
    }
  } else if (summary.numeric) {
    const n = summary.numeric;
    table = {
      columns: [t.mean, t.sd, t.min, t.q1, t.median, t.q3, t.max],
      numeric: [true, true, true, true, true, true, true],
      rows: [[n.mean, n.sd, n.min, n.q1, n.median, n.q3, n.max].map((x) => (x === null ? '—' : decimal(x)))],
    };
  } else if (summary.ranks && summary.ranks.length > 0) {
    const positions = usedRankPositions(summary.ranks);
    table = {
      columns: ['', t.answered, ...Array.from({ length: positions }, (_, index) => fillText(t.rank, { rank: index + 1 })), t.meanRank],
      numeric: [false, true, ...Array.from({ length: positions }, () => true), true],
      rows: summary.ranks.map((rank) => [
        rank.label,
        count(rank.ranked),
        ...Array.from({ length: positions }, (_, index) => percent(rank.shares[index] ?? 0)),
        rank.meanRank == null ? '—' : decimal(rank.meanRank),
      ]),
    };
  }
  if (table && hidesAny(table, t.hidden)) table.hides = true;
  const chart = describeSummaryChart(summary, locale);
  // The chart states n and the no-answers itself (the article then drops the same note above it).
  return { heading, notes, table, chart: chart && { ...chart, note: notes[0] }, footnotes };
}

/**
 * What the rows of a matrix summary hold (issue 25): answers to choose (`items`, a matrix or a
 * matrixdropdown column of choices), numbers (`numeric`, a column of number cells) or only a count
 * (a column of text cells).
 */
export function columnKind(summary: QuestionSummary): 'choice' | 'number' | 'text' {
  const rows = summary.rows ?? [];
  if (rows.some((row) => row.items.length > 0)) return 'choice';
  if (rows.some((row) => row.numeric !== undefined)) return 'number';
  return summary.column !== undefined ? 'text' : 'choice';
}

/**
 * The rank columns anyone could use: as many as the question lets rank (the shares' length), and
 * never a trailing column nobody ranked at, so an untruncated report prints no empty 4位–8位 either.
 */
export function usedRankPositions(ranks: ReadonlyArray<{ shares: number[] }>): number {
  let positions = Math.max(0, ...ranks.map((rank) => rank.shares.length));
  while (positions > 1 && ranks.every((rank) => !rank.shares[positions - 1])) positions -= 1;
  return positions;
}

function hidesAny(table: Table, hidden: string): boolean {
  return table.rows.some((row) => row.some((cell) => cell === hidden || cell.startsWith(`${hidden} `)));
}

/**
 * One cross-tab: 全体 first, then the groups as rows with n, each value's share with its mark. A hidden
 * cell reads 「＊」; a group whose size is hidden keeps its cells, its empty ones as 0.
 */
export function describeCrosstab(crosstab: Crosstab, report: Report, locale: Locale): Section {
  const t = tabulationTexts(locale);
  const heading = crosstabTitle(crosstab);
  const share = (cell: CrosstabCell | undefined) => {
    if (!cell) return '—';
    if (cell.count === null) return t.hidden;
    if (cell.share === null) return cell.count === 0 ? formatPercent(0, locale) : t.hidden;
    return cell.mark ? `${formatPercent(cell.share, locale)} ${cell.mark}` : formatPercent(cell.share, locale);
  };
  const line = (label: string, n: number | null, cells: CrosstabCell[]) => [
    label,
    n === null ? t.hidden : formatCount(n, locale),
    ...crosstab.values.map((value) => share(cells.find((candidate) => candidate.value === value.value))),
  ];
  const rows = [
    ...(crosstab.total ? [line(t.total, crosstab.total.n, crosstab.total.cells)] : []),
    ...crosstab.groups.map((group) => line(group.members ? t.fewer : group.label, group.n, group.cells ?? [])),
  ];
  const footnotes: string[] = [];
  const fewer = crosstab.groups.find((group) => group.members);
  if (fewer) {
    const members = fewer.members!.map((value) => crosstab.groups.find((group) => group.value === value)?.label ?? String(value));
    footnotes.push(fillText(t.fewerGroupNote, { min: report.minGroupSize, members: members.join(locale === 'ja' ? '、' : ', ') }));
  }
  if (crosstab.kind === 'single') footnotes.push(describeCrosstabTest(crosstab.test, locale));
  else {
    crosstab.optionTests?.forEach((test, index) => footnotes.push(`${crosstab.values[index].label}: ${describeCrosstabTest(test, locale)}`));
    footnotes.push(t.chosenNote);
  }
  footnotes.push(t.marksNote);
  const table: Table = {
    // The breakdown's own (long) title heads the group of tables; the column just says 区分.
    columns: [t.group, t.n, ...crosstab.values.map((value) => value.label)],
    numeric: [false, true, ...crosstab.values.map(() => true)],
    rows,
    // Each printed part of a wide cross-tab keeps 区分 and n.
    repeat: 2,
  };
  if (hidesAny(table, t.hidden)) table.hides = true;
  return { heading, notes: [], table, footnotes };
}

/** The cross-tabs grouped by breakdown, in the breakdowns' order; a breakdown without cross-tabs is left out. */
export function crosstabsByBreakdown(report: Report): Array<{ breakdown: Breakdown; crosstabs: Crosstab[] }> {
  const crosstabs = report.crosstabs ?? [];
  return (report.breakdowns ?? [])
    .map((breakdown) => ({ breakdown, crosstabs: crosstabs.filter((crosstab) => crosstab.by === breakdown.by) }))
    .filter((entry) => entry.crosstabs.length > 0);
}

/**
 * One comparison of means (issue 25, `report.means`): 全体 first, then each group with n, mean, sd
 * and median; the test line under it. A hidden group reads 「＊」 as in the cross-tab it comes from.
 */
export function describeMeans(means: MeansByGroup, report: Report, locale: Locale): Section {
  const t = tabulationTexts(locale);
  const hidden = t.hidden;
  const decimal = (x: number | null, hide: boolean) => (hide ? hidden : x === null ? '—' : formatNumber(x, locale, 2));
  const line = (label: string, group: { n: number | null; mean: number | null; sd: number | null; median: number | null }) => {
    const hide = group.n === null;
    return [label, hide ? hidden : formatCount(group.n!, locale), decimal(group.mean, hide), decimal(group.sd, hide), decimal(group.median, hide)];
  };
  const table: Table = {
    columns: [t.group, t.n, t.mean, t.sd, t.median],
    numeric: [false, true, true, true, true],
    rows: [line(t.total, means.total), ...means.groups.map((group) => line(group.label, group))],
    repeat: 2,
  };
  if (hidesAny(table, hidden)) table.hides = true;
  const footnotes = [describeMeansTest(means.test, report.minGroupSize, locale)];
  if (means.scale) footnotes.push(t.meansScaleNote);
  return { heading: crosstabTitle(means), notes: [], table, footnotes };
}

/** The comparisons of means grouped by breakdown, in the breakdowns' order (as crosstabsByBreakdown). */
export function meansByBreakdown(report: Report): Array<{ breakdown: Breakdown; means: MeansByGroup[] }> {
  const means = report.means ?? [];
  return (report.breakdowns ?? [])
    .map((breakdown) => ({ breakdown, means: means.filter((entry) => entry.by === breakdown.by) }))
    .filter((entry) => entry.means.length > 0);
}
