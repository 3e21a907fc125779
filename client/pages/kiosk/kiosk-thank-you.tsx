/**
 * The kiosk's thank-you screen: the survey's own completion message
 * (`completedHtml`, in the visitor's language) when it has one, else our
 * generic words; returns to a fresh start by itself after a few seconds.
 */
import { pageTexts } from '../../components/page-texts.ts';
import { useCountdown } from '../../components/use-countdown.ts';

export const KIOSK_THANK_YOU_SECONDS = 8;

export interface CompletionMessage {
  title?: string;
  paragraphs: string[];
}

/**
 * A definition's `completedHtml` as a title (its first heading) and paragraphs of plain text. Read with
 * DOMParser, which runs no script and loads nothing, and rendered as text: the screen keeps its own h1
 * (focus and the countdown hang on it), and no markup from a definition reaches the page.
 */
export function readCompletionMessage(html: string): CompletionMessage {
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  const heading = body.querySelector('h1, h2, h3, h4, h5, h6');
  const title = heading?.textContent?.trim() || undefined;
  heading?.remove();
  const blocks = body.querySelectorAll('p, li, div:not(:has(p, li, div))');
  const texts = blocks.length ? [...blocks].map((block) => block.textContent ?? '') : [body.textContent ?? ''];
  return { title, paragraphs: texts.map((text) => text.trim()).filter(Boolean) };
}

export function KioskThankYou({ locale, completedHtml, onDone }: { locale: string; completedHtml?: string; onDone: () => void }) {
  const texts = pageTexts(locale);
  const left = useCountdown(KIOSK_THANK_YOU_SECONDS, onDone);
  const own = completedHtml ? readCompletionMessage(completedHtml) : undefined;
  const paragraphs = own?.paragraphs.length ? own.paragraphs : [texts.thankYouBody];
  return (
    <section className="thank-you" data-testid="thank-you" lang={locale} aria-labelledby="thank-you-title">
      <h1 id="thank-you-title" tabIndex={-1}>
        {own?.title ?? texts.thankYouTitle}
      </h1>
      {paragraphs.map((paragraph, index) => (
        <p key={index} data-testid="thank-you-message">
          {paragraph}
        </p>
      ))}
      <p role="timer" aria-live="off">
        {texts.returningIn(left)}
      </p>
      <button type="button" className="button button--primary" onClick={onDone}>
        {texts.backToStart}
      </button>
    </section>
  );
}
