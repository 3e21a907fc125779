/**
 * The buttons of signature and file questions, for a resident on a touch screen (issue 22). survey-core draws them
 * as bare icons once something is drawn or chosen: an eraser to clear the signature, a folder to choose again and
 * an eraser to remove the files. An elderly visitor cannot guess an icon, so each says its name as well (the
 * stylesheet, survey-page.css, makes them 48 px touch targets). Through survey-core's own action API.
 *
 * survey-core gives the signature's clear button a title fixed when the question is made, in the language of that
 * moment (the file question's buttons follow the language), so it is set again when the visitor switches language.
 */
import { ComputedUpdater, type Model, type QuestionFileModel, type QuestionSignaturePadModel } from 'survey-core';
import '../styles/attachment-questions.css';

export function nameAttachmentButtons(model: Model): void {
  const pads: QuestionSignaturePadModel[] = [];
  for (const question of model.getAllQuestions()) {
    if (question.getType() === 'file') {
      const actions = (question as QuestionFileModel).actionsContainer;
      for (const id of ['sv-file-choose-file', 'sv-file-clean']) {
        const action = actions.getActionById(id);
        // Replaced by an updater of its own: survey-core's hides the title once a file is chosen, and a plain value
        // would be overwritten by it on the next change.
        if (action) action.showTitle = new ComputedUpdater(() => true) as unknown as boolean;
      }
    } else if (question.getType() === 'signaturepad') {
      pads.push(question as QuestionSignaturePadModel);
    }
  }
  const nameClearButtons = () => {
    for (const pad of pads) {
      const clear = pad.toolbar.getActionById('clear');
      if (!clear) continue;
      clear.showTitle = true;
      clear.title = pad.clearButtonCaption;
    }
  };
  nameClearButtons();
  if (pads.length === 0) return;
  model.onLocaleChangedEvent.add(nameClearButtons);
  // A finger's tap on the clear button gave no click in Chromium (pointer and touch events reach the button, the
  // click never follows: test/e2e/attachment-screens.test.ts), so the pad could be cleared with a mouse only. The
  // tap's end clears it too; a click that does follow clears an empty pad again, which changes nothing.
  model.onAfterRenderQuestion.add((_, { question, htmlElement }) => {
    if (question.getType() !== 'signaturepad') return;
    htmlElement.addEventListener('touchend', (event) => {
      const target = event.target as Element | null;
      if (target?.closest('.sd-signaturepad__controls .sd-action')) (question as QuestionSignaturePadModel).clearValueFromUI();
    });
  });
}
