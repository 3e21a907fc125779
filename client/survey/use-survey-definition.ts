import { useEffect, useState } from 'react';
import { fetchSurveyDefinition, SurveyLoadError, type SurveyDefinitionJson } from './fetch-survey-definition.ts';

export type DefinitionState =
  | { state: 'loading' }
  | { state: 'ready'; definition: SurveyDefinitionJson }
  | { state: 'error'; error: SurveyLoadError };

/** Loads a survey definition once per survey id. */
export function useSurveyDefinition(surveyId: string): DefinitionState {
  const [result, setResult] = useState<DefinitionState>({ state: 'loading' });
  useEffect(() => {
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
