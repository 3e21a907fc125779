import { useEffect, useRef, useState } from 'react';
import { fetchSurveyDefinition, takeArrivedSurveyDefinition, SurveyLoadError, type SurveyDefinitionJson } from './fetch-survey-definition.ts';

export type DefinitionState =
  | { state: 'loading' }
  | { state: 'ready'; definition: SurveyDefinitionJson }
  | { state: 'error'; error: SurveyLoadError };

/**
 * Loads a survey definition once per survey id. A prefetched definition that
 * has already arrived is used in the first render: no loading state, no second render.
 */
export function useSurveyDefinition(surveyId: string): DefinitionState {
  const [initial] = useState(() => takeArrivedSurveyDefinition(surveyId));
  const [result, setResult] = useState<DefinitionState>(() => (initial ? { state: 'ready', definition: initial } : { state: 'loading' }));
  /** The survey id whose definition the first render already had. */
  const readyFor = useRef(initial ? surveyId : undefined);
  useEffect(() => {
    if (readyFor.current === surveyId) return;
    readyFor.current = undefined;
    let current = true;
    setResult({ state: 'loading' });
    fetchSurveyDefinition(surveyId).then(
      (definition) => current && setResult({ state: 'ready', definition }),
      (error: unknown) =>
        current &&
        setResult({ state: 'error', error: error instanceof SurveyLoadError ? error : new SurveyLoadError('unavailable', String(error)) }),
    );
    return () => {
      current = false;
    };
  }, [surveyId]);
  return result;
}
