/**
 * Whether a survey's unfinished answers may stay on the device that gives them
 * (docs/survey-definitions.md, docs/decisions/0094-no-answers-left-on-a-shared-device.md).
 *
 * - A citizen or visitor survey resumes from the browser's storage: a phone is
 *   one person's.
 * - An anonymous survey (`"anonymous": true`, every `"audience": "staff"` survey
 *   and every survey with `"invitations": "required"`) is answered on shared
 *   office PCs: by default nothing of its answers is kept on the device at all.
 * - `"resume": "invitation"` (only with `"invitations": "required"`) lets one
 *   person resume with their own invitation code: the answers are kept sealed
 *   under a key derived from that code, so without the code nobody finds them.
 */
export type ResumePolicy = 'device' | 'invitation' | 'never';

/** The fields that decide it, as the server loads them or as the browser receives them (GET /api/surveys/:id). */
interface PolicyFields {
  audience?: unknown;
  invitations?: unknown;
  anonymous?: unknown;
  resume?: unknown;
}

export function isAnonymousSurvey(json: PolicyFields): boolean {
  return json.anonymous === true || json.audience === 'staff' || json.invitations === 'required';
}

export function resumePolicy(json: PolicyFields): ResumePolicy {
  if (!isAnonymousSurvey(json)) return 'device';
  return json.resume === 'invitation' && json.invitations === 'required' ? 'invitation' : 'never';
}
