/**
 * The survey-completion lifecycle (survey-completion.ts) for a page: the
 * phase to render (answering, saving, thanks, save-failed), "try again", and
 * "back to answering" for a new run. Both the kiosk and the online form use it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Model } from 'survey-core';
import type { Submission } from '../../contracts/submission.ts';
import { enqueueSubmission } from '../queue/submission-queue-service.ts';
import { attachSurveyCompletion, type CompletionPhase, type SurveyCompletion, type SurveyCompletionOptions } from './survey-completion.ts';

type Callbacks = Pick<SurveyCompletionOptions, 'buildSubmission' | 'beforeQueue' | 'afterQueue'>;

export function useSurveyCompletion(
  options: Callbacks & {
    surveyId: string;
    /** The model of the current run; a new model (a new run) is listened to instead. */
    model: Model;
    /** A completion that a closed tab left unqueued: queued once, on mount. */
    pending?: Submission;
  },
): { phase: CompletionPhase; retry: () => void; backToAnswering: () => void } {
  const { surveyId, model, pending } = options;
  const [phase, setPhase] = useState<CompletionPhase>(pending ? 'saving' : 'answering');
  // The latest callbacks, read at completion time: they close over page state that changes while answering.
  const callbacks = useRef<Callbacks>(options);
  callbacks.current = options;
  const completion = useRef<SurveyCompletion | undefined>(undefined);

  useEffect(() => {
    const attached = attachSurveyCompletion({
      surveyId,
      model,
      enqueue: enqueueSubmission,
      buildSubmission: (data, completedAt) => callbacks.current.buildSubmission(data, completedAt),
      beforeQueue: (submission) => callbacks.current.beforeQueue?.(submission),
      afterQueue: (submission) => callbacks.current.afterQueue?.(submission),
      onPhase: setPhase,
    });
    completion.current = attached;
    return () => {
      attached.detach();
      if (completion.current === attached) completion.current = undefined;
    };
  }, [surveyId, model]);

  const pendingOnMount = useRef(pending);
  useEffect(() => {
    // Runs after the effect above (same commit, declaration order), so the completion is attached.
    if (pendingOnMount.current) completion.current?.queue(pendingOnMount.current);
  }, []);

  const retry = useCallback(() => completion.current?.retry(), []);
  const backToAnswering = useCallback(() => setPhase('answering'), []);
  return { phase, retry, backToAnswering };
}
