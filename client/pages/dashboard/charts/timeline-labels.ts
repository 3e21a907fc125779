/**
 * The timeline's axis labels (issue 30): a day or a week without its year ("6/2") is
 * ambiguous on a series that runs across a new year, and a reader cannot tell which
 * year any chart is about. So:
 *
 * - the first period always carries the year, the axis's first tick (Chart.js's
 *   autoSkip always keeps the first tick, so that label is always drawn);
 * - when the periods cross a year, every day or week carries it, because autoSkip
 *   may drop whichever tick would have been the first of the new year;
 * - a month always carries it ("2025/6", "Jun 2025").
 *
 * Japanese uses the compact slash form ("2025/6/2"), which fits an axis better than
 * "2025年6月2日"; English "Jun 2, 2025". A week is labelled by its Monday and a dash
 * ("6/2–"). Month names are written out here rather than taken from Intl, so labels
 * are the same whatever ICU data the browser has.
 */
import type { Locale } from '../../../../core/i18n/locale.ts';
import type { CountInterval } from '../../../../contracts/timeline.ts';

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** One period (its first day, YYYY-MM-DD) as a label, with or without its year. */
export function periodLabel(period: string, interval: CountInterval, locale: Locale, withYear: boolean): string {
  const [year, month, date] = period.split('-').map(Number);
  if (interval === 'month') return locale === 'en' ? `${EN_MONTHS[month - 1]} ${year}` : `${year}/${month}`;
  const day =
    locale === 'en' ? `${EN_MONTHS[month - 1]} ${date}${withYear ? `, ${year}` : ''}` : `${withYear ? `${year}/` : ''}${month}/${date}`;
  return interval === 'week' ? `${day}–` : day;
}

/** The axis labels of a timeline's periods: the year on the first, and on all when they cross a year. */
export function axisLabels(periods: string[], interval: CountInterval, locale: Locale): string[] {
  const crossesYear = periods.length > 0 && periods[0].slice(0, 4) !== periods[periods.length - 1].slice(0, 4);
  return periods.map((period, index) => periodLabel(period, interval, locale, crossesYear || index === 0));
}
