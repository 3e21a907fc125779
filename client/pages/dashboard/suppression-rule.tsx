/**
 * The one statement of how small numbers are hidden (core/report-view/tabulation-texts.ts, the
 * words every report and workbook use), behind a disclosure: every card that hides something
 * offers it beside its ＊ legend, so an analyst can quote the rule without looking for it.
 */
import type { Locale } from '../../../core/i18n/locale.ts';
import { fillText, tabulationTexts } from '../../../core/report-view/tabulation-texts.ts';

export function SuppressionRule({ minGroupSize, locale }: { minGroupSize: number; locale: Locale }) {
  const words = tabulationTexts(locale);
  return (
    <details className="suppression-rule" data-testid="suppression-rule">
      <summary>{words.suppressionHeading}</summary>
      <p>{fillText(words.suppressionRule, { min: minGroupSize, min_1: minGroupSize - 1 })}</p>
    </details>
  );
}

/** The ＊ legend of a table or chart that hides something, with the rule a click away. */
export function HiddenLegend({ minGroupSize, locale, fewer }: { minGroupSize: number; locale: Locale; fewer?: string }) {
  const words = tabulationTexts(locale);
  return (
    <div className="hidden-legend" data-testid="hidden-legend">
      <p>{fillText(words.hiddenNote, { min: minGroupSize })}</p>
      {fewer !== undefined && <p data-testid="fewer-note">{fillText(words.fewerNote, { min: minGroupSize, members: fewer })}</p>}
      <SuppressionRule minGroupSize={minGroupSize} locale={locale} />
    </div>
  );
}
