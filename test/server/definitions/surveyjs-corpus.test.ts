/**
 * A corpus of our own (issue 21, item 5): every SurveyJS definition in test/fixtures/surveyjs-corpus/,
 * written the way cities and SurveyJS users publish them (older `questions` form, flat `elements`,
 * translations with gaps, Creator output, nested panels, every question type `check` accepts), is
 * accepted by `check`, served by the real server, and takes answers filled in by survey-core's own
 * Model: a respondent walks the visible questions page by page, conditions re-evaluate after each
 * answer, the model completes with clearInvisibleValues 'onComplete', and the server answers 201.
 */
import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Model, type Question } from 'survey-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefinitionFiles } from '../../../server/definitions/load-definitions-from-dir.ts';
import { spawnServer, type SpawnedServer } from '../spawn-server.ts';

const CORPUS = join(import.meta.dirname, '..', '..', 'fixtures', 'surveyjs-corpus');
const files = (await readdir(CORPUS)).filter((file) => file.endsWith('.json')).sort();
let dir: string;
let server: SpawnedServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'surveyjs-corpus-'));
  await cp(CORPUS, join(dir, 'defs'), { recursive: true });
  server = await spawnServer({ DATA_DIR: join(dir, 'data'), DEFINITIONS_DIR: join(dir, 'defs'), ABUSE_LIMITS: 'off' });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

type Json = Record<string, any>;
const choiceValue = (choice: unknown) => (choice !== null && typeof choice === 'object' ? (choice as Json).value : choice);
const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/** A simple valid value for a question as survey-core shows it, varied by `variant` (0, 1, 2…). */
function valueFor(question: Question & Json, variant: number): unknown {
  const type = question.getType();
  const visibleChoices = (): unknown[] => (question.visibleChoices ?? []).map((item: Json) => item.value).filter((value: unknown) => !['none', 'other', 'selectall'].includes(String(value)));
  switch (type) {
    case 'radiogroup':
    case 'dropdown':
    case 'imagepicker': {
      const choices = visibleChoices();
      if (choices.length === 0) return undefined;
      const pick = choices[variant % choices.length];
      return type === 'imagepicker' && question.multiSelect ? [pick] : pick;
    }
    case 'checkbox':
    case 'tagbox': {
      const choices = visibleChoices();
      const min = question.minSelectedChoices || 1;
      const max = question.maxSelectedChoices || choices.length;
      const count = Math.min(Math.max(min, 2), max, choices.length);
      return choices.slice(variant % Math.max(1, choices.length - count + 1)).slice(0, count);
    }
    case 'ranking': {
      const choices = (question.visibleChoices ?? []).map((item: Json) => item.value);
      const ranked = variant % 2 ? [...choices].reverse() : choices;
      return question.maxSelectedChoices > 0 ? ranked.slice(0, question.maxSelectedChoices) : ranked;
    }
    case 'boolean':
      return variant % 2 === 0 ? question.getValueTrue() : question.getValueFalse();
    case 'rating': {
      const values = (question.visibleRateValues ?? []).map((item: Json) => item.value);
      return values[variant % values.length];
    }
    case 'text':
      return textValue(question, variant);
    case 'comment':
      return `ご意見 ${variant + 1}`;
    case 'multipletext':
      return Object.fromEntries((question.items as Json[]).map((item) => [item.name, textValue(item.editor, variant)]));
    case 'matrix': {
      const columns = (question.visibleColumns as Json[]).map((column) => column.value);
      return Object.fromEntries((question.visibleRows as Json[]).map((row, index) => [row.name, question.cellType === 'checkbox' ? [columns[(index + variant) % columns.length]] : columns[(index + variant) % columns.length]]));
    }
    default:
      return undefined;
  }
}

function textValue(question: Json, variant: number): unknown {
  const min = question.min === undefined || question.min === '' ? undefined : question.min;
  const max = question.max === undefined || question.max === '' ? undefined : question.max;
  switch (question.inputType) {
    case 'number':
    case 'range': {
      const low = min === undefined ? 1 : Number(min);
      const high = max === undefined ? low + 10 : Number(max);
      const step = Number(question.step) || 1;
      return Math.min(high, low + step * variant);
    }
    case 'date':
      return min ? String(min).slice(0, 10) : max ? String(max).slice(0, 10) : isoDate(new Date(Date.UTC(2026, 4, 10 + variant)));
    case 'datetime-local':
      return `2026-05-1${variant}T10:30`;
    case 'month':
      return `2026-0${5 + (variant % 4)}`;
    case 'week':
      return `2026-W2${variant % 10}`;
    case 'time':
      return `1${variant % 10}:00`;
    case 'email':
      return `resident${variant}@example.jp`;
    case 'tel':
      return `011-211-000${variant % 10}`;
    case 'url':
      return `https://example.jp/${variant}`;
    case 'color':
      return ['#336699', '#cc0000', '#00aa55'][variant % 3];
    default:
      return `回答 ${variant + 1}`;
  }
}

