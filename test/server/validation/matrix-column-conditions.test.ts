/**
 * Conditions on matrix columns (issue 21): visibleIf, enableIf and requiredIf on a column, reading
 * the response and `{row.…}`, and hideIfRowsEmpty on a matrix whose rows have no conditions. The
 * server must accept exactly what survey-core's Model accepts: survey-core neither checks nor clears
 * a hidden or disabled cell, so its answer is kept as sent. Every combination of the fixture's
 * answers is judged by both.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { definitionFromJson } from '../../fixtures/definitions/load-fixture-definition.ts';
import { createResponseValidator } from '../../../server/validation/create-response-validator.ts';
import { onlineSubmission } from '../../fixtures/online-submission.ts';

const json = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'surveyjs-corpus', 'matrix-column-conditions.json'), 'utf8'));
const validate = createResponseValidator(definitionFromJson({ ...json, id: 'matrix-column-conditions', version: 1, audience: 'citizen' }));

function serverAccepts(data: Record<string, unknown>): boolean {
  return (
    validate(onlineSubmission(data, 'en')).length === 0
  );
}

// One model for every case: setting `data` replaces the whole response, and conditions re-run.
const model = new Model(json);

function surveyCoreAccepts(data: Record<string, unknown>): boolean {
  model.data = data;
  return !model.hasErrors(false, false);
}

/** Every row answer from a small set of cells, and every value of `kids`. */
function* responses(): Generator<Record<string, unknown>> {
  const rows: Array<Record<string, unknown> | undefined> = [undefined];
  for (const used of [undefined, 1, 2]) {
    for (const how of [undefined, 'by post']) {
      for (const school of [undefined, 'north']) {
        for (const childcare of [undefined, 'yes']) {
          for (const note of [undefined, 'n']) {
            const row = Object.fromEntries(Object.entries({ used, how, school, childcare, note }).filter(([, value]) => value !== undefined));
            rows.push(row);
          }
        }
      }
    }
  }
  for (const kids of [undefined, true, false]) {
    for (const moving of rows) {
      for (const tax of [undefined, { used: 1, school: 'x', childcare: 'y', note: 'z' }]) {
        const services = Object.fromEntries(Object.entries({ moving, tax }).filter(([, value]) => value !== undefined));
        yield { ...(kids === undefined ? {} : { kids }), ...(Object.keys(services).length ? { services } : {}) };
      }
    }
  }
}

describe('conditions on matrix columns', () => {
  it('are accepted by the definition check and the validator', () => {
    expect(() => createResponseValidator(definitionFromJson({ ...json, id: 'x', version: 1, audience: 'citizen' }))).not.toThrow();
  });

  it('accept exactly what survey-core accepts, for every combination of answers', () => {
    let accepted = 0;
    let refused = 0;
    for (const data of responses()) {
      const expected = surveyCoreAccepts(data);
      expect(serverAccepts(data), JSON.stringify(data)).toBe(expected);
      if (expected) accepted += 1;
      else refused += 1;
    }
    // Both verdicts occur often: the test compares something.
    expect(accepted).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(20);
  });
});
