import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeSubmissionId } from '../../../client/survey/make-submission-id.ts';

/** Only getRandomValues, as in a browser page served over plain http. */
const nodeRandomValues = { getRandomValues: webcrypto.getRandomValues.bind(webcrypto) } as unknown as Pick<Crypto, 'getRandomValues'>;

function fixedBytes(byte: number): Pick<Crypto, 'getRandomValues'> {
  return { getRandomValues: (array) => ((array as unknown as Uint8Array).fill(byte), array) } as Pick<Crypto, 'getRandomValues'>;
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('makeSubmissionId', () => {
  it('uses crypto.randomUUID where the browser has it', () => {
    expect(makeSubmissionId({ ...nodeRandomValues, randomUUID: () => 'from-randomUUID' })).toBe('from-randomUUID');
  });

  it('makes a version 4 UUID from getRandomValues outside secure contexts (http://192.168.x.x)', () => {
    const ids = Array.from({ length: 200 }, () => makeSubmissionId(nodeRandomValues));
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(200);
  });

  it('sets the version and variant bits whatever the random bytes are', () => {
    const allOnes = fixedBytes(0xff);
    const allZeros = fixedBytes(0);
    expect(makeSubmissionId(allOnes)).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(makeSubmissionId(allZeros)).toBe('00000000-0000-4000-8000-000000000000');
  });
});
