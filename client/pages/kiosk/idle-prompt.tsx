/**
 * 「まだ回答中ですか？」: asked after the kiosk's idle time. Continuing (the
 * button, Escape, or a tap anywhere on the backdrop) keeps the answers; when the
 * countdown runs out they are cleared and the survey starts over.
 */
import { useEffect, useRef } from 'react';
import { pageTexts } from '../../components/page-texts.ts';
import { useCountdown } from '../../components/use-countdown.ts';

export function IdlePrompt(props: { locale: string; seconds: number; onContinue: () => void; onStartOver: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const texts = pageTexts(props.locale);
  const left = useCountdown(props.seconds, props.onStartOver);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="idle-prompt"
      data-testid="idle-prompt"
      lang={props.locale}
      aria-labelledby="idle-prompt-title"
      aria-describedby="idle-prompt-countdown"
      onCancel={(event) => {
        event.preventDefault();
        props.onContinue();
      }}
      onClick={(event) => {
        // A click on the dialog element itself (not its content) is a tap on the backdrop.
        if (event.target === dialog.current) props.onContinue();
      }}
    >
      <div className="idle-prompt__content">
        <h2 id="idle-prompt-title">{texts.stillAnswering}</h2>
        <p id="idle-prompt-countdown" aria-live="off">
          {texts.clearingIn(left)}
        </p>
        <div className="idle-prompt__actions">
          <button type="button" className="button button--primary" autoFocus onClick={props.onContinue}>
            {texts.continueAnswering}
          </button>
          <button type="button" className="button" onClick={props.onStartOver}>
            {texts.startOver}
          </button>
        </div>
      </div>
    </dialog>
  );
}
