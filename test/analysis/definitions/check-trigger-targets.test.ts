/**
 * Issue 22: `check` warns about names only triggers set (setvalue, copyvalue, runexpression aimed at no question or a
 * read-only one), and exports carry them (and calculated values kept in the result) in columns of their own, noted in
 * the codebook as values the form computed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDefinitions, formatProblem } from '../../../analysis/definitions/check-definitions.ts';
import { buildExportColumns } from '../../../server/export/build-export-columns.ts';
import { buildCodebook } from '../../../server/export/build-codebook.ts';
import { definitionFromJson } from '../../fixtures/definitions/load-fixture-definition.ts';
import type { ResponseRecord } from '../../../contracts/response-record.ts';

const CORPUS = join(import.meta.dirname, '..', '..', 'fixtures', 'surveyjs-corpus');
const SOURCE = 'survey-definitions/set-value-triggers.json';
const triggers = JSON.parse(readFileSync(join(CORPUS, 'set-value-triggers.json'), 'utf8'));
const fee = JSON.parse(readFileSync(join(CORPUS, 'calculated-values-fee.json'), 'utf8'));

describe('names only triggers set', () => {
  it('check warns about each, naming the triggers; an editable target gets no warning', () => {
    const warnings = checkDefinitions([{ source: SOURCE, json: triggers }])
      .filter((problem) => problem.message.includes('set only by'))
      .map(formatProblem);
    expect(warnings).toEqual([
      `${SOURCE}: warning: question "wardConfirm": read-only, so set only by copyvalue trigger: the respondent cannot answer it, and its export column holds the value the form computed, not an answer`,
      `${SOURCE}: warning: "priority" is no question and is set only by setvalue trigger: the respondent never answers it; it is stored with the response, and exports carry the value the form computed in a column of its own`,
      `${SOURCE}: warning: "allowanceEstimate" is no question and is set only by runexpression trigger: the respondent never answers it; it is stored with the response, and exports carry the value the form computed in a column of its own`,
    ]);
    // "contact" is a comment the respondent can edit: the trigger only fills it in first.
    expect(warnings.join('\n')).not.toContain('"contact"');
  });

  it('exports carry them, and calculated values kept in the result, in columns of their own', () => {
    const record = {
      id: '00000000-0000-4000-8000-000000000001',
      submissionId: '10000000-0000-4000-8000-000000000001',
      surveyId: 'set-value-triggers',
      surveyVersion: 1,
      channel: 'online',
      meta: { locale: 'ja' },
      startedAt: '2026-06-01T00:00:00.000Z',
      completedAt: '2026-06-01T00:03:00.000Z',
      receivedAt: '2026-06-01T00:03:01.000Z',
      data: { ward: '北区', children: 2, singleParent: true, wardConfirm: '北区', services: ['児童手当'], priority: 'high', allowanceEstimate: 10000 },
    } as unknown as ResponseRecord;
    const columns = buildExportColumns([definitionFromJson({ ...triggers, id: 'set-value-triggers' })], { mode: 'codes', locale: 'en' });
    const cells = Object.fromEntries(columns.map((column) => [column.key, column.cell(record)]));
    expect(cells).toMatchObject({ wardConfirm: '北区', priority: 'high', allowanceEstimate: 10000 });
    const keys = columns.map((column) => column.key);
    expect(keys.slice(-2)).toEqual(['priority', 'allowanceEstimate']);
    const codebook = buildCodebook(columns, [], 'en');
    expect(codebook.find((row) => row[0] === 'priority')).toContain('Set by a trigger (the respondent never answers it; the value the form computed)');

    const calculated = buildExportColumns([definitionFromJson({ ...fee, id: 'calculated-values-fee' })], { mode: 'codes', locale: 'ja' });
    const kept = (fee.calculatedValues as Array<{ name: string; includeIntoResult?: boolean }>).filter((item) => item.includeIntoResult).map((item) => item.name);
    expect(kept.length).toBeGreaterThan(0);
    for (const name of kept) {
      const column = calculated.find((item) => item.key === name);
      expect(column?.note).toBe('計算値（回答からフォームが計算した値）');
    }
  });
});
