/**
 * A survey-core model for one run of a survey, with the settings every
 * collection page shares: a progress bar at the top, our own thank-you screen
 * instead of survey-core's, and the theme of the page (survey-theme.ts).
 */
import { Model } from 'survey-core';
import type { SurveyDefinitionJson } from './fetch-survey-definition.ts';
import { clearHiddenAnswers } from './clear-hidden-answers.ts';
import { stackGridsThatDoNotFit } from './stack-grids-that-do-not-fit.ts';
import { surveyTheme, type SurveyPageMode } from './survey-theme.ts';
import './load-survey-ui-strings.ts';
// Registers the checkbox renderer with the "up to N" note.
import './choice-limit.tsx';

export function createSurveyModel(definition: SurveyDefinitionJson, mode: SurveyPageMode, locale: string): Model {
  const model = new Model(definition);
  model.locale = locale;
  model.showProgressBar = true;
  model.progressBarLocation = 'top';
  model.progressBarType = 'pages';
  // Numbered steps (1, 2, 3) tell a visitor how far along they are better than bare dots.
  model.progressBarShowPageNumbers = true;
  // The pages render their own thank-you screen: the kiosk's returns to a fresh start.
  model.showCompletePage = false;
  // Answers to questions hidden by visibleIf are dropped on completion: the server refuses them.
  model.clearInvisibleValues = 'onComplete';
  // ...and dropped to the end of a chain of conditions, which survey-core's one pass is not (ADR 0024).
  model.onCompleting.add((sender) => clearHiddenAnswers(sender));
  // A page's internal name ("visit") is no accessible name for its progress step. Without it,
  // survey-core names the step "ページ1" / "Page 1" in the visitor's language.
  for (const page of model.pages) page.locNavigationTitle.onGetTextCallback = (text: string) => text || page.title || '';
  model.applyTheme(surveyTheme(mode));
  // Every answer of a grid on screen, on every device (issue 13).
  stackGridsThatDoNotFit(model);
  return model;
}
