import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';
import type { Submission } from '../../../contracts/submission.ts';
import { attachSurveyCompletion, type CompletionPhase } from '../../../client/survey/survey-completion.ts';

const definition = { pages: [{ name: 'p', elements: [{ type: 'text', name: 'q' }] }] };

function setUp(enqueue: (surveyId: string, submission: Submission) => Promise<unknown>) {
  const model = new Model(definition);
  const phases: CompletionPhase[] = [];
  const events: string[] = [];
  let made = 0;
  const completion = attachSurveyCompletion({
    surveyId: 'exit',
    model,
    enqueue,
    buildSubmission: (data, completedAt) => ({
      submissionId: `id-${++made}`,
      surveyVersion: 1,
      channel: 'kiosk',
      meta: { locale: 'ja' },
      startedAt: completedAt.toISOString(),
      completedAt: completedAt.toISOString(),
      data,
    }),
    beforeQueue: (submission) => events.push(`before ${submission.submissionId}`),
    afterQueue: (submission) => events.push(`after ${submission.submissionId}`),
    onPhase: (phase) => phases.push(phase),
  });
  return { model, phases, events, completion };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('attachSurveyCompletion', () => {
  it('queues the completed answers once, and says thanks only after the queue holds them', async () => {
    const queued: Array<[string, Submission]> = [];
    const { model, phases, events } = setUp(async (surveyId, submission) => void queued.push([surveyId, submission]));
    model.setValue('q', 'とても便利');
    model.doComplete();
    expect(phases).toEqual(['saving']);
    expect(events).toEqual(['before id-1']);
    await settle();
    expect(phases).toEqual(['saving', 'thanks']);
    expect(events).toEqual(['before id-1', 'after id-1']);
    expect(queued).toEqual([['exit', expect.objectContaining({ submissionId: 'id-1', data: { q: 'とても便利' } })]]);
  });

  it('a refused write says so, and "try again" stores the same submission (same submissionId)', async () => {
    const attempts: string[] = [];
    let fail = true;
    const { model, phases, events, completion } = setUp(async (_surveyId, submission) => {
      attempts.push(submission.submissionId);
      if (fail) throw new Error('QuotaExceededError');
    });
    const quiet = console.error;
    console.error = () => undefined;
    try {
      model.doComplete();
      await settle();
    } finally {
      console.error = quiet;
    }
    expect(phases).toEqual(['saving', 'save-failed']);
    expect(events).toEqual(['before id-1']);
    fail = false;
    completion.retry();
    await settle();
    expect(attempts).toEqual(['id-1', 'id-1']);
    expect(phases).toEqual(['saving', 'save-failed', 'saving', 'thanks']);
    // Stored: there is nothing left to retry.
    completion.retry();
    await settle();
    expect(attempts).toHaveLength(2);
  });

  it('queues a submission a closed tab left behind, and stops listening when detached', async () => {
    const queued: string[] = [];
    const { model, phases, completion } = setUp(async (_surveyId, submission) => void queued.push(submission.submissionId));
    completion.queue({ submissionId: 'left-behind' } as Submission);
    await settle();
    expect(queued).toEqual(['left-behind']);
    completion.detach();
    model.doComplete();
    await settle();
    expect(queued).toEqual(['left-behind']);
    expect(phases).toEqual(['saving', 'thanks']);
  });
});
