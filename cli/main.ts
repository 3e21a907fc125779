import type { CliCommand } from './cli-command.ts';
import { CliError } from './cli-error.ts';

/**
 * Each command lives in cli/commands/<name>.ts and is loaded only when used, so
 * `survey-toolkit check` does not pay for the report renderer.
 */
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ command: CliCommand }> }> = {
  check: {
    summary: 'check [files…]  Check survey definitions (default: every file in ./survey-definitions)',
    load: () => import('./commands/check.ts'),
  },
  migrate: {
    summary: 'migrate --from LOCATION --to LOCATION  Copy every response between sqlite:DIR, jsonl:FILE and mongodb://…, skipping ones already there',
    load: () => import('./commands/migrate.ts'),
  },
  user: {
    summary: 'user add|list|disable [--name NAME] [--role analyst|admin]  Manage accounts (add reads the password from stdin)',
    load: () => import('./commands/user.ts'),
  },
  token: {
    summary: 'token create|list|revoke [--name NAME] [--role analyst|admin]  API tokens for automation (shown once)',
    load: () => import('./commands/token.ts'),
  },
  export: {
    summary: 'export --survey ID --format csv|xlsx|jsonl [--locale ja|en] [--labels|--codes] --out FILE  Export responses from DATA_DIR',
    load: () => import('./commands/export.ts'),
  },
  report: {
    summary: 'report --survey ID --input FILE.jsonl [--weights CSV] [--by QUESTION] [--format json|md|html] [--out FILE]  Needs, IPA and gaps report',
    load: () => import('./commands/report.ts'),
  },
  seed: {
    summary: 'seed --survey ID --count N --seed S --out FILE.jsonl  Write realistic synthetic responses',
    load: () => import('./commands/seed.ts'),
  },
};

function usage(): string {
  const lines = Object.values(COMMANDS).map((c) => `  survey-toolkit ${c.summary}`);
  return ['Usage:', ...lines].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    console.error(`survey-toolkit: unknown command "${name}"\n${usage()}`);
    return 2;
  }
  try {
    const { command } = await entry.load();
    return await command.run(args);
  } catch (error) {
    if (error instanceof CliError) {
      console.error(`survey-toolkit ${name}: ${error.message}`);
      return error.exitCode;
    }
    throw error;
  }
}
