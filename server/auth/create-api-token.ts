import type { ApiToken, AuthStore } from './auth-store.ts';
import { checkAccountName, checkRole } from './account-rules.ts';
import { hashSecret } from './hash-secret.ts';
import { API_TOKEN_PREFIX, makeSecret } from './make-secret.ts';

/**
 * Makes a token and stores only its hash. The secret is in the result and
 * nowhere else: show it once, it cannot be recovered.
 */
export async function createApiToken(authStore: AuthStore, input: { name: unknown; role: unknown }): Promise<{ token: ApiToken; secret: string }> {
  const name = checkAccountName(input.name, 'token');
  const role = checkRole(input.role);
  const secret = makeSecret(API_TOKEN_PREFIX);
  const token = await authStore.createToken({ name, role, tokenHash: hashSecret(secret) });
  return { token, secret };
}
