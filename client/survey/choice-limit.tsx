/**
 * "Choose up to N" checkbox questions say how many are chosen, and once N are,
 * why the other choices do nothing. survey-core disables them silently, so a
 * fourth tap used to do nothing with no explanation (issue 13). The refusal is
 * spoken by screen readers too: the note is a polite live region.
 *
 * survey-react-ui renders each question type with a registered component; this
 * replaces the checkbox one by its own class plus the note
 * (https://surveyjs.io/form-library/documentation/customize-question-types/third-party-component-integration-react).
 */
import { useEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { surveyLocalization, type Model, type QuestionCheckboxModel } from 'survey-core';
import { ReactQuestionFactory, SurveyQuestionCheckbox } from 'survey-react-ui';
import { pageTexts } from '../components/page-texts.ts';

class CheckboxWithLimit extends SurveyQuestionCheckbox {
  protected override renderElement(): React.JSX.Element {
    const list = super.renderElement();
    const question = this.question as QuestionCheckboxModel;
    if (!(question.maxSelectedChoices > 0) || question.isReadOnly) return list;
    return <ChoiceLimit question={question}>{list}</ChoiceLimit>;
  }
}

function ChoiceLimit({ question, children }: { question: QuestionCheckboxModel; children: ReactNode }) {
  /** The last tap on a choice that could not be added, and how many were chosen then. */
  const [refusal, setRefusal] = useState<{ chosen: number; tap: number } | undefined>(undefined);
  const [locale, setLocale] = useState(() => localeOf(question));
  useEffect(() => {
    // The note is ours, not a survey-core string, so it follows a language switch itself.
    const survey = question.survey as Model | undefined;
    const changed = () => setLocale(localeOf(question));
    survey?.onLocaleChangedEvent.add(changed);
    return () => survey?.onLocaleChangedEvent.remove(changed);
  }, [question]);
  const texts = pageTexts(locale);
  const most = question.maxSelectedChoices;
  const chosen = Array.isArray(question.value) ? question.value.length : 0;
  const full = chosen >= most;
  // A refusal is about the choices as they were: once one is unticked, it is over.
  const refused = full && refusal?.chosen === chosen;
  const note = useRef<HTMLParagraphElement>(null);
  // Under a long list the note can be below the screen's edge: bring the reason to where the finger is looking.
  useEffect(() => {
    if (refused) note.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [refused, refusal]);

  const onClickCapture = (event: MouseEvent) => {
    // survey-core disables the input of each choice that cannot be added (its item class says "readonly").
    const item = (event.target as Element).closest('.sd-selectbase__item');
    if (full && item?.querySelector('input:disabled:not(:checked)')) setRefusal((previous) => ({ chosen, tap: (previous?.tap ?? 0) + 1 }));
  };

  return (
    <div className="choice-limit" onClickCapture={onClickCapture} data-full={full || undefined}>
      {children}
      <p ref={note} className={`choice-limit__note${refused ? ' choice-limit__note--refused' : ''}`} role="status" data-testid="choice-limit">
        {full ? texts.choiceLimitReached(most) : texts.choicesChosen(chosen, most)}
      </p>
    </div>
  );
}

// survey-react-ui's typings name the argument `name`, but it is the question's props (see its own registrations).
/** survey-core reports its default locale (English) as "". */
function localeOf(question: QuestionCheckboxModel): string {
  return question.getLocale() || surveyLocalization.defaultLocale;
}

ReactQuestionFactory.Instance.registerQuestion('checkbox', (props) => <CheckboxWithLimit {...(props as unknown as object)} />);
