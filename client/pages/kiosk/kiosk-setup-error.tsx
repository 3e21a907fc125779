/**
 * Staff-facing: shown instead of a survey when a kiosk URL is wrong (ward missing
 * or unknown, bad idle time, unknown survey). It says what is wrong and offers
 * the correct URLs, one per ward.
 */
import { WARDS } from '../../../contracts/wards.ts';
import type { KioskSettingProblem } from './read-kiosk-settings.ts';
import { kioskUrl } from './read-kiosk-settings.ts';

export function KioskSetupError(props: { surveyId: string; search: string; problems: KioskSettingProblem[]; surveyMissing?: boolean }) {
  // Settings that were fine are kept in the offered URLs; wrong ones are dropped, not repeated.
  const keep = new URLSearchParams(props.search);
  for (const problem of props.problems) keep.delete(problem.parameter);
  return (
    <main className="page setup-error" data-testid="kiosk-setup-error">
      <h1>キオスクの設定エラー（職員向け） / Kiosk set-up error (for staff)</h1>
      <p>このタブレットの URL が正しくないため、アンケートを表示できません。下の一覧から正しい URL を開いてください。</p>
      <p lang="en">This tablet's URL is wrong, so no survey is shown. Open the right URL from the list below.</p>
      <ul className="setup-error__problems">
        {props.problems.map((problem) => (
          <li key={`${problem.parameter}:${problem.given}`}>
            <code>{problem.parameter}</code>: {problem.message}
          </li>
        ))}
      </ul>
      {!props.surveyMissing && (
        <>
          <h2>区ごとの URL / URL per ward</h2>
          <ul className="ward-links">
            {WARDS.map((ward) => (
              <li key={ward.code}>
                <a href={kioskUrl(props.surveyId, ward.code, keep)}>
                  <span>
                    {ward.ja} <span lang="en">{ward.en}</span>
                  </span>
                  <code>{ward.code}</code>
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <a href="/">アンケート一覧 / All surveys</a>
      </p>
    </main>
  );
}
