/**
 * The admin page's calls: kiosk enrollment and invitation codes
 * (server/routes/kiosks.ts, server/routes/invitations.ts). Errors carry the
 * server's own message, which names what was wrong.
 */
import type { GeneratedInvitations, InvitationBatchAnswer, Kiosk, NewEnrollment } from '../../../contracts/enrollment.ts';
import type { WardCode } from '../../../contracts/wards.ts';

export type { GeneratedInvitations, NewEnrollment };
export type KioskView = Kiosk;
export type InvitationBatchView = InvitationBatchAnswer;
import { NotLoggedInError } from '../dashboard/dashboard-api.ts';

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: method === 'POST' ? { 'content-type': 'application/json', accept: 'application/json' } : { accept: 'application/json' },
    body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
    credentials: 'same-origin',
  });
  if (response.status === 401) throw new NotLoggedInError(`${method} ${path} needs a login`);
  const parsed = (await response.json().catch(() => undefined)) as (T & { error?: { message?: string } }) | undefined;
  if (!response.ok) throw new Error(parsed?.error?.message ?? `${method} ${path} answered HTTP ${response.status}`);
  return parsed as T;
}

export const listKiosks = () => call<KioskView[]>('GET', '/api/kiosks');
export const createEnrollment = (kioskId: string, ward: WardCode, surveyId: string) => call<NewEnrollment>('POST', '/api/kiosks', { kioskId, ward, surveyId });
export const revokeKiosk = (kioskId: string) => call<KioskView>('POST', `/api/kiosks/${encodeURIComponent(kioskId)}/revoke`);
export const listInvitationBatches = (surveyId: string) => call<InvitationBatchView[]>('GET', `/api/surveys/${encodeURIComponent(surveyId)}/invitations`);
export const generateInvitations = (surveyId: string, count: number, workplace: string) =>
  call<GeneratedInvitations>('POST', `/api/surveys/${encodeURIComponent(surveyId)}/invitations`, workplace ? { count, workplace } : { count });
