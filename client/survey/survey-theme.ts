/**
 * survey-core 3 theme variables for our pages. The stock colour (#19B394 with
 * white text) fails WCAG AA contrast, unchecked controls have barely visible
 * 9 % grey edges, and the stock sizes give 24–40 px targets: the kiosk scales
 * survey-core's base units so every button, checkbox and radio row is at least
 * 48 px for a finger (checked by test/e2e). The font stack names only locally
 * installed fonts: no web fonts are ever requested.
 */
import type { ITheme } from 'survey-core';

export type SurveyPageMode = 'kiosk' | 'online';

/** Sapporo-like dark blue: 8.6:1 against white. */
const BRAND = '#0b5394';
/** base.css's --text-muted: 7.6:1 against white, 7.0:1 against the survey's #f1f5f9. */
const TEXT_MUTED = '#4a5360';

export const FONT_STACK =
  '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic UI", Meiryo, system-ui, sans-serif';

export function surveyTheme(mode: SurveyPageMode): ITheme {
  const unit = mode === 'kiosk' ? '10px' : '8px';
  return {
    themeName: `sapporo-${mode}`,
    colorPalette: 'light',
    isPanelless: mode === 'kiosk',
    cssVariables: {
      '--sjs2-color-project-brand-600': BRAND,
      // A neutral page behind the questions instead of the stock mint, which clashes with the blue.
      '--sjs2-color-utility-surface-survey': '#f1f5f9',
      // Unchecked radios, checkboxes and text boxes get a visible edge (≥ 3:1, WCAG 1.4.11), not the stock 9 % grey.
      '--sjs2-color-component-radio-false-default-border': '#6b7785',
      '--sjs2-color-component-checkbox-false-default-border': '#6b7785',
      '--sjs2-color-component-formbox-default-border': '#6b7785',
      // Descriptions are survey-core's secondary grey at 60 % opacity (about 3.5:1): our muted text is 7.6:1 (WCAG AA 1.4.3).
      '--sjs2-color-component-question-default-description': TEXT_MUTED,
      // A grid's description is a panel's (survey-core frames grids as panels): the same 60 % grey otherwise, under
      // the satisfaction grids' 「1つ以上の項目にお答えください…」 that a visitor needs to read (issue 29).
      '--sjs2-color-component-panel-default-description': TEXT_MUTED,
      '--sjs2-color-component-survey-header-default-description': TEXT_MUTED,
      '--sjs2-typography-font-family-text': FONT_STACK,
      '--sjs2-base-unit-size': unit,
      '--sjs2-base-unit-spacing': unit,
      '--sjs2-base-unit-font-size': mode === 'kiosk' ? '10px' : '8px',
      '--sjs2-base-unit-line-height': mode === 'kiosk' ? '10px' : '8px',
    },
  };
}
