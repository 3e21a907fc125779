/**
 * survey-toolkit user add --name NAME --role analyst|admin   (password from stdin)
 * survey-toolkit user list
 * survey-toolkit user disable --name NAME
 */
import { AccountInputError, checkPassword } from '../../server/auth/account-rules.ts';
import { NameTakenError, type AuthStore } from '../../server/auth/auth-store.ts';
import { createUser } from '../../server/auth/create-user.ts';
import { CliError } from '../cli-error.ts';
import { parseCommandArgs, usageError } from '../parse-command-args.ts';
import { openConfiguredAuthStore } from '../open-configured-auth-store.ts';
import type { CliCommand } from '../cli-command.ts';
import { readSecret } from '../read-secret.ts';

const USAGE = 'user add --name NAME --role analyst|admin  (password on stdin) | user list | user disable --name NAME';

export const command: CliCommand = {
  usage: USAGE,
  summary: 'user add|list|disable [--name NAME] [--role analyst|admin]  Manage accounts (add reads the password from stdin)',
  async run(args) {
    const [action, ...rest] = args;
    const options = parseOptions(rest);
    switch (action) {
      case 'add':
        return withStore((store) => addUser(store, options));
      case 'list':
        return withStore(listUsers);
      case 'disable':
        return withStore((store) => disableUser(store, options));
      default:
        throw usageError(`unknown action ${JSON.stringify(action ?? '')}`, USAGE);
    }
  },
};

function parseOptions(args: string[]): { name?: string; role?: string } {
  return parseCommandArgs(args, { name: { type: 'string' }, role: { type: 'string' } }, USAGE);
}

async function withStore(action: (store: AuthStore) => Promise<number>): Promise<number> {
  const store = await openConfiguredAuthStore();
  try {
    return await action(store);
  } finally {
    await store.close();
  }
}

async function addUser(store: AuthStore, { name, role }: { name?: string; role?: string }): Promise<number> {
  if (name === undefined || role === undefined) throw usageError(`user add needs --name and --role`, USAGE);
  const password = await readSecret(`Password for ${name}: `);
  try {
    checkPassword(password); // before the confirmation prompt, so a too-short one is refused at once
    if (process.stdin.isTTY && (await readSecret('Repeat it: ')) !== password) throw new CliError('the two passwords differ; nothing was changed');
    const user = await createUser(store, { name, role, password });
    console.log(`created ${user.role} ${JSON.stringify(user.name)}`);
    return 0;
  } catch (error) {
    if (error instanceof AccountInputError || error instanceof NameTakenError) throw new CliError(error.message);
    throw error;
  }
}

async function listUsers(store: AuthStore): Promise<number> {
  const users = await store.listUsers();
  if (users.length === 0) {
    console.log("no users yet; create an admin with: echo '<password>' | npx survey-toolkit user add --name admin --role admin");
    return 0;
  }
  for (const user of users) {
    const status = user.disabledAt ? `disabled ${user.disabledAt}` : 'active';
    console.log(`${user.name}\t${user.role}\tcreated ${user.createdAt}\t${status}`);
  }
  return 0;
}

async function disableUser(store: AuthStore, { name }: { name?: string }): Promise<number> {
  if (name === undefined) throw usageError(`user disable needs --name`, USAGE);
  const user = await store.disableUser(name, new Date());
  if (!user) throw new CliError(`no user ${JSON.stringify(name)}`);
  console.log(`disabled ${JSON.stringify(user.name)} (its sessions have ended)`);
  return 0;
}
