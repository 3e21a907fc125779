/**
 * The staff panel's part for setting up a tablet: what this tablet is enrolled
 * as, and a field for the one-time code an admin made in /admin.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { WARDS } from '../../contracts/wards.ts';
import { ENROLLMENT_CHANGED_EVENT, enrollThisTablet, readKioskEnrollment, type KioskEnrollment } from '../enrollment/kiosk-enrollment.ts';

export function KioskEnrollmentSection() {
  const [enrollment, setEnrollment] = useState<KioskEnrollment | undefined>(() => readKioskEnrollment());
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const ward = WARDS.find((candidate) => candidate.code === enrollment?.ward);

  useEffect(() => {
    const changed = () => setEnrollment(readKioskEnrollment());
    window.addEventListener(ENROLLMENT_CHANGED_EVENT, changed);
    return () => window.removeEventListener(ENROLLMENT_CHANGED_EVENT, changed);
  }, []);

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
      <p data-testid="staff-enrollment-status" data-refusal={enrollment?.refusal?.code} className={enrollment?.refusal ? 'staff-panel__warning' : undefined}>
        {describeEnrollment(enrollment, ward)}
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

function describeEnrollment(enrollment: KioskEnrollment | undefined, ward: (typeof WARDS)[number] | undefined): string {
  if (!enrollment || !ward) return '未登録（区と端末 ID は URL から） / Not enrolled (ward and kiosk id come from the URL)';
  const { kioskId, refusal } = enrollment;
  if (refusal?.code === 'kiosk_revoked') {
    return `登録取り消し済み: ${kioskId}（${ward.ja}役所）。この端末からは回答を送信できません。新しい登録コードで登録し直してください。 / Registration withdrawn: ${kioskId} (${ward.en}). This tablet can no longer send answers; enroll it again with a new code.`;
  }
  if (refusal?.code === 'kiosk_not_enrolled') {
    return `登録を確認できません: ${kioskId}（${ward.ja}役所）。サーバーがこの端末を知りません。新しい登録コードで登録し直してください。 / Registration not recognised: ${kioskId} (${ward.en}). The server does not know this tablet; enroll it again with a new code.`;
  }
  return `登録済み: ${kioskId}（${ward.ja}役所） / Enrolled as ${kioskId} (${ward.en})`;
}
