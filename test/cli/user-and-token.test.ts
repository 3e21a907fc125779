/**
 * `survey-toolkit user …` and `token …` as child processes on a real DATA_DIR.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashSecret } from '../../server/auth/hash-secret.ts';
import { openAuthStoreInDataDir } from '../../server/auth/open-auth-store.ts';
import { verifyPassword } from '../../server/auth/verify-password.ts';
import { runCli } from './run-cli.ts';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cli-users-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const cli = (args: string[], input = '') => runCli(args, { env: { DATA_DIR: dataDir }, input });

async function withStore<T>(action: (store: Awaited<ReturnType<typeof openAuthStoreInDataDir>>) => Promise<T>): Promise<T> {
  const store = await openAuthStoreInDataDir(dataDir);
  try {
    return await action(store);
  } finally {
    await store.close();
  }
}

describe('survey-toolkit user add', () => {
  it('reads the password from stdin (echo pw | …) and stores only its scrypt hash', async () => {
    const run = await cli(['user', 'add', '--name', 'admin', '--role', 'admin'], 'correct horse battery\n');
    expect(run).toMatchObject({ code: 0, stdout: 'created admin "admin"\n' });
    const user = await withStore((store) => store.findUserByName('admin'));
    expect(user?.role).toBe('admin');
    expect(user?.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(user?.passwordHash).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery', user!.passwordHash)).toBe(true);
  });

  it('refuses an empty or short password with a clear error and creates nothing', async () => {
    expect(await cli(['user', 'add', '--name', 'a', '--role', 'analyst'], '')).toMatchObject({ code: 1, stderr: 'survey-toolkit user: the password is empty\n' });
    expect(await cli(['user', 'add', '--name', 'a', '--role', 'analyst'], 'pw\n')).toMatchObject({
      code: 1,
      stderr: 'survey-toolkit user: the password is too short (2 characters); use at least 12\n',
    });
    expect(await withStore((store) => store.listUsers())).toEqual([]);
  });

  it('refuses a bad role, a bad name, a taken name and missing options, quoting them', async () => {
    const password = 'a long enough password\n';
    expect((await cli(['user', 'add', '--name', 'a', '--role', 'root'], password)).stderr).toBe('survey-toolkit user: role must be one of analyst, admin; got "root"\n');
    expect((await cli(['user', 'add', '--name', 'a b', '--role', 'analyst'], password)).stderr).toContain('got "a b"');
    await cli(['user', 'add', '--name', 'sato', '--role', 'analyst'], password);
    expect((await cli(['user', 'add', '--name', 'sato', '--role', 'analyst'], password)).stderr).toBe('survey-toolkit user: a user named "sato" already exists\n');
    const missing = await cli(['user', 'add', '--name', 'x'], password);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('user add needs --name and --role');
  });
});

describe('survey-toolkit user list / disable', () => {
  it('lists accounts and disables one', async () => {
    expect((await cli(['user', 'list'])).stdout).toContain("no users yet; create an admin with: echo '<password>' | npx survey-toolkit user add --name admin --role admin");
    await cli(['user', 'add', '--name', 'sato', '--role', 'analyst'], 'a long enough password');
    expect((await cli(['user', 'disable', '--name', 'sato'])).stdout).toBe('disabled "sato" (its sessions have ended)\n');
    const list = await cli(['user', 'list']);
    expect(list.stdout).toMatch(/^sato\tanalyst\tcreated \S+\tdisabled \S+\n$/);
    expect((await cli(['user', 'disable', '--name', 'nobody'])).stderr).toBe('survey-toolkit user: no user "nobody"\n');
  });
});

describe('survey-toolkit token', () => {
  it('create prints the token once, on stdout alone, and stores only its hash', async () => {
    const run = await cli(['token', 'create', '--name', 'nightly', '--role', 'analyst']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^stk_[A-Za-z0-9_-]{43}\n$/);
    expect(run.stderr).toContain('shown only now');
    const secret = run.stdout.trim();
    const token = await withStore((store) => store.findTokenByHash(hashSecret(secret)));
    expect(token).toMatchObject({ name: 'nightly', role: 'analyst' });
    expect(JSON.stringify(await withStore((store) => store.listTokens()))).not.toContain(secret);
    expect((await cli(['token', 'list'])).stdout).not.toContain(secret);
  });

  it('revoke marks the token revoked', async () => {
    const secret = (await cli(['token', 'create', '--name', 'ci', '--role', 'admin'])).stdout.trim();
    expect((await cli(['token', 'revoke', '--name', 'ci'])).stdout).toBe('revoked token "ci"\n');
    expect((await withStore((store) => store.findTokenByHash(hashSecret(secret))))?.revokedAt).toEqual(expect.any(String));
    expect((await cli(['token', 'list'])).stdout).toMatch(/^ci\tadmin\tcreated \S+\trevoked \S+\n$/);
    expect((await cli(['token', 'revoke', '--name', 'nope'])).stderr).toBe('survey-toolkit token: no token "nope"\n');
  });
});
