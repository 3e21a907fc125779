/**
 * The hidden-chain clearer (ADR 0024) with a name two questions share (issue 21): survey-core
 * calls a value hidden only when no question with its name is visible (hasVisibleQuestionByValueName),
 * so neither clearing nor a chain may start from a name one of whose questions is shown.
 * survey-core's Model, completing with clearInvisibleValues "onComplete", is the reference.
 */
import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { buildCoreRules } from '../../../server/validation/build-core-rules.ts';
import { createHiddenChainClearer } from '../../../server/validation/clear-hidden-chains.ts';

const JSON_DEFINITION = {
  elements: [
    { type: 'radiogroup', name: 'a', choices: ['y', 'n'] },
    { type: 'radiogroup', name: 'b', choices: ['y', 'n'], visibleIf: "{a} = 'y'" },
    // "x" twice: once at the end of a chain, once always shown.
    { type: 'text', name: 'x', visibleIf: "{b} = 'y'" },
    { type: 'text', name: 'x' },
    { type: 'text', name: 'c', visibleIf: "{x} = 'a'" },
  ],
};

function clear(data: Record<string, unknown>) {
  const model = new Model(JSON_DEFINITION);
  return createHiddenChainClearer(buildCoreRules(model, 'shared-names.json', []), model.commentSuffix)(data);
}

function surveyCoreCompletes(data: Record<string, unknown>): Record<string, unknown> {
  const model = new Model(JSON_DEFINITION);
  model.clearInvisibleValues = 'onComplete';
  model.data = data;
  model.doComplete();
  return model.data;
}

describe('clearing hidden chains when two questions share a name', () => {
  it('keeps an answer whose other question is shown, as survey-core does', () => {
    const data = { a: 'n', x: 'b' };
    expect(surveyCoreCompletes(data)).toEqual(data);
    expect(clear(data)).toEqual({ data, cleared: [] });
  });

  it('does not treat a shown name as hidden: an answer it hides is left for validation to refuse', () => {
    const data = { a: 'n', x: 'b', c: 'z' };
    // survey-core clears "c" itself in its one pass: no form sends it, so the server refuses rather than strips it.
    expect(surveyCoreCompletes(data)).toEqual({ a: 'n', x: 'b' });
    expect(clear(data)).toEqual({ data, cleared: [] });
  });
});
