/**
 * The small staff indicator: how many completed responses wait to be sent and
 * how many the server refused. It opens the staff panel: directly on staff and
 * citizen pages, by a 2-second hold on the kiosk (see use-hold-to-activate.ts).
 */
import { useState } from 'react';
import { useQueueStatus } from '../queue/use-queue-status.ts';
import { StaffPanel } from './staff-panel.tsx';
import { useHoldToActivate } from './use-hold-to-activate.ts';

export const STAFF_PANEL_HOLD_MS = 2_000;

export function QueueIndicator({ requireHold }: { requireHold: boolean }) {
  const status = useQueueStatus();
  const [open, setOpen] = useState(false);
  const hold = useHoldToActivate(STAFF_PANEL_HOLD_MS, () => setOpen(true));
  const hint = requireHold ? '（職員用：長押しで詳細） / staff: hold to open' : '（職員用：詳細） / staff: details';

  return (
    <>
      <button
        type="button"
        className={`queue-indicator${status.rejected || !status.durable ? ' queue-indicator--attention' : ''}`}
        data-testid="queue-indicator"
        data-waiting={status.loading ? undefined : status.waiting}
        data-rejected={status.loading ? undefined : status.rejected}
        {...(requireHold ? hold : { onClick: () => setOpen(true) })}
      >
        {/* The visible text is the start of the accessible name; the hint is for screen readers only. */}
        送信待ち <strong>{status.waiting}</strong> · 保留 <strong>{status.rejected}</strong>
        {!status.durable && ' · ⚠ 端末に保存不可'}
        <span className="visually-hidden">{hint}</span>
      </button>
      {open && <StaffPanel onClose={() => setOpen(false)} />}
    </>
  );
}
