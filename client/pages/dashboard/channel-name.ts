/**
 * A channel's name (kiosk, online) as the dashboard shows it: core's tabulationTexts().channelNames,
 * the one home of these names for every report, workbook and this page.
 */
import type { Locale } from '../../../core/i18n/locale.ts';
import { tabulationTexts } from '../../../core/report-view/tabulation-texts.ts';

export function channelName(value: string, locale: Locale): string {
  const name = tabulationTexts(locale).channelNames[value] ?? value;
  // core writes the English names to follow a verb ("answered on ward-office tablets"); a label standing alone starts with a capital.
  return locale === 'en' ? name.charAt(0).toUpperCase() + name.slice(1) : name;
}
