/**
 * A survey-core model for one run of a survey, with the settings every
 * collection page shares: a progress bar at the top, our own thank-you screen
 * instead of survey-core's, and the theme of the page (survey-theme.ts).
 */
import { Model, type IActionAppearance, type QuestionRankingModel } from 'survey-core';
import type { SurveyDefinitionJson } from './fetch-survey-definition.ts';
import { clearHiddenAnswers } from './clear-hidden-answers.ts';
import { splitLongPages } from './split-long-pages.ts';
import { stackGridsThatDoNotFit } from './stack-grids-that-do-not-fit.ts';
import { nameAttachmentButtons } from './attachment-controls.ts';
import { surveyTheme, type SurveyPageMode } from './survey-theme.ts';
import './load-survey-ui-strings.ts';
// Registers the checkbox renderer with the "up to N" note.
import './choice-limit.tsx';

export function createSurveyModel(definition: SurveyDefinitionJson, mode: SurveyPageMode, locale: string): Model {
  // The kiosk's pages are at most about 1.5 portrait screens (split-long-pages.ts); the online form scrolls as written.
  const model = new Model(mode === 'kiosk' ? splitLongPages(definition) : definition);
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
  // A select-to-rank question's hint says 「下の項目を…タップ」: the items must be below it on every screen.
  // survey-core stacks the areas that way (ranked on top, the rest below) only on phones; side by side on
  // an 800 px tablet, the items were to the left of the hint (issue 29).
  for (const question of model.getAllQuestions()) {
    if (question.getType() === 'ranking') (question as QuestionRankingModel).selectToRankAreasLayout = 'vertical';
  }
  model.applyTheme(surveyTheme(mode));
  styleNavigation(model);
  // Every answer of a grid on screen, on every device (issue 13).
  stackGridsThatDoNotFit(model);
  // A signature's clear button and a file question's buttons say what they do, not only an icon (issue 22).
  nameAttachmentButtons(model);
  return model;
}

/**
 * 前へ and 次へ were identical white boxes, and 次へ moved: bottom left on page 1, where 前へ sat on page 2,
 * so a second tap in the same spot went back (issue 29). Through survey-core's own action API: 次へ is the
 * filled primary button, 前へ a secondary, smaller one, and 完了 primary with a class of its own (survey-page.css
 * colours it apart). The classes on the actions' outer boxes (`css`) let the stylesheets put the forward
 * button at the right end of the bar whether or not 前へ is shown.
 */
export function styleNavigation(model: Model): void {
  const bar = model.navigationBar;
  const set = (id: string, css: string, appearance: Partial<IActionAppearance>) => {
    const action = bar.getActionById(id);
    if (!action) return;
    action.css = css;
    action.appearance = { style: 'brand', showBorder: true, ...appearance };
  };
  set('sv-nav-prev', 'survey-nav survey-nav--back', { mode: 'secondary', size: 'medium' });
  set('sv-nav-next', 'survey-nav survey-nav--forward', { mode: 'primary', size: 'large' });
  set('sv-nav-complete', 'survey-nav survey-nav--forward survey-nav--complete', { mode: 'primary', size: 'large' });
}
