import type { AuthStore, User } from './auth-store.ts';
import { checkAccountName, checkPassword, checkRole } from './account-rules.ts';
import { hashPassword } from './hash-password.ts';

/** Checks the input, hashes the password and stores the account. Rejects with AccountInputError or NameTakenError. */
export async function createUser(authStore: AuthStore, input: { name: unknown; role: unknown; password: unknown }): Promise<User> {
  const name = checkAccountName(input.name);
  const role = checkRole(input.role);
  const password = checkPassword(input.password);
  return authStore.createUser({ name, role, passwordHash: await hashPassword(password) });
}
