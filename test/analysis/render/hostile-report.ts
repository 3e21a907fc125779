/**
 * A small report whose texts try to inject markup (a comment, a matrix row label) and whose
 * cohort breakdown hides two groups (veteran is small, mid-career protects it).
 */
import { buildReport } from '../../../analysis/report/build-report.ts';
import { defineSurvey, record } from '../report/define-survey.ts';

export const HOSTILE = '<script>window.__pwned = 1</script></script><img src=x onerror="window.__pwned=2">| **bold** [link](http://example.com)';

export function hostileReport() {
  const definition = defineSurvey({
    minGroupSize: 5,
    elements: [
      {
        type: 'radiogroup',
        name: 'cohort',
        title: { ja: '勤続年数', en: 'Years of service' },
        choices: [
          { value: 'junior', text: { ja: '若手', en: 'Junior' } },
          { value: 'mid', text: { ja: '中堅', en: 'Mid-career' } },
          { value: 'veteran', text: { ja: 'ベテラン', en: 'Veteran' } },
        ],
        analysis: { role: 'cohort' },
      },
      {
        type: 'matrix',
        name: 'practices',
        title: { ja: '働き方', en: 'Ways of working' },
        rows: [{ value: 'telework', text: { ja: 'テレワーク<b>', en: 'Telework' } }],
        columns: [5, 4, 3, 2, 1],
        analysis: { role: 'attitude' },
      },
      {
        type: 'checkbox',
        name: 'wants',
        title: { ja: '改善してほしいこと', en: 'Wanted improvements' },
        choices: [
          { value: 'online', text: { ja: 'オンライン手続', en: 'Online procedures' } },
          { value: 'booking', text: { ja: '窓口予約', en: 'Counter booking' } },
        ],
        analysis: { role: 'need' },
      },
      { type: 'comment', name: 'comment', title: { ja: 'ご意見', en: 'Comments' }, analysis: { role: 'comment' } },
    ],
  });
  const records = [
    ...Array.from({ length: 12 }, (_, i) => record({ cohort: 'junior', practices: { telework: 4 + (i % 2) }, wants: ['online'], comment: i === 0 ? HOSTILE : '早くしてほしい' })),
    ...Array.from({ length: 9 }, (_, i) => record({ cohort: 'mid', practices: { telework: 2 + (i % 3) }, wants: ['booking'] })),
    ...Array.from({ length: 3 }, () => record({ cohort: 'veteran', practices: { telework: 1 }, wants: ['online', 'booking'] })),
  ];
  return { definition, report: buildReport({ definitions: [definition], records }) };
}

