/**
 * Answers a survey through its real UI, the way a visitor would: on each page,
 * every visible question gets its first choice (first column for each matrix
 * row, the given text for text boxes), questions that appear after an answer
 * included; then "next", until "complete". firstChoiceAnswers computes, with
 * survey-core in Node, exactly the data those clicks must produce.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { Model, type Question } from 'survey-core';
import { SHIPPED_DEFINITIONS_DIR } from './collection-server.ts';

export function readShippedDefinition(surveyId: string, version = 1): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SHIPPED_DEFINITIONS_DIR, surveyId, `v${version}.json`), 'utf8'));
}

/** Answers every visible, not yet answered question on the current page. */
export async function answerCurrentPage(page: Page, text: string): Promise<void> {
  const answered = new Set<string>();
  // Answers can reveal questions (visibleIf): look again until nothing new appears.
  for (let round = 0; round < 10; round++) {
    let answeredThisRound = 0;
    for (const question of await page.locator('.sd-question:visible').all()) {
      const name = await question.getAttribute('data-name');
      if (!name || answered.has(name)) continue;
      answered.add(name);
      answeredThisRound++;
      await answerQuestion(page, question, text);
    }
    if (!answeredThisRound) return;
  }
}

async function answerQuestion(page: Page, question: Locator, text: string): Promise<void> {
  const matrixRows = question.locator('tr.sd-table__row');
  if (await matrixRows.count()) {
    for (const row of await matrixRows.all()) await row.locator('label.sd-matrix__label').first().click();
    return;
  }
  const choices = question.locator('.sd-selectbase__label');
  if (await choices.count()) return choices.first().click();
  const dropdown = question.locator('.sd-dropdown');
  if (await dropdown.count()) {
    await dropdown.click();
    await page.locator('.sv-popup:visible [role=option]').first().click();
    return;
  }
  const rating = question.locator('.sd-rating__item');
  if (await rating.count()) return rating.first().click();
  const textBox = question.locator('textarea, input[type=text]');
  if (await textBox.count()) return textBox.first().fill(text);
  // Ranking questions are left unanswered: none of the shipped ones is required.
}

/** Answers page after page and completes the survey. */
export async function completeSurvey(page: Page, text = 'テスト回答です'): Promise<void> {
  for (let pageNumber = 0; pageNumber < 20; pageNumber++) {
    await answerCurrentPage(page, text);
    const complete = page.locator('.sd-navigation__complete-btn:visible');
    if (await complete.count()) {
      await complete.click();
      return;
    }
    await goToNextPage(page);
  }
  throw new Error('the survey did not reach its complete button within 20 pages');
}

/** Presses "next" and waits until the next page shows, so its questions are the ones answered next; false on the last page. */
export async function goToNextPage(page: Page): Promise<boolean> {
  const next = page.locator('.sd-navigation__next-btn:visible');
  if (!(await next.count())) return false;
  const current = await page.locator('.sd-question:visible').first().getAttribute('data-name');
  await next.click();
  await page.waitForFunction((previous) => document.querySelector('.sd-question')?.getAttribute('data-name') !== previous, current);
  return true;
}

/** The data completeSurvey's clicks produce, computed by survey-core from the definition alone. */
export function firstChoiceAnswers(definition: Record<string, unknown>, text = 'テスト回答です'): Record<string, unknown> {
  const model = new Model(definition);
  for (let round = 0; round < 10; round++) {
    let changed = false;
    for (const question of model.getAllQuestions() as Question[]) {
      // isEmpty(), not `value === undefined`: an untouched checkbox's value is [].
      if (!question.isVisible || !question.isParentVisible || !question.isEmpty()) continue;
      const value = firstChoiceValue(question, text);
      if (value === undefined) continue;
      model.setValue(question.name, value);
      changed = true;
    }
    if (!changed) break;
  }
  return model.data as Record<string, unknown>;
}

function firstChoiceValue(question: Question, text: string): unknown {
  const q = question as Question & Record<string, any>;
  switch (question.getType()) {
    case 'radiogroup':
    case 'dropdown':
      return q.visibleChoices[0].value;
    case 'checkbox':
      return [q.visibleChoices[0].value];
    case 'matrix':
      return Object.fromEntries(q.visibleRows.map((row: { name: string }) => [row.name, q.visibleColumns[0].value]));
    case 'rating':
      return q.visibleRateValues[0].value;
    case 'comment':
    case 'text':
      return text;
    default:
      return undefined;
  }
}