/** Fills what a matrixdropdown/matrixdynamic/paneldynamic holds, cell by cell, through the model. */
function fillNested(question: Question & Json, variant: number): void {
  const type = question.getType();
  if (type === 'matrixdynamic' && question.rowCount === 0) question.rowCount = Math.max(1, question.minRowCount || 1);
  if (type === 'paneldynamic' && question.panelCount === 0) question.panelCount = Math.max(1, question.minPanelCount || 1);
  if (type === 'matrixdropdown' || type === 'matrixdynamic') {
    for (const row of question.visibleRows as Json[]) {
      for (const cell of row.cells as Json[]) {
        const cellQuestion = cell.question as Question & Json;
        if (!cellQuestion.isVisible || cellQuestion.isReadOnly) continue;
        const value = valueFor(cellQuestion, variant);
        if (value !== undefined) cellQuestion.value = value;
      }
    }
  } else if (type === 'paneldynamic') {
    for (const panel of question.panels as Json[]) {
      for (const nested of panel.questions as Array<Question & Json>) {
        if (!nested.isVisible || nested.isReadOnly) continue;
        const value = valueFor(nested, variant);
        if (value !== undefined) nested.value = value;
      }
    }
  }
}

/** Values a question's own validators may ask for (a postal code, an age), tried when the simple value is refused. */
const FALLBACKS: unknown[] = ['060-8611', 20, 'resident@example.jp', '2026-06-01'];

/** Sets a simple value; if survey-core finds it invalid, tries the fallbacks, then leaves the question empty. */
function setValid(question: Question & Json, variant: number): void {
  const value = valueFor(question, variant);
  if (value === undefined) return;
  question.value = value;
  if (!question.hasErrors(false)) return;
  for (const fallback of FALLBACKS) {
    question.value = fallback;
    if (!question.isEmpty() && !question.hasErrors(false)) return;
  }
  question.clearValue();
}

/** survey-core's Model fills one response; undefined if the model itself still finds it invalid. */
function respond(json: Json, variant: number): Record<string, unknown> | undefined {
  const model = new Model(json);
  model.locale = 'ja';
  model.clearInvisibleValues = 'onComplete';
  for (let pass = 0; pass < 2; pass++) {
    for (const page of model.visiblePages) {
      for (const question of page.questions as Array<Question & Json>) {
        if (!question.isVisible || question.isReadOnly || ['html', 'image', 'expression'].includes(question.getType())) continue;
        if (pass === 1 && !question.isEmpty()) continue;
        if (['matrixdropdown', 'matrixdynamic', 'paneldynamic'].includes(question.getType())) {
          fillNested(question, variant);
          continue;
        }
        setValid(question, variant);
      }
    }
  }
  if (model.hasErrors(false, false)) return undefined;
  model.doComplete();
  return model.data;
}

describe('a SurveyJS corpus of our own', () => {
  it('holds at least 40 definitions', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  it('check accepts every definition', async () => {
    const load = await loadDefinitionFiles(files.map((file) => join(CORPUS, file)));
    expect(load.problems).toEqual([]);
    expect(load.definitions.map((definition) => definition.id).sort()).toEqual(files.map((file) => file.replace(/\.json$/, '')).sort());
  });

  it('the real server serves every definition', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toMatchObject({ status: 'ok' });
    for (const file of files) {
      const response = await fetch(`${server.url}/api/surveys/${file.replace(/\.json$/, '')}`);
      expect(response.status, file).toBe(200);
    }
  });

  it.each(files)('takes answers survey-core fills in for %s', async (file) => {
    const json = JSON.parse(await readFile(join(CORPUS, file), 'utf8')) as Json;
    const survey = file.replace(/\.json$/, '');
    let posted = 0;
    for (let variant = 0; variant < 3; variant++) {
      const data = respond(json, variant);
      if (!data) continue;
      const startedAt = new Date(Date.UTC(2026, 5, 1, 0, variant)).toISOString();
      const completedAt = new Date(Date.UTC(2026, 5, 1, 0, variant + 3)).toISOString();
      const response = await fetch(`${server.url}/api/surveys/${survey}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ submissionId: randomUUID(), surveyVersion: 1, channel: 'online', meta: { locale: 'ja' }, startedAt, completedAt, data }),
      });
      expect(response.status, `${file} variant ${variant}: ${JSON.stringify(data)}\n${await response.clone().text()}`).toBe(201);
      posted += 1;
    }
    expect(posted, `survey-core found no valid response for ${file}`).toBeGreaterThan(0);
  });
});
