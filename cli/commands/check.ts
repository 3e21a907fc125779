/**
 * `survey-toolkit check [files…]`: checks survey definitions exactly as the
 * server does at start-up (loadDefinitionFiles: every rule of
 * analysis/definitions/check-definitions.ts, then the strict validator), so a
 * file check passes is a file the server serves. No arguments: every *.json
 * under ./survey-definitions. Prints "ok: N files, M surveys" and a hint per role a
 * file could still use, or one line per problem on stderr and exits 1.
 *
 * Coding rules for free text (issue 27) are checked too: the coding file beside each definition
 * (`<id>/coding.txt`, `<id>.coding.txt`, server/text/read-coding-rules.ts) and any *.txt named; a syntax
 * error is `FILE:LINE: what is wrong: "the line"`.
 */
import { describeUnusedRoles } from '../../analysis/definitions/check-annotations.ts';
import { formatProblem } from '../../analysis/definitions/check-definitions.ts';
import { listQuestions } from '../../core/definitions/list-questions.ts';
import { DefinitionFilesError, loadDefinitionFiles } from '../../server/definitions/load-definitions-from-dir.ts';
import { CliError } from '../cli-error.ts';
import { usageError } from '../parse-command-args.ts';
import type { CliCommand } from '../cli-command.ts';
import { readFile } from 'node:fs/promises';
import { CodingFileError, codingFileBeside, parseCodingFile } from '../../server/text/read-coding-rules.ts';

const DEFAULT_DIR = 'survey-definitions';

export const command: CliCommand = {
  summary: 'check [files…]  Check survey definitions and their coding rules (default: every file in ./survey-definitions)',
  async run(args) {
    const option = args.find((arg) => arg.startsWith('-'));
    if (option) throw usageError(`unknown option ${JSON.stringify(option)}`, 'check [files…]');

    const namedCoding = args.filter((arg) => arg.endsWith('.txt'));
    const definitionArgs = args.filter((arg) => !arg.endsWith('.txt'));
    const loaded = definitionArgs.length > 0 || namedCoding.length === 0 ? await load(definitionArgs.length > 0 ? definitionArgs : DEFAULT_DIR) : null;
    const { definitions, problems, warnings, files } = loaded ?? { definitions: [], problems: [], warnings: [], files: 0 };
    if (loaded && files === 0) throw new CliError(`no survey definitions (*.json) found in ./${DEFAULT_DIR}`);
    const besides = definitions.flatMap(({ source }) => codingFileBeside(source) ?? []);
    const coding = await checkCodingFiles([...new Set([...namedCoding, ...besides])], new Set(namedCoding));

    for (const warning of warnings) console.error(formatProblem(warning));
    if (problems.length > 0 || coding.problems.length > 0) {
      for (const problem of problems) console.error(formatProblem(problem));
      for (const problem of coding.problems) console.error(problem);
      const total = problems.length + coding.problems.length;
      const count = total === 1 ? '1 problem' : `${total} problems`;
      console.error(`check failed: ${count} in ${plural(files + coding.files, 'file')}`);
      return 1;
    }
    const surveys = new Set(definitions.map(({ id }) => id));
    const codingNote = coding.files > 0 ? `, ${plural(coding.files, 'coding file')}` : '';
    console.log(loaded ? `ok: ${plural(files, 'file')}, ${plural(surveys.size, 'survey')}${codingNote}` : `ok: ${plural(coding.files, 'coding file')}`);
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

/**
 * Each coding file that exists (a named one must), parsed: one line per problem. Beside a definition, a file that is
 * absent is simply not there (coding rules are optional).
 */
async function checkCodingFiles(paths: string[], named: ReadonlySet<string>): Promise<{ files: number; problems: string[] }> {
  let files = 0;
  const problems: string[] = [];
  for (const path of paths) {
    let source: string;
    try {
      source = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !named.has(path)) continue;
      files += 1;
      problems.push(`${path}: cannot read the coding rules (${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message})`);
      continue;
    }
    files += 1;
    try {
      parseCodingFile(path, source);
    } catch (error) {
      if (!(error instanceof CodingFileError)) throw error;
      problems.push(error.message);
    }
  }
  return { files, problems };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
