/**
 * Staff view of this browser's queue: what waits, what the server refused and
 * why, with "send now", "retry the rejected ones" and a JSON export of
 * everything, so a response the server refuses is never lost.
 */
import { useEffect, useRef, useState } from 'react';
import { buildQueueExport, queueExportFileName } from '../queue/export-queue-contents.ts';
import type { QueuedSubmission, RejectedSubmission } from '../queue/queued-submission.ts';
import { getQueueService, requeueRejected, sendWaitingNow } from '../queue/submission-queue-service.ts';
import { useQueueStatus } from '../queue/use-queue-status.ts';
import { KioskEnrollmentSection } from './kiosk-enrollment-section.tsx';
import { KioskTestModeSection } from './kiosk-test-mode-section.tsx';

export function StaffPanel({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const status = useQueueStatus();
  const [lists, setLists] = useState<{ waiting: QueuedSubmission[]; rejected: RejectedSubmission[] }>();

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  useEffect(() => {
    let current = true;
    void getQueueService().then(async ({ queue }) => {
      const [waiting, rejected] = await Promise.all([queue.listWaiting(), queue.listRejected()]);
      if (current) setLists({ waiting, rejected });
    });
    return () => {
      current = false;
    };
  }, [status]);

  const exportAll = () => {
    if (!lists) return;
    const exportedAt = new Date();
    const document_ = buildQueueExport({ ...lists, exportedAt, origin: location.origin });
    const url = URL.createObjectURL(new Blob([JSON.stringify(document_, null, 2)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = queueExportFileName(exportedAt);
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <dialog ref={dialog} className="staff-panel" aria-labelledby="staff-panel-title" onClose={onClose} data-testid="staff-panel">
      <h2 id="staff-panel-title">送信状況（職員用） / Sending status (staff)</h2>
      {!status.durable && (
        <p className="staff-panel__warning">
          この端末では回答を永続的に保存できません（IndexedDB が使えません）。再読み込みすると送信待ちの回答が失われます。/ IndexedDB is unavailable: waiting responses are lost on reload.
        </p>
      )}
      <p>
        送信待ち / waiting: <strong data-testid="staff-waiting-count">{status.waiting}</strong>　保留（サーバーが拒否） / rejected:{' '}
        <strong data-testid="staff-rejected-count">{status.rejected}</strong>
      </p>
      <div className="staff-panel__actions">
        <button type="button" onClick={() => void sendWaitingNow()}>
          今すぐ送信 / Send now
        </button>
        <button type="button" onClick={exportAll} disabled={!lists}>
          JSON で書き出す / Export JSON
        </button>
        <button type="button" onClick={() => void requeueRejected()} disabled={!status.rejected}>
          保留分を再送する / Retry rejected
        </button>
        <button type="button" onClick={() => dialog.current?.close()}>
          閉じる / Close
        </button>
      </div>
      {/* Only a kiosk tablet is enrolled; phones and PCs answer online. */}
      {location.pathname.startsWith('/kiosk/') && <KioskTestModeSection />}
      {location.pathname.startsWith('/kiosk/') && <KioskEnrollmentSection />}
      {lists && lists.rejected.length > 0 && (
        <section aria-labelledby="staff-rejected-title">
          <h3 id="staff-rejected-title">保留 / Rejected</h3>
          <ul className="staff-panel__list" data-testid="staff-rejected-list">
            {lists.rejected.map((entry) => (
              <li key={entry.submission.submissionId}>
                <code>{entry.surveyId}</code> {entry.rejectedAt} — {describeRejection(entry)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {lists && lists.waiting.length > 0 && (
        <section aria-labelledby="staff-waiting-title">
          <h3 id="staff-waiting-title">送信待ち / Waiting</h3>
          <ul className="staff-panel__list">
            {lists.waiting.map((entry) => (
              <li key={entry.submission.submissionId}>
                <code>{entry.surveyId}</code> {entry.queuedAt} — {entry.attempts} 回失敗 / failed attempts
                {entry.lastFailure ? `: ${entry.lastFailure}` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
    </dialog>
  );
}

/**
 * Why the server refused a held answer, for staff. Refusals of the tablet itself
 * are said in plain words (the server's own message names ids and instants);
 * a refusal of the answer keeps the server's message, which names the question.
 */
function describeRejection(entry: RejectedSubmission): string {
  const { status, serverAnswer } = entry;
  const code = typeof serverAnswer === 'object' && serverAnswer !== null ? serverAnswer.error.code : undefined;
  if (code === 'kiosk_revoked') {
    return 'この端末の登録が取り消されたため、送信できませんでした。回答は保管しています。端末を登録し直してから「保留分を再送する」を押してください。 / Not sent: this tablet’s registration was withdrawn. The answer is kept; enroll the tablet again, then press “Retry rejected”.';
  }
  if (code === 'kiosk_not_enrolled') {
    return 'サーバーがこの端末の登録を確認できないため、送信できませんでした。回答は保管しています。端末を登録し直してから「保留分を再送する」を押してください。 / Not sent: the server does not recognise this tablet. The answer is kept; enroll the tablet again, then press “Retry rejected”.';
  }
  return `HTTP ${status}: ${describeServerAnswer(serverAnswer)}`;
}

function describeServerAnswer(answer: RejectedSubmission['serverAnswer']): string {
  if (answer === null) return '(no body)';
  if (typeof answer === 'string') return answer;
  const details = answer.error.details?.map((detail) => `${detail.question}: ${detail.message}`).join('; ');
  return details ? `${answer.error.message} (${details})` : answer.error.message;
}
