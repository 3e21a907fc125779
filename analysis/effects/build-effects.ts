/**
 * 効果検証 (issue 28): every share and mean of the summaries compared before and after a date, and
 * with a pilot group their difference-in-differences, as the report's `effects` and
 * `effectComparison` (contracts/report.ts; definitions in docs/analysis.md, "効果検証").
 *
 * Pure: a response table read for the plan (the pilot variable is a single-answer variable the
 * plan reads anyway) in, the figures out. With margins, the table is weighted exactly as
 * buildReport weights it (applyMargins), and every figure comes from the survey design.
 * pAdjusted is Holm over all change tests, and separately over all DiD tests.
 */
import type { Effect, EffectComparison, Suppression } from '../../contracts/report.ts';
import type { ReportPlan } from '../plan/plan-report.ts';
import { holmAdjust } from '../stats/holm-adjust.ts';
import type { ResponseTable } from '../table/response-table.ts';
import { applyMargins } from '../weighting/apply-margins.ts';
import type { Margin } from '../weighting/rake.ts';
import { comparePeriods, estimateDid, type Estimate } from './compare-periods.ts';
import { listEffectMeasures } from './list-effect-measures.ts';
import { markPilot, type PilotSpec } from './mark-pilot.ts';
import { PRE_TREND_MONTHS, preTrendWindow, splitAtInstant, splitInstant } from './split-at-date.ts';

export interface EffectsOptions {
  /** The split date, YYYY-MM-DD in Japan time: "before" is completed strictly earlier. */
  date: string;
  pilot?: PilotSpec;
  /** The report's margins: the same weights as the report's. */
  weights?: ReadonlyArray<Margin>;
  dropIncomplete?: boolean;
  /**
   * Weights already raked for this very table (buildReport's applyMargins result, whose table is
   * then the one given): used as they are instead of raking again from `weights`.
   */
  rowWeights?: Float64Array | null;
}

export interface BuiltEffects {
  effectComparison: EffectComparison;
  effects: Effect[];
  suppressed: Suppression[];
}

const PRE_TREND_ALPHA = 0.05;

export function buildEffects(input: ResponseTable, plan: ReportPlan, options: EffectsOptions): BuiltEffects {
  const at = splitInstant(options.date);
  let table = input;
  let weights: Float64Array | null = null;
  if (options.rowWeights) weights = options.rowWeights;
  else if (options.weights) ({ table, weights } = applyMargins(input, options.weights, { dropIncomplete: options.dropIncomplete }));
  // The table's arrays are longer than its rows (spare capacity): only its rows count.
  const completedAt = table.completedAt.subarray(0, table.rowCount);
  const split = splitAtInstant(completedAt, at);
  const groups = options.pilot ? markPilot(table, plan, options.pilot) : null;
  const window = groups ? preTrendWindow(completedAt, at) : null;
  const k = plan.minGroupSize;
  const en = plan.language === 'en';

  const effects: Effect[] = [];
  const suppressed: Suppression[] = [];
  const warnings: string[] = [];
  const exclude = new Set(groups ? [groups.variable] : []);
  for (const measure of listEffectMeasures(table, plan, exclude)) {
    const y = measure.y();
    const compared = comparePeriods({ y, period: split.period, pilot: groups?.pilot ?? null, weights, measure: measure.measure, minGroupSize: k });
    const { y: _y, ...described } = measure;
    const effect: Effect = { ...described, before: compared.before, after: compared.after, change: compared.change && { ...compared.change, pAdjusted: Number.NaN } };
    const place = placeOf(effect, en);
    if (compared.did) {
      let preTrend: { estimate: number; p: number } | null | undefined;
      if (window && 'period' in window) {
        const trend = estimateDid(y, window.period, groups!.pilot, weights, k, measure.measure).estimate;
        preTrend = trend && { estimate: trend.estimate, p: trend.p };
        if (preTrend && preTrend.p < PRE_TREND_ALPHA) {
          warnings.push(
            en
              ? `${place}: the pilot and control groups already moved apart before the split (pre-trend DiD ${preTrend.estimate.toPrecision(3)}, p = ${preTrend.p.toPrecision(2)}); the parallel-trends assumption is doubtful`
              : `「${place}」は試行前から試行群と対照群の動きが異なります（試行前の差の差 ${preTrend.estimate.toPrecision(3)}、p = ${preTrend.p.toPrecision(2)}）。平行トレンドの仮定が疑わしく、差の差は割り引いて読んでください`,
          );
        }
      }
      const estimate = compared.did.estimate;
      effect.did = estimate && {
        ...estimate,
        pAdjusted: Number.NaN,
        pilot: compared.did.pilot,
        control: compared.did.control,
        ...(preTrend !== undefined ? { preTrend } : {}),
      };
    }
    if (compared.hidden) {
      effect.hidden = compared.hidden;
      const key = `effects.${measure.question}${measure.row !== undefined ? `.${measure.row}` : ''}${measure.option !== undefined ? `=${String(measure.option)}` : measure.topTwo ? '=topTwo' : measure.measure === 'mean' ? '=mean' : ''}`;
      for (const [figure, cells] of Object.entries(compared.hidden)) {
        suppressed.push({ where: `${key}.${figure}`, label: place, reason: `fewer than ${k} respondents${measure.measure === 'share' ? ', or fewer than ' + k + ' who gave the answer,' : ''} in ${cells.join(', ')}`, rule: 'small' });
      }
    }
    effects.push(effect);
  }
  adjust(effects.map((effect) => effect.change));
  adjust(effects.map((effect) => effect.did ?? null));

  const effectComparison: EffectComparison = {
    time: 'completedAt',
    date: options.date,
    at: new Date(at).toISOString(),
    timeZone: 'Asia/Tokyo',
    before: split.before,
    after: split.after,
    undated: split.undated,
    pilot: groups && { variable: groups.variable, label: groups.label, values: groups.values },
    weighted: weights !== null,
    methods: methodsOf(weights !== null, groups !== null, en),
    preTrend: window && 'period' in window ? { from: new Date(window.from).toISOString(), at: new Date(window.middle).toISOString(), to: new Date(window.to).toISOString() } : null,
    ...(window && 'skipped' in window ? { preTrendSkipped: skippedText(window.skipped, en) } : {}),
    warnings,
  };
  return { effectComparison, effects, suppressed };
}

