/** 「その他」の記述 (issue 25): what respondents wrote beside an "other" choice, read with the comments. */
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../analysis/report/build-report.ts';
import { defineSurvey, record } from './define-survey.ts';

const definition = defineSurvey({
  minGroupSize: 3,
  elements: [
    { type: 'radiogroup', name: 'purpose', title: { ja: '来庁目的', en: 'Purpose' }, choices: ['family', 'tax'], showOtherItem: true },
    { type: 'checkbox', name: 'wishes', title: { ja: '希望', en: 'Wishes' }, choices: ['online'], showOtherItem: true },
  ],
});

describe('other texts', () => {
  it('lists them per question under the comments, masked, in the report\'s language', () => {
    const records = [
      record({ purpose: 'other', 'purpose-Comment': '犬の登録。連絡は090-1234-5678まで', wishes: ['online'] }),
      record({ purpose: 'other', 'purpose-Comment': 'パスポート', wishes: ['online'] }),
      record({ purpose: 'other', 'purpose-Comment': '印鑑登録', wishes: ['online'] }),
      record({ purpose: 'tax', wishes: ['other'], 'wishes-Comment': '駐車場' }),
    ];
    const ja = buildReport({ definitions: [definition], records, options: { language: 'ja' } });
    const purpose = ja.comments.find((c) => c.question === 'purpose-Comment')!;
    expect(purpose.label).toBe('来庁目的（その他の記述）');
    expect(purpose.answered).toBe(3);
    expect(purpose.sample).toContain('パスポート');
    expect(purpose.sample.join('\n')).not.toContain('090-1234-5678');
    expect(purpose.sample.join('\n')).toContain('［電話番号］');
    // One person wrote beside "other" in the checkbox: under the minimum, so hidden.
    expect(ja.comments.find((c) => c.question === 'wishes-Comment')).toMatchObject({ answered: null, suppressed: true, sample: [] });
    const en = buildReport({ definitions: [definition], records, options: { language: 'en' } });
    expect(en.comments.find((c) => c.question === 'purpose-Comment')!.label).toBe('Purpose (other, please specify)');
  });
});
