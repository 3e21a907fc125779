/**
 * The words every chart uses, on the dashboard and in the HTML report alike: one dictionary, so
 * a quadrant, a legend or an axis is named the same wherever the chart is drawn. The dashboard's
 * and the report's own dictionaries take these keys from here instead of keeping copies.
 */
import type { Quadrant } from '../../contracts/report.ts';
import { defineTexts } from '../i18n/define-texts.ts';

export const chartTexts = defineTexts({
  ja: {
    share: '割合',
    ci: '95%信頼区間',
    meanRank: '平均順位',
    borda: 'ボルダ得点',
    top3: '上位3位に入る確率',
    shareAxis: '割合（%）',
    bordaAxis: 'ボルダ得点',
    importance: '重要度',
    satisfaction: '満足度',
    gap: '差（重要度−満足度）',
    // Martilla & James's four IPA quadrants (https://doi.org/10.1177/002224297704100112).
    quadrants: { concentrate: '重点改善', keep: '現状維持', low: '低優先', overkill: '過剰の可能性' } as Record<Quadrant, string>,
    chosen: '選択した人',
    notChosen: '選択しなかった人',
    hiddenGroup: '非表示',
    rankPosition: (rank: number) => `${rank}位`,
  },
  en: {
    share: 'Share',
    ci: '95% CI',
    meanRank: 'Mean rank',
    borda: 'Borda score',
    top3: 'P(top 3)',
    shareAxis: 'Share (%)',
    bordaAxis: 'Borda score',
    importance: 'Importance',
    satisfaction: 'Satisfaction',
    gap: 'Gap (importance − satisfaction)',
    quadrants: { concentrate: 'Concentrate here', keep: 'Keep up the good work', low: 'Low priority', overkill: 'Possible overkill' },
    chosen: 'Chosen',
    notChosen: 'Not chosen',
    hiddenGroup: 'hidden',
    rankPosition: (rank) => `${rank}${rank === 1 ? 'st' : rank === 2 ? 'nd' : rank === 3 ? 'rd' : 'th'}`,
  },
});

export type ChartTexts = ReturnType<typeof chartTexts>;
