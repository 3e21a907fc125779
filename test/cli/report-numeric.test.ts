/**
 * `survey-toolkit report` on a survey with a number input (issue 21: one valid answer such as
 * `people: 3` made the CLI refuse the whole survey). The real bin, with one and two reader
 * threads (the second thread's columns cross a worker boundary), as JSON and as HTML.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../contracts/report.ts';
import { runCli } from './run-cli.ts';

let dir: string;
const SURVEY = 'visit-party';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'report-numeric-'));
  await mkdir(join(dir, 'defs', SURVEY), { recursive: true });
  await writeFile(
    join(dir, 'defs', SURVEY, 'v1.json'),
    JSON.stringify({
      title: { ja: '来庁人数', en: 'Visit party' },
      pages: [{ name: 'p1', elements: [
        { type: 'text', name: 'people', inputType: 'number', min: 1, max: 20, title: { ja: '何人で来庁しましたか', en: 'How many came?' } },
        { type: 'radiogroup', name: 'ward', choices: ['chuo', 'kita'], analysis: { role: 'segment' } },
      ] }],
    }),
  );
  // Enough lines that two reader threads each get some.
  const lines = Array.from({ length: 400 }, (_, i) => JSON.stringify({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    surveyId: SURVEY,
    surveyVersion: 1,
    submissionId: `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    channel: 'online',
    meta: { locale: 'ja' },
    startedAt: '2026-06-01T00:00:00.000Z',
    completedAt: '2026-06-01T00:03:00.000Z',
    receivedAt: '2026-06-01T00:03:01.000Z',
    data: { ward: i % 2 ? 'chuo' : 'kita', ...(i % 10 === 0 ? {} : { people: 1 + (i % 7) }) },
  }));
  await writeFile(join(dir, 'answers.jsonl'), `${lines.join('\n')}\n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const args = () => ['report', '--survey', SURVEY, '--input', join(dir, 'answers.jsonl'), '--definitions', join(dir, 'defs')];

describe('survey-toolkit report on a number input', () => {
  it('summarises it as a number, the same with one or two reader threads', async () => {
    const one = await runCli(args(), { env: { SURVEY_TOOLKIT_READ_THREADS: '1' } });
    expect(one.stderr).toBe('');
    expect(one.code).toBe(0);
    const report = JSON.parse(one.stdout) as Report;
    const people = report.summaries!.find((summary) => summary.question === 'people')!;
    expect([people.answered, people.noAnswer]).toEqual([360, 40]);
    expect(people.numeric).toMatchObject({ min: 1, max: 7, median: 4 });
    const two = await runCli(args(), { env: { SURVEY_TOOLKIT_READ_THREADS: '2' } });
    expect(JSON.parse(two.stdout)).toEqual(report);
  });

  it('shows its figures in the HTML report', async () => {
    const html = await runCli([...args(), '--format', 'html']);
    expect(html.code, html.stderr).toBe(0);
    expect(html.stdout).toContain('何人で来庁しましたか');
    expect(html.stdout).not.toContain('answers have no summary yet');
    // The number table: mean, sd, min, quartiles, max, right-aligned.
    expect(html.stdout).toMatch(/<th class="num">中央値<\/th>/);
  });
});
