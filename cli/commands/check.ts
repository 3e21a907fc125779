/**
 * `survey-toolkit check [files…]`: checks survey definitions exactly as the
 * server does at start-up (loadDefinitionFiles: every rule of
 * analysis/definitions/check-definitions.ts, then the strict validator), so a
 * file check passes is a file the server serves. No arguments: every *.json
 * under ./survey-definitions. Prints "ok: N files, M surveys" and a hint per role a
 * file could still use, or one line per problem on stderr and exits 1.
 */
import { describeUnusedRoles } from '../../analysis/definitions/check-annotations.ts';
import { formatProblem } from '../../analysis/definitions/check-definitions.ts';
import { listQuestions } from '../../core/definitions/list-questions.ts';
import { DefinitionFilesError, loadDefinitionFiles } from '../../server/definitions/load-definitions-from-dir.ts';
import { CliError } from '../cli-error.ts';
import { usageError } from '../parse-command-args.ts';
import type { CliCommand } from '../cli-command.ts';

const DEFAULT_DIR = 'survey-definitions';

export const command: CliCommand = {
  summary: 'check [files…]  Check survey definitions (default: every file in ./survey-definitions)',
  async run(args) {
    const option = args.find((arg) => arg.startsWith('-'));
    if (option) throw usageError(`unknown option ${JSON.stringify(option)}`, 'check [files…]');

    const { definitions, problems, warnings, files } = await load(args.length > 0 ? args : DEFAULT_DIR);
    if (files === 0) throw new CliError(`no survey definitions (*.json) found in ./${DEFAULT_DIR}`);

    for (const warning of warnings) console.error(formatProblem(warning));
    if (problems.length > 0) {
      for (const problem of problems) console.error(formatProblem(problem));
      const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
      console.error(`check failed: ${count} in ${plural(files, 'file')}`);
      return 1;
    }
    const surveys = new Set(definitions.map(({ id }) => id));
    console.log(`ok: ${plural(files, 'file')}, ${plural(surveys.size, 'survey')}`);
    // What each file could still unlock (issue 25): hints on stdout, since nothing is wrong.
    for (const definition of definitions) {
      for (const hint of describeUnusedRoles(listQuestions(definition.json), definition.metaVariables)) console.log(`${definition.source}: hint: ${hint}`);
    }
    return 0;
  },
};

async function load(paths: string | string[]) {
  try {
    return await loadDefinitionFiles(paths);
  } catch (error) {
    if (error instanceof DefinitionFilesError) throw new CliError(error.message);
    throw error;
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
