/**
 * Tells the person answering that the device is offline, and that this is fine:
 * answers are kept on the device and sent when the connection returns.
 */
import { pageTexts } from './page-texts.ts';
import { useOnlineStatus } from './use-online-status.ts';

export function OfflineBanner({ locale }: { locale: string }) {
  const online = useOnlineStatus();
  return (
    <div role="status" aria-live="polite" className="offline-banner-slot">
      {!online && (
        <p className="offline-banner" data-testid="offline-banner">
          {pageTexts(locale).offline}
        </p>
      )}
    </div>
  );
}