/** Why there is no pre-trend check, in the report's language. */
function skippedText(why: 'nothing-before' | 'too-short', en: boolean): string {
  if (why === 'nothing-before') return en ? 'no responses before the split' : '分割日より前の回答がありません';
  return en ? `fewer than ${PRE_TREND_MONTHS} months of responses before the split` : `分割日より前の回答が${PRE_TREND_MONTHS}か月に満たないため、試行前の傾向は確かめていません`;
}

/** Holm over the figures that have a test, in place. */
function adjust(estimates: Array<(Estimate & { pAdjusted: number }) | null>): void {
  const tested = estimates.filter((estimate): estimate is Estimate & { pAdjusted: number } => estimate !== null);
  const adjusted = holmAdjust(tested.map((estimate) => estimate.p));
  tested.forEach((estimate, i) => (estimate.pAdjusted = adjusted[i]));
}

/** 「設問 — 行: 選択肢」, the words other sections use for a place in the report. */
function placeOf(effect: Effect, en: boolean): string {
  const row = effect.rowLabel !== undefined ? ` — ${effect.rowLabel}` : '';
  const what = effect.optionLabel ?? (effect.topTwo ? (en ? 'top two' : '上位2つ') : effect.measure === 'mean' ? (en ? 'mean' : '平均') : undefined);
  return `${effect.label}${row}${what !== undefined ? `: ${what}` : ''}`;
}

function methodsOf(weighted: boolean, pilot: boolean, en: boolean): EffectComparison['methods'] {
  if (weighted) {
    return {
      shareChange: en ? 'survey-weighted regression y ~ after (design standard errors)' : '重み付き回帰 y ~ after（標本設計に基づく標準誤差）',
      meanChange: en ? 'survey-weighted regression y ~ after (design standard errors)' : '重み付き回帰 y ~ after（標本設計に基づく標準誤差）',
      did: pilot ? (en ? 'survey-weighted regression y ~ after × pilot, the interaction' : '重み付き回帰 y ~ after × pilot の交互作用') : null,
    };
  }
  return {
    shareChange: en ? "difference of proportions, Newcomb's hybrid score interval, χ² test" : '割合の差（Newcomb のハイブリッドスコア区間、χ² 検定）',
    meanChange: en ? "difference of means, Welch's t-test" : '平均の差（Welch の t 検定）',
    did: pilot ? (en ? 'OLS y ~ after × pilot, the interaction, HC1 standard errors' : '最小二乗法 y ~ after × pilot の交互作用（HC1 標準誤差）') : null,
  };
}
