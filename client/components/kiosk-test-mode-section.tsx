/**
 * The staff panel's test-mode switch for a kiosk tablet (issue 30; client/pages/kiosk/kiosk-test-mode.ts):
 * answers given while it is on are stored as test answers and left out of every count.
 */
import { useState } from 'react';
import { setKioskTestMode, useKioskTestMode } from '../pages/kiosk/kiosk-test-mode.ts';
import '../pages/kiosk/kiosk-test-mode.css';

export function KioskTestModeSection() {
  const on = useKioskTestMode();
  const [failed, setFailed] = useState(false);
  return (
    <section aria-labelledby="staff-test-mode-title" data-testid="staff-test-mode">
      <h3 id="staff-test-mode-title">テストモード / Test mode</h3>
      <label className="staff-panel__test-mode">
        <input type="checkbox" role="switch" checked={on} onChange={(event) => setFailed(!setKioskTestMode(event.target.checked))} data-testid="staff-test-mode-switch" />
        テストモード / Test mode
      </label>
      <p>
        オンの間、この端末の回答はテスト回答として保存され、集計には含まれません。画面上部に「テスト中」と表示されます。終わったら必ずオフにしてください。 / While on, this tablet’s answers are stored as test answers and
        are not counted; every page shows a “Test mode” banner. Turn it off when you are done.
      </p>
      {failed && (
        <p role="alert" className="staff-panel__warning">
          この端末のブラウザーは設定を保存できません。 / This browser cannot keep the setting (storage disabled).
        </p>
      )}
    </section>
  );
}
