/**
 * survey-toolkit token create --name NAME --role analyst|admin   (prints the token once)
 * survey-toolkit token list
 * survey-toolkit token revoke --name NAME
 */
import { AccountInputError } from '../../server/auth/account-rules.ts';
import { NameTakenError, type AuthStore } from '../../server/auth/auth-store.ts';
import { createApiToken } from '../../server/auth/create-api-token.ts';
import { CliError } from '../cli-error.ts';
import { parseCommandArgs, usageError } from '../parse-command-args.ts';
import { openConfiguredAuthStore } from '../open-configured-auth-store.ts';
import type { CliCommand } from '../cli-command.ts';

const USAGE = 'token create --name NAME --role analyst|admin | token list | token revoke --name NAME';

export const command: CliCommand = {
  usage: USAGE,
  summary: 'token create|list|revoke [--name NAME] [--role analyst|admin]  API tokens for automation (shown once)',
  async run(args) {
    const [action, ...rest] = args;
    const options = parseCommandArgs(rest, { name: { type: 'string' }, role: { type: 'string' } }, USAGE);
    const store = await openConfiguredAuthStore();
    try {
      switch (action) {
        case 'create':
          return await createToken(store, options);
        case 'list':
          return await listTokens(store);
        case 'revoke':
          return await revokeToken(store, options);
        default:
          throw usageError(`unknown action ${JSON.stringify(action ?? '')}`, USAGE);
      }
    } finally {
      await store.close();
    }
  },
};

async function createToken(store: AuthStore, { name, role }: { name?: string; role?: string }): Promise<number> {
  if (name === undefined || role === undefined) throw usageError(`token create needs --name and --role`, USAGE);
  try {
    const { token, secret } = await createApiToken(store, { name, role });
    // The token alone on stdout, so `TOKEN=$(survey-toolkit token create …)` captures it; the advice on stderr.
    console.log(secret);
    console.error(`created ${token.role} token ${JSON.stringify(token.name)}. It is shown only now; only its hash is stored.`);
    return 0;
  } catch (error) {
    if (error instanceof AccountInputError || error instanceof NameTakenError) throw new CliError(error.message);
    throw error;
  }
}

async function listTokens(store: AuthStore): Promise<number> {
  for (const token of await store.listTokens()) {
    const status = token.revokedAt ? `revoked ${token.revokedAt}` : 'active';
    console.log(`${token.name}\t${token.role}\tcreated ${token.createdAt}\t${status}`);
  }
  return 0;
}

async function revokeToken(store: AuthStore, { name }: { name?: string }): Promise<number> {
  if (name === undefined) throw usageError(`token revoke needs --name`, USAGE);
  const token = await store.revokeToken(name, new Date());
  if (!token) throw new CliError(`no token ${JSON.stringify(name)}`);
  console.log(`revoked token ${JSON.stringify(token.name)}`);
  return 0;
}
