/**
 * `survey-toolkit report` as one bundle that bin/survey-toolkit.js loads without tsx when it is up to date
 * (issue 24: registering tsx and loading cli/main.ts and commands/report.ts through its hooks cost ~0.3 s before the
 * reader thread could start). The same command, help and one-line errors as through cli/main.ts (run-command.ts);
 * runReport is a lazy chunk of this bundle, so `report --help` still loads neither the definitions nor the analysis.
 *
 * Made by the bin through bundled-module.ts on the first report after a source changed; looked up in plain
 * JavaScript (bundle-manifest.mjs) on later ones.
 */
import { command, runReportCommand } from '../commands/report.ts';
import { runCommand } from '../run-command.ts';

export const ENTRY = 'cli/report/report-entry.ts';

/** `argv` without the command's name, as cli/main.ts gives `report` its arguments. */
export function main(args: string[]): Promise<number> {
  const bundled = { ...command, run: (rest: string[]) => runReportCommand(rest, async () => (await import('./run-report.ts')).runReport) };
  return runCommand('report', async () => ({ command: bundled }), args);
}
