/**
 * Before a survey with `"invitations": "required"`: the respondent types the
 * code from their invitation, or arrives with it in `?code=` from its QR code.
 * The code is checked (not spent) so a typo is caught before anyone answers;
 * it is spent by the submission itself. The `?code=` is removed from the
 * address at once, so the next colleague on a shared PC never inherits it.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ApiErrorBody } from '../../../contracts/submission.ts';

export function InvitationGate(props: { surveyId: string; title: string; englishTitle?: string; onAccepted: (code: string) => void }) {
  const { surveyId, title, englishTitle, onAccepted } = props;
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const fromLink = useRef<string | null>(null);

  async function check(candidate: string) {
    setBusy(true);
    setError(undefined);
    try {
      const response = await fetch(`/api/surveys/${encodeURIComponent(surveyId)}/invitations/check`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ code: candidate }),
        cache: 'no-store',
      });
      if (response.ok) return onAccepted(candidate);
      const body = (await response.json().catch(() => null)) as ApiErrorBody | null;
      setError(body?.error.message ?? `HTTP ${response.status}`);
    } catch {
      setError('サーバーに接続できません。接続を確認してもう一度お試しください。 / Cannot reach the server; check the connection and try again.');
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    const url = new URL(window.location.href);
    const linked = url.searchParams.get('code');
    if (linked === null || fromLink.current !== null) return;
    fromLink.current = linked;
    url.searchParams.delete('code');
    window.history.replaceState(window.history.state, '', url);
    setCode(linked);
    void check(linked);
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    void check(code);
  }

  return (
    <section className="invitation-gate" data-testid="invitation-gate" aria-labelledby="invitation-gate-title">
      <h1 id="invitation-gate-title">
        {title}
        {englishTitle && englishTitle !== title && (
          <span className="invitation-gate__subtitle" lang="en">
            {englishTitle}
          </span>
        )}
      </h1>
      <p>
        このアンケートには、配布された招待コードが必要です。コードは回答と結び付けずに「使用済み」とだけ記録され、回答は匿名のままです。
      </p>
      <p lang="en">This survey needs the invitation code you were given. The code is only marked as used, never linked to your answers: they stay anonymous.</p>
      <form onSubmit={submit}>
        <label htmlFor="invitation-code">招待コード / Invitation code</label>
        <input
          id="invitation-code"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          placeholder="XXXX-XXXX-XXXX"
          required
        />
        <button type="submit" className="button button--primary" disabled={busy}>
          回答を始める / Start
        </button>
      </form>
      <p className="invitation-gate__help">
        コードがお手元にない場合は、所属のアンケート担当者にお問い合わせください。
        <span lang="en"> If you have no code, please ask the survey contact in your section.</span>
      </p>
      {error && (
        <p role="alert" className="invitation-gate__error" data-testid="invitation-error">
          {error}
        </p>
      )}
    </section>
  );
}
