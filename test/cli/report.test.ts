/**
 * `survey-toolkit seed` and `survey-toolkit report`, run as users run them: the real bin in a
 * child process, on files `seed` wrote.
 */
import { mkdtempSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../contracts/report.ts';
import { ROOT, runCli } from './run-cli.ts';

const SURVEYS = ['ward-office-exit', 'citizen-needs', 'staff-workstyle'] as const;
// The copy in test/fixtures, so the suite does not depend on a folder outside the repository.
const WARD_MARGINS = join(ROOT, 'test', 'fixtures', 'sapporo-ward-population-2021.csv');
// Made now, not in beforeAll: the bad-input cases name their files when the tests are collected.
const dir = mkdtempSync(join(tmpdir(), 'report-cli-'));
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  await Promise.all(
    SURVEYS.map(async (id) => {
      const run = await runCli(['seed', '--survey', id, '--count', '800', '--seed', '7', '--out', file(`${id}.jsonl`)]);
      expect(run.stderr).toBe(`wrote 800 ${id} v1 responses to ${file(`${id}.jsonl`)}\n`);
      expect(run.code).toBe(0);
    }),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function reportJson(args: string[], env: Record<string, string> = {}): Promise<Report> {
  const run = await runCli(['report', ...args], { env });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Report;
}

/** The contract's fields and their types (issue 4, "JSON report contract"). */
function expectContract(report: Report, id: string): void {
  expect(report.survey).toMatchObject({ id, versions: [1] });
  expect(report.responses).toBe(800);
  expect(Array.isArray(report.needs) && Array.isArray(report.ipa) && Array.isArray(report.suppressed)).toBe(true);
  for (const needs of report.needs) {
    expect(needs).toEqual(expect.objectContaining({ question: expect.any(String), kind: expect.stringMatching(/^(choice|ranking)$/), answered: expect.any(Number) }));
    needs.items.forEach((item, index) => {
      expect(item).toEqual(
        expect.objectContaining({ value: expect.anything(), label: expect.any(String), count: expect.any(Number), share: expect.any(Number), rank: index + 1 }),
      );
      expect(item.ci95[0]).toBeLessThanOrEqual(item.share);
      expect(item.ci95[1]).toBeGreaterThanOrEqual(item.share);
      if (needs.kind === 'ranking') expect(item).toEqual(expect.objectContaining({ borda: expect.any(Number), top3Probability: expect.any(Number) }));
    });
  }
  for (const set of report.ipa) {
    for (const item of set.items) {
      expect(item).toEqual(expect.objectContaining({ item: expect.any(String), label: expect.any(String), n: expect.any(Number), quadrant: expect.stringMatching(/^(concentrate|keep|low|overkill)$/) }));
      expect(item.gap).toBeCloseTo(item.importance! - item.satisfaction!, 12);
    }
  }
  expect(report.gaps).toEqual(expect.objectContaining({ groups: expect.any(Array), items: expect.any(Array) }));
  expect(report.gaps.by === null || typeof report.gaps.by === 'string').toBe(true);
  for (const item of report.gaps.items) {
    expect(item).toEqual(
      expect.objectContaining({
        question: expect.any(String),
        test: expect.stringMatching(/^(kruskal|chi2)$/),
        statistic: expect.any(Number),
        df: expect.any(Number),
        p: expect.any(Number),
        pAdjusted: expect.any(Number),
        effect: { name: item.test === 'kruskal' ? 'epsilonSquared' : 'cramersV', value: expect.any(Number) },
      }),
    );
    for (const group of item.groups) expect(group).toEqual(expect.objectContaining({ value: expect.anything(), distribution: group.suppressed ? null : expect.anything() }));
  }
}

describe('survey-toolkit report', () => {
  it('produces the JSON contract for ward-office-exit, weighted to the ward populations, by age band', async () => {
    const report = await reportJson(['--survey', 'ward-office-exit', '--input', file('ward-office-exit.jsonl'), '--weights', WARD_MARGINS, '--by', 'ageBand']);
    expectContract(report, 'ward-office-exit');
    expect(report.weighting).toEqual(expect.objectContaining({ method: 'raking', iterations: expect.any(Number), effectiveN: expect.any(Number) }));
    expect(report.needs.map((n) => n.question)).toEqual(['improvements']);
    expect(report.gaps.by).toBe('ageBand');
    expect(report.gaps.items.length).toBeGreaterThan(5);
  });

  it('produces the JSON contract for citizen-needs, with importance × satisfaction and a ranking', async () => {
    const report = await reportJson(['--survey', 'citizen-needs', '--input', file('citizen-needs.jsonl')]);
    expectContract(report, 'citizen-needs');
    expect(report.weighting).toBeNull();
    expect(report.ipa.map((set) => set.set)).toEqual(['service']);
    expect(report.needs.map((n) => n.kind)).toEqual(['ranking']);
    expect(report.gaps).toEqual({ by: null, label: null, groups: [], items: [], untested: [] });
  });

  it('produces the JSON contract for staff-workstyle, with cohort gaps, the same with one or two reader threads', async () => {
    const args = ['--survey', 'staff-workstyle', '--input', file('staff-workstyle.jsonl'), '--seed', '3'];
    const report = await reportJson(args, { SURVEY_TOOLKIT_READ_THREADS: '1' });
    expectContract(report, 'staff-workstyle');
    expect(report.gaps.by).toBe('yearsOfService');
    expect(report.seed).toBe(3);
    // The synthetic staff differ most on telework-related items.
    expect(report.gaps.items[0].effect.value).toBeGreaterThan(0.1);
    expect(await reportJson(args, { SURVEY_TOOLKIT_READ_THREADS: '2' })).toEqual(report);
  });

  it('writes Markdown and one self-contained HTML file with the charts inlined', async () => {
    const md = await runCli(['report', '--survey', 'staff-workstyle', '--input', file('staff-workstyle.jsonl'), '--format', 'md']);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# 職員働き方アンケート 分析レポート\n/);
    // Numbered after whatever sections come before it (平均値の比較 joined them in issue 25).
    expect(md.stdout).toMatch(/^## \d+\\\. 世代間の差（属性による違い）$/m);
    const html = await runCli(['report', '--survey', 'staff-workstyle', '--input', file('staff-workstyle.jsonl'), '--format', 'html', '--out', file('staff.html')]);
    expect(html).toEqual({ code: 0, stdout: '', stderr: '' });
    const page = await readFile(file('staff.html'), 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).toContain("default-src 'none'");
    expect(page).not.toMatch(/<script[^>]+src=|<link[^>]+href=|@import|@font-face/);
    expect(page).toContain('Chart.js v4');
  });
});

describe('survey-toolkit report: bad input gets one line naming the file, the line and the problem', () => {
  const staff = () => file('staff-workstyle.jsonl');
  const cases: Array<[string, () => Promise<string[]>, string | RegExp]> = [
    ['an unknown survey', async () => ['--survey', 'nope', '--input', staff()], 'survey-definitions: unknown survey "nope" (known: citizen-needs, staff-workstyle, ward-office-exit)'],
    ['a missing input file', async () => ['--survey', 'staff-workstyle', '--input', file('missing.jsonl')], `${file('missing.jsonl')}: cannot read the responses (no such file)`],
    [
      'a malformed line',
      async () => {
        const lines = (await readFile(staff(), 'utf8')).split('\n');
        lines[2] = lines[2].slice(0, 40);
        await writeFile(file('malformed.jsonl'), lines.join('\n'));
        return ['--survey', 'staff-workstyle', '--input', file('malformed.jsonl')];
      },
      new RegExp(`^${escape(file('malformed.jsonl'))}:3: not valid JSON \\(.+\\)$`),
    ],
    [
      'a record of another survey',
      async () => {
        const staffLines = (await readFile(staff(), 'utf8')).split('\n').slice(0, 5);
        const citizen = (await readFile(file('citizen-needs.jsonl'), 'utf8')).split('\n')[0];
        await writeFile(file('mixed.jsonl'), [...staffLines.slice(0, 4), citizen, ...staffLines.slice(4)].join('\n'));
        return ['--survey', 'staff-workstyle', '--input', file('mixed.jsonl')];
      },
      `${file('mixed.jsonl')}:5: a record of survey "citizen-needs", not "staff-workstyle"`,
    ],
    [
      'a margin naming an unknown question',
      async () => {
        await writeFile(file('bad-question.csv'), 'question,value,population\nward,chuo,239944\nwardd,kita,286054\n');
        return ['--survey', 'ward-office-exit', '--input', file('ward-office-exit.jsonl'), '--weights', file('bad-question.csv')];
      },
      new RegExp(`^${escape(file('bad-question.csv'))}:3: unknown question "wardd": margins must name a single-answer question or meta variable of ward-office-exit \\(one of: .*ward.*\\)$`),
    ],
    [
      'a margin naming an unknown value',
      async () => {
        await writeFile(file('bad-value.csv'), 'question,value,population\nward,chuo,239944\nward,sapporo,286054\n');
        return ['--survey', 'ward-office-exit', '--input', file('ward-office-exit.jsonl'), '--weights', file('bad-value.csv')];
      },
      `${file('bad-value.csv')}:3: ward has no value "sapporo" (its values: chuo, kita, higashi, shiroishi, atsubetsu, toyohira, kiyota, minami, nishi, teine)`,
    ],
    [
      'a malformed weights file',
      async () => {
        await writeFile(file('bad-number.csv'), 'question,value,population\nward,chuo,lots\n');
        return ['--survey', 'ward-office-exit', '--input', file('ward-office-exit.jsonl'), '--weights', file('bad-number.csv')];
      },
      `${file('bad-number.csv')}:2: population must be a number > 0, got "lots"`,
    ],
    [
      'a weights file without the header',
      async () => {
        await writeFile(file('no-header.csv'), 'ward,chuo,239944\n');
        return ['--survey', 'ward-office-exit', '--input', file('ward-office-exit.jsonl'), '--weights', file('no-header.csv')];
      },
      `${file('no-header.csv')}:1: the header must name the columns question,value,population; got "ward,chuo,239944"`,
    ],
    [
      'responses without the margin variable',
      async () => {
        const lines = (await readFile(file('ward-office-exit.jsonl'), 'utf8')).split('\n').slice(0, 30);
        lines[6] = lines[6].replace(/"ward":"[a-z]+",/, '');
        await writeFile(file('no-ward.jsonl'), lines.join('\n'));
        return ['--survey', 'ward-office-exit', '--input', file('no-ward.jsonl'), '--weights', WARD_MARGINS];
      },
      `${file('no-ward.jsonl')}:7: 1 response has no answer for the margin variable ward, so it cannot be weighted; leave it out with --drop-incomplete`,
    ],
    ['an unknown --by question', async () => ['--survey', 'staff-workstyle', '--input', staff(), '--by', 'shoeSize'], /^--by "shoeSize": no single-answer question or meta variable of that name \(one of: yearsOfService, ageBand, .*\)$/],
    ['a bad --format', async () => ['--survey', 'staff-workstyle', '--input', staff(), '--format', 'pdf'], '--format must be one of json, md, html, xlsx, got "pdf"'],
  ];
  it.each(cases)('%s', async (_, argsOf, message) => {
    const run = await runCli(['report', ...(await argsOf())]);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe('');
    const line = run.stderr.replace(/\n$/, '');
    expect(line).not.toContain('\n');
    const text = line.replace(/^survey-toolkit report: /, '');
    expect(line).toBe(`survey-toolkit report: ${text}`);
    if (typeof message === 'string') expect(text).toBe(message);
    else expect(text).toMatch(message);
  });

  it('gives 調査概要: the fieldwork period, n by channel and ward, and the response rate with --population', async () => {
    const records = (await readFile(file('ward-office-exit.jsonl'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { completedAt: string; channel: string; meta: { ward?: string } });
    const report = await reportJson(['--survey', 'ward-office-exit', '--input', file('ward-office-exit.jsonl'), '--population', '4000']);
    const days = records.map((record) => new Date(record.completedAt).toISOString().slice(0, 10)).sort();
    expect(report.overview?.period).toEqual({ from: days[0], to: days.at(-1) });
    const count = (pick: (record: (typeof records)[number]) => string | undefined) => {
      const counts = new Map<string, number>();
      for (const record of records) {
        const value = pick(record);
        if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
      }
      return counts;
    };
    const channels = count((record) => record.channel);
    expect(report.overview?.byChannel).toEqual([...channels].sort().map(([value, n]) => ({ value, n })));
    const wards = count((record) => record.meta.ward);
    expect(report.overview?.byWard.reduce((sum, ward) => sum + (ward.n ?? 0), 0)).toBe([...wards.values()].reduce((a, b) => a + b, 0));
    for (const ward of report.overview?.byWard ?? []) expect(ward.n).toBe(wards.get(ward.value));
    expect(report.overview?.responseRate).toBe(800 / 4000);
    expect(report.overview?.population).toBe(4000);

    const html = (await runCli(['report', '--survey', 'ward-office-exit', '--input', file('ward-office-exit.jsonl'), '--population', '4000', '--format', 'html'])).stdout;
    expect(html).toContain(`${days[0]} – ${days.at(-1)}`);
    expect(html).toContain('20.0%');
    const bad = await runCli(['report', '--survey', 'ward-office-exit', '--input', file('ward-office-exit.jsonl'), '--population', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--population must be a whole number ≥ 1, got "many"');
  });

  it('gives each ward\'s response rate with --population-by ward=FILE.csv, and refuses anything else (issue 25)', async () => {
    const args = ['--survey', 'ward-office-exit', '--input', file('ward-office-exit.jsonl')];
    const report = await reportJson([...args, '--population-by', `ward=${WARD_MARGINS}`]);
    const chuo = report.overview!.byWard.find((ward) => ward.value === 'chuo')!;
    expect(chuo.population).toBe(239944);
    expect(chuo.responseRate).toBe(chuo.n! / 239944);
    const html = (await runCli(['report', ...args, '--population-by', `ward=${WARD_MARGINS}`, '--format', 'html'])).stdout;
    expect(html).toContain('239,944');
    const age = await runCli(['report', ...args, '--population-by', `ageBand=${WARD_MARGINS}`]);
    expect(age.code).toBe(2);
    expect(age.stderr).toContain('--population-by gives populations per ward only (ward=FILE.csv), got "ageBand"');
    const shape = await runCli(['report', ...args, '--population-by', WARD_MARGINS]);
    expect(shape.stderr).toContain('--population-by must be ward=FILE.csv');
  });

  it('leaves responses without the margin variable out with --drop-incomplete, and counts them', async () => {
    const lines = (await readFile(file('ward-office-exit.jsonl'), 'utf8')).split('\n').filter(Boolean);
    lines[3] = lines[3].replace(/"ward":"[a-z]+",/, '');
    await writeFile(file('dropped.jsonl'), lines.join('\n'));
    const report = await reportJson(['--survey', 'ward-office-exit', '--input', file('dropped.jsonl'), '--weights', WARD_MARGINS, '--drop-incomplete']);
    expect(report.weighting).toMatchObject({ method: 'raking', dropped: 1 });
    expect(report.responses).toBe(799);
  });

  it('names the first bad line in the file when reader threads split it', async () => {
    const lines = (await readFile(staff(), 'utf8')).split('\n').filter(Boolean);
    lines[700] = lines[700].replace('"surveyVersion":1', '"surveyVersion":9');
    lines[750] = '{oops';
    await writeFile(file('late-error.jsonl'), `${lines.join('\n')}\n`);
    const run = await runCli(['report', '--survey', 'staff-workstyle', '--input', file('late-error.jsonl')], { env: { SURVEY_TOOLKIT_READ_THREADS: '3' } });
    expect(run.stderr).toBe(`survey-toolkit report: ${file('late-error.jsonl')}:701: surveyVersion 9 has no definition (known versions: 1)\n`);
  });
});

describe('survey-toolkit seed', () => {
  it('writes the same file for the same seed', async () => {
    const again = file('again.jsonl');
    expect((await runCli(['seed', '--survey', 'staff-workstyle', '--count', '800', '--seed', '7', '--out', again])).code).toBe(0);
    expect(await readFile(again, 'utf8')).toBe(await readFile(file('staff-workstyle.jsonl'), 'utf8'));
  });

  it('refuses a bad count and an unknown survey in one line', async () => {
    const count = await runCli(['seed', '--survey', 'staff-workstyle', '--count', 'many', '--seed', '1', '--out', file('x.jsonl')]);
    expect(count).toMatchObject({ code: 2, stderr: 'survey-toolkit seed: --count must be a whole number ≥ 0, got "many"\n' });
    const unknown = await runCli(['seed', '--survey', 'nope', '--count', '1', '--seed', '1', '--out', file('x.jsonl')]);
    expect(unknown).toMatchObject({ code: 1, stderr: 'survey-toolkit seed: survey-definitions: unknown survey "nope" (known: citizen-needs, staff-workstyle, ward-office-exit)\n' });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
