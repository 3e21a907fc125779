/**
 * A grid too tall for a kiosk page (issue 29): the kiosk keeps each page within
 * about 1.5 portrait screens by splitting pages between questions, never inside
 * one, so a grid (matrix) with many rows makes a page taller than that whatever
 * the client does (core/definitions/kiosk-page-budget.ts). A warning, not a
 * problem: the survey still works, the visitor just scrolls further to 次へ.
 * Surveys without a kiosk mode (an invitation code per answer) are not checked.
 */
import type { Finding } from './definition-problem.ts';
import type { ListedQuestion } from '../../core/definitions/list-questions.ts';
import { gridPagePortraitHeight, KIOSK_PAGE_MAX_PX, KIOSK_PORTRAIT, maxKioskGridRows } from '../../core/definitions/kiosk-page-budget.ts';

const NUMBER_WORDS = ['', 'one', 'two', 'three', 'four', 'five'];
const px = (value: number) => `${Math.round(value).toLocaleString('en-US')} px`;

export function checkKioskPageBudget(definition: Record<string, unknown>, questions: ListedQuestion[]): Finding[] {
  if (definition.invitations === 'required') return []; // no kiosk mode (client/pages/kiosk/kiosk-page.tsx)
  const findings: Finding[] = [];
  for (const question of questions) {
    if (question.type !== 'matrix' || !Array.isArray(question.rows) || !Array.isArray(question.columns)) continue;
    const shape = { columns: question.columns.length, hasDescription: question.json.description !== undefined };
    const rows = question.rows.length;
    const height = gridPagePortraitHeight({ ...shape, rows });
    if (height <= KIOSK_PAGE_MAX_PX) continue;
    const most = maxKioskGridRows(shape);
    const parts = Math.ceil(rows / most);
    findings.push({
      question: question.name,
      severity: 'warning',
      message:
        `its ${rows} rows make a kiosk page about ${px(height)} tall on an ${KIOSK_PORTRAIT.width}×${KIOSK_PORTRAIT.height} portrait tablet, ` +
        `more than the ${px(KIOSK_PAGE_MAX_PX)} (1.5 screens) a kiosk page may be, and a question is never split across pages: ` +
        `split it into ${NUMBER_WORDS[parts] ?? parts} matrices of at most ${most} rows each, which the kiosk shows on pages of their own`,
    });
  }
  return findings;
}
