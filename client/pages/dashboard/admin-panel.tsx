/**
 * What the admin panels opened from the filter bar share (the weighting margins, the test markings): a titled
 * section with a close button, a status line that screen readers announce, and the server's refusal shown as the
 * server wrote it (its one line names the bad field, line or id, which is what the analyst needs to fix).
 */
import type { ReactNode } from 'react';
import { ApiCallError, NotLoggedInError } from './dashboard-api.ts';

export function AdminPanel(props: { id: string; title: string; closeText: string; onClose: () => void; className?: string; testId: string; children: ReactNode }) {
  const titleId = `${props.id}-title`;
  return (
    <section className={`margins-panel${props.className ? ` ${props.className}` : ''}`} aria-labelledby={titleId} data-testid={props.testId}>
      <div className="margins-panel__head">
        <h2 id={titleId} className="margins-panel__title">
          {props.title}
        </h2>
        <button type="button" className="analyst-button analyst-button--quiet" onClick={props.onClose}>
          {props.closeText}
        </button>
      </div>
      {props.children}
    </section>
  );
}

/** Always rendered, empty when idle, so a screen reader hears each change of the text. */
export function PanelStatus({ text }: { text: string }) {
  return (
    <p className="margins-panel__status" role="status" aria-live="polite">
      {text}
    </p>
  );
}

/** A refusal or a failure: what failed (label), then the server's own words. */
export function PanelError({ label, message, testId }: { label?: string; message: string; testId?: string }) {
  return (
    <p className="margins-panel__error" role="alert" data-testid={testId}>
      {label !== undefined && <strong>{label}</strong>}
      {label !== undefined && ': '}
      {message}
    </p>
  );
}

/**
 * The message to show for a failed call, or undefined when the session has ended: then the page goes back to the
 * login (onLoggedOut), since every later call would fail the same way.
 */
export function failureMessage(error: unknown, onLoggedOut: () => void): string | undefined {
  if (error instanceof NotLoggedInError) {
    onLoggedOut();
    return undefined;
  }
  return error instanceof ApiCallError || error instanceof Error ? error.message : String(error);
}
