/**
 * /login: the analysts' way in. POST /api/auth/login sets an httpOnly,
 * SameSite=Strict session cookie; the page never sees a secret. Errors are
 * announced (role="alert") and the focus goes back to the field to fix.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CurrentUserAnswer } from '../../../contracts/auth.ts';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { useAnalystLocale } from '../dashboard/analyst-locale.ts';
import { loginTexts } from './login-texts.ts';
import { safeNextPath } from './safe-next-path.ts';
import '../dashboard/analyst-shell.css';
import './login.css';

type Failure = { kind: 'missing' } | { kind: 'invalid' } | { kind: 'too-many'; retryAfter?: number } | { kind: 'unavailable'; detail: string };

export default function LoginPage({ search }: { search: string }) {
  const [locale, setLocale] = useAnalystLocale();
  const texts = loginTexts(locale);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure>();
  const nameInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const next = safeNextPath(search);
  const sessionEnded = new URLSearchParams(search).has('ended');

  useEffect(() => {
    document.title = `${texts.pageTitle} | ${texts.product}`;
  }, [texts]);

  // Already logged in (e.g. a second tab): go straight on.
  useEffect(() => {
    const controller = new AbortController();
    fetch('/api/auth/me', { signal: controller.signal, credentials: 'same-origin' })
      .then(async (response) => {
        const body = response.ok ? ((await response.json()) as CurrentUserAnswer) : undefined;
        if (body?.user) window.location.replace(next);
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [next]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!name.trim() || !password) {
      setFailure({ kind: 'missing' });
      (name.trim() ? passwordInput : nameInput).current?.focus();
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      const response = await fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({ name: name.trim(), password }),
      });
      if (response.ok) {
        window.location.assign(next);
        return;
      }
      if (response.status === 429) {
        const retryAfter = Number(response.headers.get('retry-after'));
        setFailure({ kind: 'too-many', retryAfter: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined });
      } else if (response.status === 401 || response.status === 400) {
        setFailure({ kind: 'invalid' });
        setPassword('');
        passwordInput.current?.focus();
      } else {
        setFailure({ kind: 'unavailable', detail: `HTTP ${response.status}` });
      }
    } catch (error) {
      setFailure({ kind: 'unavailable', detail: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  }

  const message =
    failure?.kind === 'missing'
      ? texts.missing
      : failure?.kind === 'invalid'
        ? texts.invalid
        : failure?.kind === 'too-many'
          ? texts.tooMany(failure.retryAfter)
          : failure?.kind === 'unavailable'
            ? texts.unavailable(failure.detail)
            : undefined;

  return (
    <div className="analyst-shell login">
      <header className="login__top">
        <LanguageSwitch languages={['ja', 'en']} current={locale} onChange={setLocale} />
      </header>
      <main className="login__main">
        <form className="login__card" onSubmit={submit} noValidate aria-describedby="login-intro">
          <p className="login__product">{texts.product}</p>
          <h1 className="login__title">{texts.pageTitle}</h1>
          <p id="login-intro" className="login__intro">
            {texts.intro}
          </p>
          {sessionEnded && !message && <p className="login__notice">{texts.sessionEnded}</p>}
          {/* Always in the DOM, so screen readers announce the text when it appears. */}
          <div className="login__error" role="alert" id="login-error">
            {message}
          </div>
          <div className="login__field">
            <label htmlFor="login-name">{texts.name}</label>
            <input
              ref={nameInput}
              id="login-name"
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              autoFocus
              value={name}
              aria-invalid={failure?.kind === 'missing' && !name.trim() ? true : undefined}
              aria-describedby={message ? 'login-error' : undefined}
              onChange={(event) => setName(event.target.value)}
            />
          </div>
          <div className="login__field">
            <label htmlFor="login-password">{texts.password}</label>
            <input
              ref={passwordInput}
              id="login-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              aria-invalid={failure?.kind === 'invalid' || (failure?.kind === 'missing' && !!name.trim()) ? true : undefined}
              aria-describedby={message ? 'login-error' : undefined}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          <button className="analyst-button analyst-button--primary login__submit" type="submit" disabled={busy} aria-busy={busy}>
            {busy ? texts.submitting : texts.submit}
          </button>
          <p className="login__help">{texts.noAccount}</p>
        </form>
        <p className="login__back">
          <a href="/">{texts.backToSurveys}</a>
        </p>
      </main>
    </div>
  );
}
