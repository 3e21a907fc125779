/** The kiosk's thank-you screen: returns to a fresh start by itself after a few seconds. */
import { pageTexts } from '../../components/page-texts.ts';
import { useCountdown } from '../../components/use-countdown.ts';

export const KIOSK_THANK_YOU_SECONDS = 8;

export function KioskThankYou({ locale, onDone }: { locale: string; onDone: () => void }) {
  const texts = pageTexts(locale);
  const left = useCountdown(KIOSK_THANK_YOU_SECONDS, onDone);
  return (
    <section className="thank-you" data-testid="thank-you" lang={locale} aria-labelledby="thank-you-title">
      <h1 id="thank-you-title" tabIndex={-1}>
        {texts.thankYouTitle}
      </h1>
      <p>{texts.thankYouBody}</p>
      <p role="timer" aria-live="off">
        {texts.returningIn(left)}
      </p>
      <button type="button" className="button button--primary" onClick={onDone}>
        {texts.backToStart}
      </button>
    </section>
  );
}
