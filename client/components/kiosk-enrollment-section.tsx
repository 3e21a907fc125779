/**
 * The staff panel's part for setting up a tablet: what this tablet is enrolled
 * as, and a field for the one-time code an admin made in /admin.
 */
import { useState, type FormEvent } from 'react';
import { WARDS } from '../../contracts/wards.ts';
import { enrollThisTablet, readKioskEnrollment, type KioskEnrollment } from '../enrollment/kiosk-enrollment.ts';

export function KioskEnrollmentSection() {
  const [enrollment, setEnrollment] = useState<KioskEnrollment | undefined>(() => readKioskEnrollment());
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const ward = WARDS.find((candidate) => candidate.code === enrollment?.ward);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      setEnrollment(await enrollThisTablet(code));
      setCode('');
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="staff-enrollment-title" data-testid="staff-enrollment">
      <h3 id="staff-enrollment-title">端末の登録 / Tablet enrollment</h3>
      <p data-testid="staff-enrollment-status">
        {enrollment && ward
          ? `登録済み: ${enrollment.kioskId}（${ward.ja}役所） / Enrolled as ${enrollment.kioskId} (${ward.en})`
          : '未登録（区と端末 ID は URL から） / Not enrolled (ward and kiosk id come from the URL)'}
      </p>
      <form onSubmit={(event) => void submit(event)} className="staff-panel__enroll">
        <label htmlFor="staff-enrollment-code">登録コード / Enrollment code</label>
        <input
          id="staff-enrollment-code"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          placeholder="XXXX-XXXX-XXXX"
          required
        />
        <button type="submit" disabled={busy}>
          {enrollment ? '登録し直す / Enroll again' : '登録する / Enroll'}
        </button>
      </form>
      {error && (
        <p role="alert" className="staff-panel__warning">
          {error}
        </p>
      )}
    </section>
  );
}
