import type { CliCommand } from './cli-command.ts';
import { CliError } from './cli-error.ts';

/** One command's every option: its usage, or its summary when that already says everything. */
export function commandHelp(command: CliCommand): string {
  return `usage: survey-toolkit ${command.usage ?? command.summary}`;
}

/**
 * Runs one loaded command as `survey-toolkit <name> …args` does: `--help` or `-h` anywhere answers with its options
 * (issue 29), a CliError becomes one line and its exit code. Shared by cli/main.ts and the report's bundled entry
 * (cli/report/report-entry.ts), so both answer alike.
 */
export async function runCommand(name: string, load: () => Promise<{ command: CliCommand }>, args: string[]): Promise<number> {
  try {
    const { command } = await load();
    if (args.includes('--help') || args.includes('-h')) {
      console.log(commandHelp(command));
      return 0;
    }
    return await command.run(args);
  } catch (error) {
    if (error instanceof CliError) {
      console.error(`survey-toolkit ${name}: ${error.message}`);
      return error.exitCode;
    }
    throw error;
  }
}
