/**
 * The rendered report as a municipal analyst judged it in issue 26, finding by finding, on a
 * hand-made report that carries what the contract added (test/core/report-view/hand-made-report.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../contracts/report.ts';
import { describeReport, type ReportView } from '../../../core/report-view/describe-report.ts';
import { describeCrosstab, describeSummary, usedRankPositions } from '../../../core/report-view/describe-tabulation.ts';
import { tabulationTexts } from '../../../core/report-view/tabulation-texts.ts';
import { crosstabByAge, handMadeDefinition, handMadeReport, LONG_OPTION } from './hand-made-report.ts';

const definition = handMadeDefinition();
const ja = describeReport(handMadeReport(), [definition], { locale: 'ja' });
const en = describeReport(handMadeReport(), [definition], { locale: 'en' });

/** Every text a reader sees, but what respondents wrote (shown as written). */
function visibleTexts(view: ReportView): string[] {
  const { comments, ...rest } = view;
  const texts: string[] = [];
  const walk = (value: unknown, key = ''): void => {
    if (key === 'chart') return; // the charts' words come from describe-charts
    if (typeof value === 'string') texts.push(value);
    else if (Array.isArray(value)) value.forEach((item) => walk(item));
    else if (value && typeof value === 'object') Object.entries(value).forEach(([name, item]) => walk(item, name));
  };
  walk(rest);
  walk({ heading: comments.heading, intro: comments.intro, sections: comments.sections.map(({ heading, notes }) => ({ heading, notes })) });
  return texts;
}

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('issue 26: one section per question', () => {
  it('shows the breakdown questions in 回答者属性 and every other question in 単純集計, none twice', () => {
    const profile = ja.profile.sections.map((section) => section.heading);
    const summaries = ja.summaries.sections.map((section) => section.heading);
    expect(profile).toEqual(['あなたの年代']);
    expect(summaries).not.toContain('あなたの年代');
    expect([...profile, ...summaries].sort()).toEqual(handMadeReport().summaries!.map((summary) => summary.label).sort());
  });
});

describe('issue 26: one language, set by --locale', () => {
  it('writes the English report in English only: title, labels from the definition, no Japanese beside them', () => {
    expect(en.title).toBe('Test survey analysis report');
    expect(en.subtitle).toBe('');
    const japanese = visibleTexts(en).filter((text) => JAPANESE.test(text));
    expect(japanese).toEqual([]);
    expect(en.needs.sections[0].table!.rows[0][1]).toBe('More online procedures');
    expect(en.crosstabs.groups[0].sections[0].table!.columns).toContain('Family register or residence certificate');
  });

  it('writes the Japanese report without 「日本語 / English」 labels in the ranking and comment sections', () => {
    expect(ja.needs.sections[0].heading).toBe('優先してほしい取組');
    expect(ja.needs.sections[0].table!.rows.map((row) => row[1])).toEqual(['オンライン手続の拡大', '待ち時間の短縮']);
    expect(ja.comments.sections[0].heading).toBe('ご意見');
    expect(visibleTexts(ja).filter((text) => / \/ [A-Za-z]/.test(text))).toEqual([]);
  });
});

describe('issue 26: section 7 agrees with what the data allows', () => {
  it('compares age bands from the cross-tabs, as the dashboard does, when no cohort question was given', () => {
    expect(ja.gaps.intro).not.toContain('ありません');
    expect(ja.gaps.intro).toContain('あなたの年代');
    expect(ja.gaps.sections.map((section) => section.heading)).toContain('窓口に来た理由');
    expect(ja.gaps.sections[0].table!.rows[0]).toContain('V = 0.331');
  });

  it('still says there is nothing to compare when the report has no cohort and no age bands', () => {
    const report: Report = { ...handMadeReport(), crosstabs: [], breakdowns: [] };
    const view = describeReport(report, [definition], { locale: 'ja' });
    expect(view.gaps.intro).toContain('ありません');
    expect(view.gaps.sections).toEqual([]);
  });
});

