import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../analysis/report/build-report.ts';
import { ReportInputError } from '../../../core/definitions/report-input-error.ts';
import { bootstrapTopKProbability } from '../../../analysis/stats/bootstrap-top-k.ts';
import { holmAdjust } from '../../../analysis/stats/holm-adjust.ts';
import { kruskalWallis } from '../../../analysis/stats/kruskal-wallis.ts';
import { expectClose } from '../../helpers/expect-close.ts';
import { defineSurvey, record } from './define-survey.ts';

const wants = {
  type: 'checkbox',
  name: 'wants',
  title: { ja: '欲しいもの', en: 'Wants' },
  choices: [
    { value: 'a', text: { ja: 'エー', en: 'A' } },
    { value: 'b', text: { ja: 'ビー', en: 'B' } },
    { value: 'c', text: { ja: 'シー', en: 'C' } },
  ],
  analysis: { role: 'need' },
};

describe('needs', () => {
  it('shares are choosers ÷ answerers with Wilson intervals, sorted by share then choice order', () => {
    const definition = defineSurvey({ elements: [wants] });
    const records = [['a', 'b'], ['a'], ['b', 'c'], ['a'], undefined, ['a', 'c']].map((answer) =>
      record(answer === undefined ? {} : { wants: answer }),
    );
    const report = buildReport({ definitions: [definition], records });
    expect(report.responses).toBe(6);
    expect(report.needs).toHaveLength(1);
    const [needs] = report.needs;
    // Hand count: 5 answered; a 4, b 2, c 2 (b before c: same share, earlier choice).
    expect({ ...needs, items: needs.items.map(({ ci95: _ci, ...item }) => item) }).toEqual({
      question: 'wants',
      label: '欲しいもの',
      kind: 'choice',
      answered: 5,
      items: [
        { value: 'a', label: 'エー', count: 4, share: 0.8, rank: 1 },
        { value: 'b', label: 'ビー', count: 2, share: 0.4, rank: 2 },
        { value: 'c', label: 'シー', count: 2, share: 0.4, rank: 3 },
      ],
    });
    // Wilson 95% for 4/5 and 2/5 (z = 1.959963984540054), computed by hand from the textbook formula.
    expectClose(needs.items[0].ci95[0], 0.37553462976252533, 1e-12);
    expectClose(needs.items[0].ci95[1], 0.9637758913675698, 1e-12);
    expectClose(needs.items[1].ci95[0], 0.11762077423264783, 1e-12);
    expectClose(needs.items[1].ci95[1], 0.769275718723987, 1e-12);
    expect(report.suppressed.filter((entry) => entry.where.startsWith('needs.'))).toEqual([]);
  });

  it('ranking questions add meanRank, borda and the seeded bootstrap top-3 probability', () => {
    const definition = defineSurvey({
      elements: [
        {
          type: 'ranking',
          name: 'order',
          selectToRankEnabled: true,
          choices: ['x', 'y', 'z', 'w'],
          analysis: { role: 'need' },
        },
      ],
    });
    const rankings = [['x', 'y', 'z'], ['y', 'x', 'z'], ['x', 'z', 'y'], ['z'], undefined, ['z', 'w']];
    const report = buildReport({
      definitions: [definition],
      records: rankings.map((answer) => record(answer === undefined ? {} : { order: answer })),
      options: { seed: 42 },
    });
    const [needs] = report.needs;
    expect(needs.answered).toBe(5);
    // Hand: k = 4 choices. Ranked x by 3 (ranks 1, 2, 1), y by 3 (2, 1, 3), z by 5 (3, 3, 2, 1, 1), w by 1 (2).
    // Borda = Σ(k − r + 1) / 5 answerers: x (4+3+4)/5, y (3+4+2)/5, z (2+2+3+4+4)/5, w 3/5.
    const probabilities = bootstrapTopKProbability(
      [[0, 1, 2], [1, 0, 2], [0, 2, 1], [2], [2, 3]],
      3,
      { itemCount: 4, seed: 42, resamples: 1000 },
    );
    expect(needs.items.map(({ ci95: _ci, ...item }) => item)).toEqual([
      { value: 'z', label: 'z', count: 5, share: 1, rank: 1, meanRank: 2, borda: 3, top3Probability: probabilities[2] },
      { value: 'x', label: 'x', count: 3, share: 0.6, rank: 2, meanRank: 4 / 3, borda: 11 / 5, top3Probability: probabilities[0] },
      { value: 'y', label: 'y', count: 3, share: 0.6, rank: 3, meanRank: 2, borda: 9 / 5, top3Probability: probabilities[1] },
      { value: 'w', label: 'w', count: 1, share: 0.2, rank: 4, meanRank: 2, borda: 3 / 5, top3Probability: probabilities[3] },
    ]);
    // Same seed, same answer; z is in every resample's top 3.
    expect(buildReport({ definitions: [definition], records: rankings.map((a) => record(a ? { order: a } : {})), options: { seed: 42 } }).needs).toEqual(report.needs);
    expect(needs.items[0].top3Probability).toBe(1);
  });

  it('hides a question fewer than minGroupSize answered', () => {
    const definition = defineSurvey({ minGroupSize: 5, elements: [wants] });
    const report = buildReport({ definitions: [definition], records: [record({ wants: ['a'] }), record({ wants: ['b'] }), record({})] });
    expect(report.needs).toEqual([{ question: 'wants', label: '欲しいもの', kind: 'choice', answered: null, suppressed: true, items: [] }]);
    expect(report.suppressed.filter((entry) => entry.where.startsWith('needs.'))).toEqual([{ where: 'needs.wants', reason: 'fewer than 5 respondents answered', rule: 'small' }]);
  });
});

describe('importance × satisfaction', () => {
  it('places each item in its quadrant against the mean of the item means', () => {
    const rows = ['a', 'b', 'c', 'd'];
    const matrix = (name: string, role: string) => ({
      type: 'matrix',
      name,
      rows,
      columns: [5, 4, 3, 2, 1],
      analysis: { role, set: 'service' },
    });
    const definition = defineSurvey({ elements: [matrix('importance', 'importance'), matrix('satisfaction', 'satisfaction')] });
    // Importance 5, 5, 1, 1 and satisfaction 1, 5, 1, 5 from five respondents put the items in the four
    // corners; a sixth rates only a's importance (3), so a's importance mean is 28/6 over 6 answers.
    const answers = (n: number) =>
      Array.from({ length: n }, () => record({ importance: { a: 5, b: 5, c: 1, d: 1 }, satisfaction: { a: 1, b: 5, c: 1, d: 5 } }));
    const report = buildReport({ definitions: [definition], records: [...answers(5), record({ importance: { a: 3 } })] });
    const item = (name: string, importance: number, satisfaction: number, quadrant: string, importanceN = 5) => ({
      item: name,
      label: name,
      n: 5,
      importanceN,
      satisfactionN: 5,
      importance,
      satisfaction,
      gap: importance - satisfaction,
      quadrant,
    });
    expect(report.ipa).toEqual([
      {
        set: 'service',
        importanceMean: (28 / 6 + 5 + 1 + 1) / 4,
        satisfactionMean: 3,
        items: [
          item('a', 28 / 6, 1, 'concentrate', 6),
          item('b', 5, 5, 'keep'),
          item('c', 1, 1, 'low'),
          item('d', 1, 5, 'overkill'),
        ],
      },
    ]);
  });
});
