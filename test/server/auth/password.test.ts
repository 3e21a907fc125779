import { describe, expect, it } from 'vitest';
import { hashPassword } from '../../../server/auth/hash-password.ts';
import { verifyPassword } from '../../../server/auth/verify-password.ts';

// Small parameters keep the suite fast; the format and checks are the same as the default's.
const FAST = { N: 1024, r: 8, p: 1 };

describe('hashPassword / verifyPassword', () => {
  it('records the parameters and a fresh salt in the hash, and never the password', async () => {
    const first = await hashPassword('correct horse battery', FAST);
    const second = await hashPassword('correct horse battery', FAST);
    expect(first).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{86}==$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('correct');
  });

  it('accepts the password and refuses others', async () => {
    const hash = await hashPassword('correct horse battery', FAST);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('uses the default parameters, N=2^15', async () => {
    const hash = await hashPassword('パスワード長いもの');
    expect(hash.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await verifyPassword('パスワード長いもの', hash)).toBe(true);
  });

  it('treats composed and decomposed Japanese the same (NFC)', async () => {
    const hash = await hashPassword('\u30ACイド', FAST); // precomposed ガ
    expect(await verifyPassword('\u30AB\u3099イド', hash)).toBe(true); // カ + combining dakuten
  });

  it('never matches a malformed or hostile stored hash', async () => {
    expect(await verifyPassword('x', '')).toBe(false);
    expect(await verifyPassword('x', 'plain-text-password')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$1000$8$1$c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA==')).toBe(false); // N not a power of two
    expect(await verifyPassword('x', 'scrypt$1073741824$8$1$c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA==')).toBe(false); // N = 2^30
  });
});
