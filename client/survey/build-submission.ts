/**
 * Turns a completed survey into the body the collection API accepts
 * (contracts/submission.ts). The submissionId is made by the caller, once per
 * completion, and stays with the response through every retry.
 */
import type { Channel, Submission } from '../../contracts/submission.ts';
import type { WardCode } from '../../contracts/wards.ts';

export function buildSubmission(input: {
  submissionId: string;
  surveyVersion: number;
  channel: Channel;
  locale: string;
  ward?: WardCode;
  kioskId?: string;
  startedAt: Date;
  completedAt: Date;
  data: Record<string, unknown>;
  invitationCode?: string;
  /** A test answer (a kiosk in test mode, issue 30): stored, but left out of every count by default. */
  test?: boolean;
}): Submission {
  const meta: Submission['meta'] = { locale: input.locale };
  if (input.ward !== undefined) meta.ward = input.ward;
  if (input.kioskId !== undefined) meta.kioskId = input.kioskId;
  if (input.test === true) meta.test = true;
  return {
    submissionId: input.submissionId,
    surveyVersion: input.surveyVersion,
    channel: input.channel,
    meta,
    // A response cannot end before it began; a clock adjusted mid-survey must not produce one.
    startedAt: (input.startedAt <= input.completedAt ? input.startedAt : input.completedAt).toISOString(),
    completedAt: input.completedAt.toISOString(),
    // Exactly what JSON carries: drops undefined values and survey-core's class instances.
    data: JSON.parse(JSON.stringify(input.data)) as Record<string, unknown>,
    ...(input.invitationCode !== undefined && { invitationCode: input.invitationCode }),
  };
}
