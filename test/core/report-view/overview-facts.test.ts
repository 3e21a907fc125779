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
    expect(overviewFacts(report, 'ja')).toEqual([
      ['回答期間', '2026-04-01 – 2026-05-31'],
      ['回答方法別の件数', 'kiosk 1,200、online 340'],
      ['タブレットの回答', '登録済み端末 1,180、未登録の端末（区・端末名なし） 20'],
    ]);
    expect(overviewFacts(report, 'en')[2]).toEqual(['Kiosk responses', 'enrolled tablets 1,180, tablets not enrolled (no ward or tablet name) 20']);
  });

  it('shows a hidden count as hidden, and no kiosk line without kiosk responses', () => {
    const hidden = { overview: { ...report.overview!, kiosks: { enrolled: null, unenrolled: null } } } as Report;
    expect(overviewFacts(hidden, 'ja')[2][1]).toBe('登録済み端末 ＊、未登録の端末（区・端末名なし） ＊');
    const none = { overview: { ...report.overview!, kiosks: null } } as Report;
    expect(overviewFacts(none, 'ja').map(([name]) => name)).not.toContain('タブレットの回答');
  });
});