describe('issue 26: readable names in 秘匿した集計', () => {
  it('names a hidden cross-tab group by its question, breakdown and group instead of the key', () => {
    const text = JSON.stringify(ja.suppressed.table);
    expect(text).not.toContain('crosstabs.counterReasons');
    const [where] = ja.suppressed.table!.rows.find((row) => row[0].includes('窓口に来た理由') && row[2].includes('20歳未満'))!;
    expect(where).toContain('あなたの年代');
  });

  it('uses the analysis’s own label when it has one, and its own words in another language', () => {
    const report = handMadeReport();
    report.suppressed[1].label = '来庁理由の表: 介護';
    const view = describeReport(report, [definition], { locale: 'ja' });
    expect(view.suppressed.table!.rows.find((cells) => cells[2].startsWith('介護'))?.[0]).toBe('来庁理由の表');
    const english = describeReport(report, [definition], { locale: 'en' });
    expect(english.suppressed.table!.rows.find((cells) => cells[2].startsWith('Care'))?.[0]).toBe('Summary — Why you came to the counter');
  });
});

describe('issue 26: no pointer into the source code', () => {
  it('has a footer that names no file', () => {
    for (const view of [ja, en]) expect(visibleTexts(view).filter((text) => /\.(md|ts|json)\b|docs\//.test(text))).toEqual([]);
  });
});

describe('issue 26: cross-tabs', () => {
  const section = describeCrosstab(crosstabByAge(), handMadeReport(), 'ja');
  const t = tabulationTexts('ja');

  it('start with a 全体 row from crosstab.total', () => {
    expect(section.table!.rows[0]).toEqual([t.total, '100', '50.0%', '30.0%', '17.0%', '3.0%']);
  });

  it('show a hidden cell as ＊ and never a number, and a hidden group’s empty cells as 0', () => {
    expect(section.table!.rows[1]).toEqual(['20歳未満', '＊', '＊', '0.0%', '＊', '0.0%']);
    expect(section.table!.rows[3]).toEqual(['30代', '57', '33.3%', '42.1% ▲', '19.3%', '＊']);
    expect(section.table!.hides).toBe(true);
  });

  it('name the row of small groups together 「その他（少数）」 and its members in a note', () => {
    const crosstab = crosstabByAge();
    crosstab.groups.push({ value: '(fewer)', label: 'small ones', n: 6, members: ['under_20'], cells: crosstab.groups[0].cells.map((cell) => ({ ...cell, count: 1, share: 0.2 })) });
    const described = describeCrosstab(crosstab, handMadeReport(), 'ja');
    expect(described.table!.rows.at(-1)![0]).toBe(t.fewer);
    expect(described.footnotes!.join(' ')).toContain('（20歳未満）');
    const english = describeReport({ ...handMadeReport(), crosstabs: [crosstab] }, [definition], { locale: 'en' });
    expect(english.crosstabs.groups[0].sections[0].table!.rows.at(-1)![0]).toBe(tabulationTexts('en').fewer);
    // Not a group the generation gaps compare.
    expect(english.gaps.sections[1].table!.columns).toEqual(['Answer', 'Under 20', '20s', '30s']);
  });

  it('do not claim to hide anything when nothing is hidden', () => {
    const crosstab = crosstabByAge();
    crosstab.groups = crosstab.groups.slice(1, 2);
    expect(describeCrosstab(crosstab, handMadeReport(), 'ja').table!.hides).toBeFalsy();
  });
});

describe('issue 26: 単純集計 of hidden answers', () => {
  const report = handMadeReport();
  const t = tabulationTexts('ja');

  it('adds the hidden answers up as 「その他（少数）」, named in its note, so the shares reach 100%', () => {
    const section = describeSummary(report.summaries![1], report, 'ja');
    expect(section.table!.rows).toEqual([
      [LONG_OPTION, '50', '50.0%'],
      ['税の証明', '30', '30.0%'],
      [t.fewer, '20', '20.0%'],
    ]);
    expect(section.footnotes!.join(' ')).toContain('子育て、介護');
  });

  it('adds a 「その他（少数）」 column to a matrix whose rows hide answers', () => {
    const summary = {
      question: 'm',
      label: 'M',
      type: 'matrix',
      answered: 50,
      noAnswer: 0,
      ordered: false,
      rows: [
        {
          row: 'a',
          label: 'A',
          answered: 50,
          items: [
            { value: 1, label: 'はい', count: 40, share: 0.8 },
            { value: 2, label: 'いいえ', count: null, share: null, suppressed: 'small' as const },
            { value: 3, label: 'わからない', count: null, share: null, suppressed: 'complementary' as const },
          ],
          fewer: { values: [2, 3], count: 10, share: 0.2 },
        },
      ],
    };
    const section = describeSummary(summary, report, 'ja');
    expect(section.table!.columns).toContain(t.fewer);
    expect(section.table!.rows[0]).toEqual(['A', '50', '80.0%', '＊', '＊', '20.0%']);
    expect(section.footnotes!.join(' ')).toContain('いいえ、わからない');
    expect(section.table!.hides).toBe(true);
  });
});

describe('issue 26: rank columns', () => {
  it('prints only the ranks the question lets anyone use', () => {
    const report = handMadeReport();
    const section = describeSummary(report.summaries![2], report, 'ja');
    expect(section.table!.columns).toEqual(['', '回答者数', '1位', '2位', '平均順位']);
  });

  it('drops trailing rank columns nobody ranked at, when shares are not yet truncated', () => {
    expect(usedRankPositions([{ shares: [0.5, 0.3, 0.2, 0, 0, 0] }, { shares: [0.2, 0.5, 0.3, 0, 0, 0] }])).toBe(3);
    expect(usedRankPositions([{ shares: [0.5, 0, 0.2, 0] }])).toBe(3);
  });
});

describe('issue 26: generation gaps compare the same answer across groups', () => {
  it('has one row per answer and one column per group, from each group’s distribution', () => {
    const report: Report = {
      ...handMadeReport(),
      gaps: {
        by: 'ageBand',
        label: 'あなたの年代',
        groups: [
          { value: '20s', label: '20代', n: 40 },
          { value: '30s', label: '30代', n: 57 },
        ],
        untested: [],
        items: [
          {
            question: 'counterReasons',
            label: '窓口に来た理由',
            test: 'chi2',
            statistic: 9,
            df: 3,
            p: 0.03,
            pAdjusted: 0.03,
            effect: { name: 'cramersV', value: 0.3 },
            groups: [
              // The most common answers differ (戸籍 in the 20s, 税 in the 30s): each must stay in its own row.
              { value: '20s', label: '20代', n: 40, distribution: [{ value: 'koseki', label: LONG_OPTION, count: 28, share: 0.7 }, { value: 'tax', label: '税の証明', count: 12, share: 0.3 }] },
              { value: '30s', label: '30代', n: 57, distribution: [{ value: 'koseki', label: LONG_OPTION, count: 20, share: 0.35 }, { value: 'tax', label: '税の証明', count: 37, share: 0.65 }] },
            ],
          },
        ],
      },
    };
    const view = describeReport(report, [definition], { locale: 'ja' });
    const table = view.gaps.sections[1].table!;
    expect(table.columns).toEqual(['回答', '20代', '30代']);
    expect(table.rows).toEqual([
      ['回答者数', '40', '57'],
      [LONG_OPTION, '70.0%', '35.0%'],
      ['税の証明', '30.0%', '65.0%'],
    ]);
  });
});

describe('issue 26: one statement of the suppression rule', () => {
  it('fills the minimum and the largest hidden number into the rule in the notes section', () => {
    expect(ja.suppressed.rule.heading).toBe(tabulationTexts('ja').suppressionHeading);
    expect(ja.suppressed.rule.text).toContain('1〜4人');
    expect(ja.suppressed.rule.text).not.toMatch(/\{min/);
    expect(en.suppressed.rule.text).toContain('1 to 4 people');
  });
});

describe('issue 26: no analysis keys in headings', () => {
  it('heads the one importance–satisfaction set without its key', () => {
    const item = { item: 'wait', label: '待ち時間', n: 50, importanceN: 50, satisfactionN: 50, importance: 4.2, satisfaction: 2.9, gap: 1.3, quadrant: 'concentrate' as const };
    const view = describeReport({ ...handMadeReport(), ipa: [{ set: 'service', importanceMean: 4.2, satisfactionMean: 2.9, items: [item] }] }, [definition], { locale: 'ja' });
    expect(view.ipa.sections[0].heading).toBe('重要度 × 満足度');
  });
});

describe('issue 26: a checkbox option in the generation gaps', () => {
  it('is named by the option, not by 「選択した」, in its heading and its table', () => {
    const chosen = (share: number, n: number) => [
      { value: 'chosen', label: '選択した', count: Math.round(share * n), share },
      { value: 'not_chosen', label: '選択しなかった', count: n - Math.round(share * n), share: 1 - share },
    ];
    const report: Report = {
      ...handMadeReport(),
      gaps: {
        by: 'ageBand',
        label: 'あなたの年代',
        groups: [
          { value: '20s', label: '20代', n: 40 },
          { value: '30s', label: '30代', n: 57 },
        ],
        untested: [],
        items: [
          {
            question: 'counterReasons',
            label: '窓口に来た理由',
            option: 'child',
            test: 'chi2',
            statistic: 9,
            df: 1,
            p: 0.003,
            pAdjusted: 0.003,
            effect: { name: 'cramersV', value: 0.3 },
            groups: [
              { value: '20s', label: '20代', n: 40, distribution: chosen(0.5, 40) },
              { value: '30s', label: '30代', n: 57, distribution: chosen(0.2, 57) },
            ],
          },
        ],
      },
    };
    const section = describeReport(report, [definition], { locale: 'ja' }).gaps.sections[1];
    expect(section.heading).toBe('子育て — 窓口に来た理由');
    expect(section.table!.rows).toEqual([
      ['回答者数', '40', '57'],
      ['子育て', '50.0%', '20.0%'],
    ]);
  });
});

describe('issue 26: the ＊ legend in 調査概要', () => {
  it('is there when a fact hides a number, and only then', () => {
    const overview = { period: null, byChannel: [{ value: 'kiosk', n: null }, { value: 'online', n: 97 }], byWard: [], responseRate: null, population: null };
    expect(describeReport({ ...handMadeReport(), overview }, [definition], { locale: 'ja' }).overview.hides).toBe(true);
    const shown = { ...overview, byChannel: [{ value: 'online', n: 100 }] };
    expect(describeReport({ ...handMadeReport(), overview: shown }, [definition], { locale: 'ja' }).overview.hides).toBe(false);
  });
});

describe('issue 25: no section silently empty', () => {
  it('says why the needs and comments sections are empty, in the reader\'s language', () => {
    const empty = { ...handMadeReport(), needs: [], comments: [] } as Report;
    const jaEmpty = describeReport(empty, [definition], { locale: 'ja' });
    expect(jaEmpty.needs.sections).toEqual([]);
    expect(jaEmpty.needs.intro).toMatch(/"need" の役割を持つ設問.*ありません/);
    expect(jaEmpty.comments.intro).toMatch(/自由記述.*ありません/);
    const enEmpty = describeReport(empty, [definition], { locale: 'en' });
    expect(enEmpty.needs.intro).toMatch(/no question with the "need" role/);
    expect(enEmpty.comments.intro).not.toMatch(JAPANESE);
  });
});
