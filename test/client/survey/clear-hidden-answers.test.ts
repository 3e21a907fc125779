/**
 * The client clears answers to hidden questions to the end of a chain before survey-core completes
 * (ADR 0024): the respondent of issue 21 changes their mind at the head of a chain, and what the
 * form completes with is what it shows. A real survey-core model, driven as the form drives it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { clearHiddenAnswers } from '../../../client/survey/clear-hidden-answers.ts';

const chain = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'surveyjs-corpus', 'change-of-mind-chain.json'), 'utf8'));

function changeOfMind(model: Model): void {
  model.setValue('supported_devices', ['Mobile']);
  model.setValue('native_mobile_support', 3);
  model.setValue('native_framework', 'Ionic');
  model.setValue('framework_reason', '速い');
  model.setValue('supported_devices', ['Desktop', 'Tablet']);
}

describe('clearHiddenAnswers', () => {
  it('clears a chain of hidden answers to its end, keeping what is shown', () => {
    const model = new Model(chain);
    model.clearInvisibleValues = 'onComplete';
    changeOfMind(model);
    model.onCompleting.add((sender) => clearHiddenAnswers(sender));
    model.doComplete();
    expect(model.data).toEqual({ supported_devices: ['Desktop', 'Tablet'] });
  });

  it('is needed: survey-core alone completes with the end of the chain still answered', () => {
    const model = new Model(chain);
    model.clearInvisibleValues = 'onComplete';
    changeOfMind(model);
    model.doComplete();
    expect(model.data).toEqual({ supported_devices: ['Desktop', 'Tablet'], native_framework: 'Ionic', framework_reason: '速い' });
  });

  it('keeps a value two questions share while either is shown, and everything when hidden answers are kept', () => {
    const shared = new Model({
      pages: [{ name: 'p', elements: [
        { type: 'boolean', name: 'confirm' },
        { type: 'text', name: 'mail' },
        { type: 'text', name: 'mail', visibleIf: '{confirm} = true' },
      ] }],
    });
    shared.setValue('mail', 'a@example.org');
    clearHiddenAnswers(shared);
    expect(shared.data).toEqual({ mail: 'a@example.org' });

    const keeps = new Model(chain);
    keeps.clearInvisibleValues = 'none';
    changeOfMind(keeps);
    clearHiddenAnswers(keeps);
    expect(keeps.data).toMatchObject({ native_mobile_support: 3, native_framework: 'Ionic' });
  });
});
