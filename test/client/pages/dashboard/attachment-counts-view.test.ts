/**
 * 「設問別」 for a signature or file question (issue 22), as HTML (react-dom/server): the counts of the filtered
 * responses in ja and en, hidden ones as ＊ with the rule, never a file; the question view uses it for attachment
 * questions only, and drops the report's "no answer 0" line there (the report counts nothing for them).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AttachmentCounts } from '../../../../contracts/attachment-counts.ts';
import type { QuestionSummary, Report } from '../../../../contracts/report.ts';
import { AttachmentCountsTable } from '../../../../client/pages/dashboard/attachment-counts-view.tsx';
import { QuestionView } from '../../../../client/pages/dashboard/question-view.tsx';
import { dashboardTexts } from '../../../../client/pages/dashboard/dashboard-texts.ts';

const counts: AttachmentCounts = {
  responses: 1234,
  minGroupSize: 5,
  questions: [
    { question: 'photo', type: 'file', respondents: 400, files: 1000 },
    { question: 'consent', type: 'signaturepad', respondents: 1200, files: 1200 },
    { question: 'extra', type: 'file', respondents: null, files: null, suppressed: true },
  ],
};

function rows(markup: string): string[][] {
  const text = (cell: string) => cell.replace(/<[^>]+>/g, '').trim();
  return [...markup.matchAll(/<tr\b[^>]*>(.*?)<\/tr>/gs)].map((row) => [...row[1].matchAll(/<t[hd]\b[^>]*>(.*?)<\/t[hd]>/gs)].map((cell) => text(cell[1])));
}
const table = (question: string, locale: 'ja' | 'en') => renderToStaticMarkup(createElement(AttachmentCountsTable, { counts, question, locale }));

describe('the attachment counts table', () => {
  it('files: respondents who attached, those who did not, and the files, in Japanese', () => {
    const markup = table('photo', 'ja');
    expect(markup).toContain('絞り込んだ回答 1,234件のうち');
    expect(rows(markup)).toEqual([
      ['項目', '件数', '割合'],
      ['ファイルを添付した回答者', '400人', '32.4%'],
      ['添付のない回答者', '834人', '67.6%'],
      ['ファイル数', '1,000件（1人あたり 2.5件）', '—'],
    ]);
    expect(markup).toContain('内容は、ダッシュボードにもレポートにも表示しません');
  });

  it('a signature in English: no file row', () => {
    const markup = table('consent', 'en');
    expect(rows(markup)).toEqual([
      ['Item', 'Count', 'Share'],
      ['Respondents who signed', '1,200', '97.2%'],
      ['Respondents without a signature', '34', '2.8%'],
    ]);
    expect(markup).toContain('Of the 1,234 responses selected');
  });

  it('hidden counts are ＊, with the rule', () => {
    const markup = table('extra', 'ja');
    expect(rows(markup).slice(1).flat().filter((cell) => cell === '＊')).toHaveLength(5);
    expect(markup).toContain('添付した回答者が5人未満のため');
    expect(markup).not.toMatch(/>\d+人</);
  });
});

describe('the question view of an attachment question', () => {
  const entry: QuestionSummary = { question: 'photo', label: '写真・資料', type: 'file', answered: null, noAnswer: 0, ordered: false, notSummarised: 'signatures and attached files are never in a report' };
  const report = { minGroupSize: 5, summaries: [entry] } as Report;
  it('loads the counts (the table above) instead of saying the type is not summarised, and says no "無回答 0人"', () => {
    const markup = renderToStaticMarkup(createElement(QuestionView, { report, locale: 'ja', texts: dashboardTexts('ja'), attachments: { surveyId: 'road-damage-report', filterQuery: 'from=2026-01-01' } }));
    expect(markup).toContain('件数を読み込み中');
    expect(markup).not.toContain('無回答');
    expect(markup).not.toContain(dashboardTexts('ja').notSummarisedOther);
  });
});
