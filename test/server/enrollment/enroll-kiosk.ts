/**
 * Enrolls a kiosk through the real API, as the dashboard and the tablet do:
 * the admin makes a one-time code, the tablet redeems it for its credential.
 */
import { expect } from 'vitest';
import type { SecureApp } from '../auth/start-secure-app.ts';

export interface EnrolledKiosk {
  kioskId: string;
  ward: string;
  credential: string;
}

export async function createEnrollment(app: SecureApp, kioskId: string, ward: string, surveyId = 'ward-office-exit'): Promise<{ code: string; url: string; qr: string }> {
  const created = await fetch(`${app.url}/api/kiosks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${app.tokens.admin}` },
    body: JSON.stringify({ kioskId, ward, surveyId }),
  });
  expect(created.status, await created.clone().text()).toBe(201);
  return (await created.json()) as { code: string; url: string; qr: string };
}

export function redeem(app: SecureApp, code: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${app.url}/api/kiosks/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ code }),
  });
}

export async function enrollKiosk(app: SecureApp, kioskId: string, ward = 'chuo'): Promise<EnrolledKiosk> {
  const { code } = await createEnrollment(app, kioskId, ward);
  const redeemed = await redeem(app, code);
  expect(redeemed.status).toBe(201);
  return (await redeemed.json()) as EnrolledKiosk;
}
