/**
 * What happens when a person presses "complete", the same on the kiosk and the
 * online form (issue 9: it used to be copied in both pages): one submission is
 * built per completion, with one submissionId that every retry reuses; it is
 * written to the durable queue, and only once the queue holds it does the page
 * say thank you. If the queue refuses (IndexedDB broken, storage full), the
 * page says so and offers to try again with the same submission.
 *
 * Framework-free, so it is tested against a real survey-core model in Node;
 * use-survey-completion.ts is the React face of it.
 */
import type { Model } from 'survey-core';
import type { Submission } from '../../contracts/submission.ts';

export type CompletionPhase = 'answering' | 'saving' | 'thanks' | 'save-failed';

export interface SurveyCompletionOptions {
  surveyId: string;
  model: Model;
  /** Writes the submission to the durable queue (submission-queue-service.ts in the app). */
  enqueue: (surveyId: string, submission: Submission) => Promise<unknown>;
  /** The submission of one completion; called once per completion, so a fresh submissionId belongs here. */
  buildSubmission: (data: Record<string, unknown>, completedAt: Date) => Submission;
  /** Runs after the submission is built and before it is queued (the online form keeps it in saved progress). */
  beforeQueue?: (submission: Submission) => void;
  /** Runs once the queue holds the submission, before the thank-you. */
  afterQueue?: (submission: Submission) => void;
  onPhase: (phase: CompletionPhase) => void;
}

export interface SurveyCompletion {
  /** Queues a submission: the one just completed, or one a closed tab left unqueued. */
  queue(submission: Submission): void;
  /** Queues the submission the last attempt failed to store, if any. */
  retry(): void;
  /** Stops listening to the model. */
  detach(): void;
}

export function attachSurveyCompletion(options: SurveyCompletionOptions): SurveyCompletion {
  const { surveyId, model } = options;
  /** The completed submission until the queue holds it: what "try again" stores. */
  let unsaved: Submission | undefined;

  const queue = (submission: Submission) => {
    unsaved = submission;
    options.onPhase('saving');
    options.enqueue(surveyId, submission).then(
      () => {
        unsaved = undefined;
        options.afterQueue?.(submission);
        options.onPhase('thanks');
      },
      (error: unknown) => {
        console.error('could not store the completed response:', error);
        options.onPhase('save-failed');
      },
    );
  };

  const complete = (sender: Model) => {
    const submission = options.buildSubmission(sender.data as Record<string, unknown>, new Date());
    options.beforeQueue?.(submission);
    queue(submission);
  };
  model.onComplete.add(complete);

  return {
    queue,
    retry: () => {
      if (unsaved) queue(unsaved);
    },
    detach: () => model.onComplete.remove(complete),
  };
}
