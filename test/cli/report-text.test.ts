/**
 * 自由記述 in `survey-toolkit report` (issue 27, "Done when"), run as users run it: `seed` writes template comments for
 * the comment questions, and the report's `text` has 駐車場, 書類 and 待ち時間 among the words and the codes of the
 * shipped coding rules by age band with marks; masked; `--no-text` leaves it out; a broken coding file stops the
 * report with one line naming the file and the line.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../contracts/report.ts';
import { ROOT, runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'report-text-cli-'));
const input = join(dir, 'exit.jsonl');

beforeAll(async () => {
  const run = await runCli(['seed', '--survey', 'ward-office-exit', '--count', '2000', '--seed', '3', '--out', input]);
  expect(run.code).toBe(0);
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function report(args: string[]): Promise<Report> {
  const run = await runCli(['report', '--survey', 'ward-office-exit', '--input', input, ...args]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Report;
}

describe('survey-toolkit report: 自由記述', () => {
  it('has the words and the coded comments by age band, with marks, from the shipped coding rules', async () => {
    const text = (await report([])).text!;
    expect(text.map((section) => section.question)).toEqual(['comment']);
    const [comment] = text;
    expect(comment.comments.n).toBeGreaterThan(150);
    const words = comment.words.map((w) => w.word);
    for (const word of ['駐車場', '書類', '待ち時間']) expect(words).toContain(word);
    // Seeded comments carry made-up phone numbers, e-mail addresses and My Numbers; none of it is a word.
    expect(words.filter((word) => /[0-9@]|example/.test(word))).toEqual([]);
    // survey-definitions/ward-office-exit/coding.txt, in its order.
    expect(comment.codes.map((code) => code.code)).toEqual(['待ち時間', '書類・押印', '駐車場', 'オンライン手続', '予約', '職員の対応', '案内・表示']);
    const byAge = comment.breakdowns!.find((breakdown) => breakdown.by === 'ageBand')!;
    expect(byAge.byLabel).toContain('年代');
    const marks = byAge.codeCrosstabs!.groups.flatMap((group) => group.cells.map((cell) => cell.mark)).filter((mark) => mark !== '');
    expect(marks.length).toBeGreaterThan(0);
    expect(comment.network.edges.length).toBeGreaterThan(10);
  }, 120_000);

  it('with no comment written, lists each comment question with n = 0 (nothing is tokenized, so no dictionary is needed)', async () => {
    const silent = join(dir, 'silent.jsonl');
    const lines = (await readFile(input, 'utf8')).trimEnd().split('\n').map((line) => {
      const record = JSON.parse(line);
      delete record.data.comment;
      return JSON.stringify(record);
    });
    await writeFile(silent, `${lines.join('\n')}\n`);
    const run = await runCli(['report', '--survey', 'ward-office-exit', '--input', silent]);
    expect([run.code, run.stderr]).toEqual([0, '']);
    const text = (JSON.parse(run.stdout) as Report).text!;
    expect(text).toHaveLength(1);
    expect(text[0]).toMatchObject({ question: 'comment', comments: { n: 0, withWords: 0 }, hidden: false, words: [], codeCrosstabs: null });
  }, 60_000);

  it('leaves the text out with --no-text', async () => {
    expect('text' in (await report(['--no-text']))).toBe(false);
  }, 60_000);

  it('stops on a coding file with a syntax error, naming the file and the line', async () => {
    const definitions = join(dir, 'definitions');
    mkdirSync(join(definitions, 'ward-office-exit'), { recursive: true });
    await copyFile(join(ROOT, 'survey-definitions', 'ward-office-exit', 'v1.json'), join(definitions, 'ward-office-exit', 'v1.json'));
    const coding = join(definitions, 'ward-office-exit', 'coding.txt');
    await writeFile(coding, '*駐車場\n駐車場 |\n');
    const run = await runCli(['report', '--survey', 'ward-office-exit', '--input', input, '--definitions', definitions]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`survey-toolkit report: ${coding}:2: a word or ( is missing after |: "駐車場 |"\n`);
  }, 60_000);
});
