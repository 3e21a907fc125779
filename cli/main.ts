import type { CliCommand } from './cli-command.ts';
import { commandHelp, runCommand } from './run-command.ts';

/**
 * Each command lives in cli/commands/<name>.ts and is loaded only when used, so
 * `survey-toolkit check` does not pay for the report renderer. Its usage lives there
 * too, and only there: `help` loads every command to print them (a second or two,
 * and never out of date).
 */
const COMMANDS: Record<string, () => Promise<{ command: CliCommand }>> = {
  check: () => import('./commands/check.ts'),
  demo: () => import('./commands/demo.ts'),
  migrate: () => import('./commands/migrate.ts'),
  user: () => import('./commands/user.ts'),
  token: () => import('./commands/token.ts'),
  export: () => import('./commands/export.ts'),
  report: () => import('./commands/report.ts'),
  seed: () => import('./commands/seed.ts'),
};

export const COMMAND_NAMES = Object.keys(COMMANDS);
const HELP_WORDS = new Set(['help', '--help', '-h']);

async function usage(): Promise<string> {
  const commands = await Promise.all(Object.values(COMMANDS).map(async (load) => (await load()).command));
  return [
    'Usage:',
    ...commands.map((command) => `  survey-toolkit ${command.summary}`),
    '',
    'survey-toolkit <command> --help   every option of one command',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || HELP_WORDS.has(name)) {
    const asked = args[0];
    if (name && asked !== undefined && COMMANDS[asked]) {
      console.log(commandHelp((await COMMANDS[asked]()).command));
      return 0;
    }
    console.log(await usage());
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`survey-toolkit: unknown command "${name}"\n${await usage()}`);
    return 2;
  }
  return runCommand(name, load, args);
}
