/**
 * What a kiosk shows instead of the survey once the server refused its
 * credential (revoked by an admin, or unknown): a notice for staff, in the
 * screen's language and in Japanese or English beside it, with how many
 * answers the tablet still holds. Nothing is deleted: the held answers stay in
 * the queue until the tablet is enrolled again and staff resend them.
 */
import type { EnrollmentRefusalCode } from '../../enrollment/kiosk-enrollment.ts';
import { pageTexts } from '../../components/page-texts.ts';
import { useQueueStatus } from '../../queue/use-queue-status.ts';

export function KioskRefusedNotice({ code, locale }: { code: EnrollmentRefusalCode; locale: string }) {
  const status = useQueueStatus();
  const held = status.loading ? undefined : status.waiting + status.rejected;
  const shown = locale === 'ja' ? ['ja', 'en'] : [locale, 'ja'];
  return (
    <section role="alert" className="kiosk-refused" data-testid="kiosk-refused" data-refusal={code} data-held={held}>
      {shown.map((language, index) => {
        const texts = pageTexts(language);
        const lang = language === 'ja' ? 'ja' : 'en';
        return (
          <div key={language} lang={lang} className={index === 0 ? 'kiosk-refused__primary' : 'kiosk-refused__secondary'}>
            <h1>{phrases(code === 'kiosk_revoked' ? texts.kioskRevoked : texts.kioskNotRecognised)}</h1>
            {held !== undefined && <p data-testid={index === 0 ? 'kiosk-held-answers' : undefined}>{texts.kioskHeldAnswers(held)}</p>}
            <p className="kiosk-refused__hint">{texts.kioskReenrollHint}</p>
          </div>
        );
      })}
    </section>
  );
}

/** Japanese sentences kept whole where the line allows (no 「くだ／さい」 split over lines on a phone). */
function phrases(text: string) {
  return text.split(/(?<=。)/).map((part) => (
    <span key={part} className="kiosk-refused__phrase">
      {part}
    </span>
  ));
}
