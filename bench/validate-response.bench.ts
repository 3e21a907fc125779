/**
 * Micro-benchmark of strict response validation (not a test; no pass/fail):
 *   npx tsx bench/validate-response.bench.ts [definition.json …]
 * Prints what checking one response with survey-core would cost (a new Model
 * per request, or one reused model) next to the cached strict validator's cost
 * per valid and per invalid response. Results: docs/decisions/0020-….
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Model } from 'survey-core';
import { loadDefinition } from '../analysis/definitions/load-definition.ts';
import type { SurveyDefinitionJson } from '../core/definitions/survey-definition.ts';
import type { Submission } from '../contracts/submission.ts';
import { createResponseValidator } from '../server/validation/create-response-validator.ts';
import { validResponseData } from '../test/fixtures/valid-responses.ts';

const files = process.argv.slice(2);
if (files.length === 0) files.push('test/fixtures/definitions/all-question-types.json');

function timePerCall(label: string, iterations: number, run: () => void): void {
  for (let i = 0; i < Math.min(2000, iterations); i++) run(); // warm up the JIT
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) run();
  const microseconds = Number(process.hrtime.bigint() - start) / 1000 / iterations;
  console.log(`${label.padEnd(58)} ${microseconds.toFixed(1).padStart(9)} µs/call`);
}

for (const file of files) {
  const json = JSON.parse(readFileSync(file, 'utf8')) as SurveyDefinitionJson;
  const definition = loadDefinition(json, file);
  const submission = (data: Record<string, unknown>): Submission => ({
    submissionId: randomUUID(), surveyVersion: json.version, channel: 'kiosk',
    meta: { ward: 'chuo', locale: 'ja', kioskId: 'chuo-01' }, startedAt: '2025-01-01T00:00:00Z', completedAt: '2025-01-01T00:05:00Z', data,
  });
  const valid = submission(validResponseData(json.id));
  const invalid = submission({ ...validResponseData(json.id), notAQuestion: 1 });
  const validator = createResponseValidator(definition);
  if (validator(valid).length > 0) throw new Error(`${file}: the sample response is invalid: ${JSON.stringify(validator(valid))}`);
  console.log(file);
  timePerCall('new Model(json) per request', 200, () => new Model(json));
  const reusedModel = new Model(json);
  reusedModel.locale = 'en';
  timePerCall('survey-core model reused: data = …; validate()', 300, () => {
    reusedModel.data = structuredClone(valid.data);
    reusedModel.validate(true, false);
  });
  timePerCall('createResponseValidator (model + index)', 200, () => createResponseValidator(definition));
  timePerCall('cached validator, valid response', 20000, () => validator(valid));
  timePerCall('cached validator, invalid response', 20000, () => validator(invalid));
}
