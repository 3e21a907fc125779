/**
 * The differential test that asks survey-core (issue 21, item 4). survey-core's
 * own Model fills each response (survey-core-respondent.ts), so the answers do
 * not come from the server's question index; the model decides what is valid.
 *
 * - Valid: the completed model's data (clearInvisibleValues "onComplete"), after
 *   the route's hidden-chain clearing, must be accepted by the server.
 * - Invalid: mutations of a valid response, judged by a fresh model
 *   (`hasErrors(false, false)`, or an answer the model would clear because its
 *   question is hidden). The server must refuse, with a reason, every mutation
 *   survey-core refuses; where survey-core accepts, the server may refuse only
 *   for the leniencies ADR 0020 lists (LENIENCIES), and must then refuse, and otherwise accepts.
 *
 * Fixed seeds; `PROPERTY_RUNS_SCALE=10` searches deeper.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../../../analysis/definitions/load-definition.ts';
import { createSeededRandom } from '../../../analysis/stats/seeded-random.ts';
import type { SurveyDefinition } from '../../../core/definitions/survey-definition.ts';
import { hiddenChainClearerFor } from '../../../server/validation/clear-hidden-chains.ts';
import { createResponseValidator, type ResponseValidator } from '../../../server/validation/create-response-validator.ts';
import type { ApiErrorDetail, Submission } from '../../../contracts/submission.ts';
import { propertyRuns, propertyTimeout } from '../../support/property-runs.ts';
import { fillWithSurveyCore } from './survey-core-respondent.ts';
import { judgeWithSurveyCore, LENIENCIES, mutationsOf } from './survey-core-mutations.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const CORPUS = join(ROOT, 'test', 'fixtures', 'surveyjs-corpus');

function fixtureFiles(): string[] {
  return [
    join(ROOT, 'test', 'fixtures', 'definitions', 'all-question-types.json'),
    join(ROOT, 'test', 'fixtures', 'definitions', 'surveyjs-types.json'),
    join(ROOT, 'test', 'fixtures', 'outside', 'civic-center-users.json'),
    // Consent signature and attachments (issue 22, item 2): outside the corpus, whose other tests send no files.
    join(ROOT, 'test', 'fixtures', 'attachments', 'road-damage-report.json'),
    ...readdirSync(join(ROOT, 'survey-definitions')).sort().map((id) => join(ROOT, 'survey-definitions', id, 'v1.json')),
    ...readdirSync(CORPUS).filter((name) => name.endsWith('.json')).sort().map((name) => join(CORPUS, name)),
  ];
}

function submissionOf(definition: SurveyDefinition, data: Record<string, unknown>): Submission {
  const meta: Record<string, unknown> = { locale: 'ja' };
  for (const variable of definition.metaVariables) meta[variable.from] = variable.choices[0].value;
  return {
    submissionId: '00000000-0000-4000-8000-000000000000',
    surveyVersion: definition.version,
    channel: 'online',
    meta: meta as Submission['meta'],
    startedAt: '2026-01-01T00:00:00Z',
    completedAt: '2026-01-01T00:05:00Z',
    data,
  };
}

/** What the route does: clear answers left in chains of hidden questions, then validate. */
const validators = new WeakMap<SurveyDefinition, ResponseValidator>();

function serverVerdict(definition: SurveyDefinition, data: Record<string, unknown>): { problems: ApiErrorDetail[]; cleared: string[] } {
  let validate = validators.get(definition);
  if (validate === undefined) validators.set(definition, (validate = createResponseValidator(definition)));
  const { data: kept, cleared } = hiddenChainClearerFor(definition)(structuredClone(data));
  return { problems: validate(submissionOf(definition, kept)), cleared };
}

// ~1 s per fixture on a quiet 2-core machine (about 50 fixtures with the corpus). Sized by test/support/property-runs.ts.
const RESPONSES_PER_FIXTURE = propertyRuns(8);

describe('the server accepts exactly what survey-core accepts, answers filled by survey-core\'s Model', { timeout: propertyTimeout() }, () => {
  for (const file of fixtureFiles()) {
    const name = file.slice(ROOT.length + 1);
    it(name, () => {
      const json = JSON.parse(readFileSync(file, 'utf8'));
      const definition = loadDefinition(json, file);
      const random = createSeededRandom(20261207 + name.length);
      const refusedValid: string[] = [];
      const missed: string[] = [];
      const silent: string[] = [];
      const tooStrict: string[] = [];
      const lenientAccepted: string[] = [];
      let valid = 0;
      for (let run = 0; run < RESPONSES_PER_FIXTURE; run++) {
        const { data } = fillWithSurveyCore(definition.json, random);
        if (data === undefined) continue;
        valid++;
        const verdict = serverVerdict(definition, data);
        if (verdict.problems.length > 0) refusedValid.push(`${JSON.stringify(data)} → ${JSON.stringify(verdict.problems)}`);
        for (const mutation of mutationsOf(definition.json, data, random)) {
          const core = judgeWithSurveyCore(definition.json, mutation.data);
          const server = serverVerdict(definition, mutation.data);
          const serverRefuses = server.problems.length > 0 || server.cleared.length > 0;
          const label = `${mutation.kind} ${mutation.question}: ${JSON.stringify(mutation.data)}`;
          if (core.refused) {
            if (!serverRefuses) missed.push(`${label} (survey-core: ${core.reason})`);
            else if (server.problems.some((problem) => problem.message === '')) silent.push(label);
          } else if (LENIENCIES.includes(mutation.kind)) {
            // The strict contract: what survey-core tolerates here, the server refuses.
            if (!serverRefuses) lenientAccepted.push(label);
          } else if (serverRefuses) {
            tooStrict.push(`${label} → ${JSON.stringify(server.problems)}`);
          }
        }
      }
      expect(valid, 'survey-core completed no response').toBeGreaterThan(0);
      expect(refusedValid, 'valid to survey-core, refused by the server').toEqual([]);
      expect(missed, 'refused by survey-core, accepted by the server').toEqual([]);
      expect(silent, 'refused without a reason').toEqual([]);
      expect(tooStrict, 'refused by the server beyond the documented leniencies').toEqual([]);
      expect(lenientAccepted, 'a documented leniency of survey-core the server does not refuse').toEqual([]);
    });
  }
});

