import type { AuthStore } from './auth-store.ts';

/**
 * There is no default password (docs/decisions/0060-scrypt-passwords-and-hashed-session-ids.md):
 * while no enabled admin exists, start-up prints how to create one. Undefined once one exists.
 */
export async function describeAdminSetup(authStore: AuthStore): Promise<string | undefined> {
  if (await authStore.hasActiveAdmin()) return undefined;
  return [
    'survey server: no admin account exists yet, so nobody can log in to the dashboard. Create one with:',
    "  echo '<password>' | npx survey-toolkit user add --name admin --role admin",
    '(at least 12 characters; run it in this folder, with the same DATA_DIR as the server)',
  ].join('\n');
}
