/**
 * 調査概要's facts as every report format prints them (HTML, Markdown and the workbook's overview
 * sheet read the same lines): enrolled and unenrolled tablets apart (issue 20), hidden counts as ＊,
 * lists joined as each language writes them.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../contracts/report.ts';
import { overviewFacts } from '../../../core/report-view/describe-tabulation.ts';

const report = {
  overview: {
    period: { from: '2026-04-01', to: '2026-05-31' },
    byChannel: [{ value: 'kiosk', n: 1200 }, { value: 'online', n: 340 }],
    kiosks: { enrolled: 1180, unenrolled: 20 },
    byWard: [],
    responseRate: null,
    population: null,
  },
} as unknown as Report;

describe('overviewFacts', () => {
  it('names enrolled and unenrolled tablets apart, in Japanese and English', () => {
    expect(overviewFacts(report, 'ja').slice(1)).toEqual([
      ['回答期間', '2026-04-01 – 2026-05-31'],
      ['回答方法別の件数', '区役所のタブレット 1,200、インターネット 340'],
      ['タブレットの回答', '登録済み端末 1,180、未登録の端末（区・端末名なし） 20'],
    ]);
    expect(overviewFacts(report, 'en')[3]).toEqual(['Kiosk responses', 'enrolled tablets 1,180, tablets not enrolled (no ward or tablet name) 20']);
  });

  it('says the method, and the time taken to answer as median and middle half (issue 25)', () => {
    const described = {
      overview: { ...report.overview!, method: '10区の区役所で来庁者に依頼', completionMinutes: { n: 1540, q1: 2.5, median: 3.25, q3: 5 } },
    } as Report;
    const ja = overviewFacts(described, 'ja');
    expect(ja[0]).toEqual(['調査方法', '10区の区役所で来庁者に依頼']);
    expect(ja).toContainEqual(['回答にかかった時間', '中央値 3.3分（半数が 2.5〜5.0分、1,540件）']);
    expect(overviewFacts(described, 'en')).toContainEqual(['Time to answer', 'median 3.3 min (half took 2.5–5.0 min; 1,540 responses)']);
    expect(overviewFacts(described, 'en')).toContainEqual(['Responses by channel', 'ward-office tablets 1,200, the web 340']);
    // Without a method in the definition, which channels the answers came through.
    // It states the fact only: the printed report's reader cannot edit the definition, so no advice to its author.
    expect(overviewFacts(report, 'ja')[0]).toEqual(['調査方法', '区役所のタブレットとインターネットで回答を受け付けました。']);
    expect(overviewFacts(report, 'en')[0]).toEqual(['Method', 'Answers were taken on ward-office tablets and on the web.']);
    for (const locale of ['ja', 'en'] as const) expect(overviewFacts(report, locale)[0][1]).not.toMatch(/定義|definition/);
  });

  it('shows a hidden count as hidden, and no kiosk line without kiosk responses', () => {
    const hidden = { overview: { ...report.overview!, kiosks: { enrolled: null, unenrolled: null } } } as Report;
    expect(overviewFacts(hidden, 'ja')[3][1]).toBe('登録済み端末 ＊、未登録の端末（区・端末名なし） ＊');
    const none = { overview: { ...report.overview!, kiosks: null } } as Report;
    expect(overviewFacts(none, 'ja').map(([name]) => name)).not.toContain('タブレットの回答');
  });
});
