/**
 * The banner a kiosk in test mode shows on every page (issue 30), above everything and in the visitor's
 * language, so nobody mistakes a test for the real survey and staff do not forget to turn it off.
 */
import './kiosk-test-mode.css';

const TEXTS: Record<string, { title: string; detail: string }> = {
  ja: { title: 'テスト中', detail: 'この回答は集計されません' },
  en: { title: 'Test mode', detail: 'answers are not counted' },
};

export function KioskTestBanner({ locale }: { locale: string }) {
  const texts = TEXTS[locale] ?? TEXTS.en;
  return (
    <div className="kiosk-test-banner" role="status" data-testid="kiosk-test-banner" lang={TEXTS[locale] ? locale : 'en'}>
      <strong className="kiosk-test-banner__title">{texts.title}</strong>
      <span aria-hidden="true"> — </span>
      <span className="kiosk-test-banner__detail">{texts.detail}</span>
    </div>
  );
}
