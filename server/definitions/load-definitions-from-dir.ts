/**
 * The file side of survey definitions, shared by the server (start-up) and the
 * CLI (`survey-toolkit check`): find the *.json files, read, check and build
 * them, and set each broken file aside with its reason
 * (docs/decisions/0021-one-bad-definition-never-stops-collection.md).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { checkDefinitions, formatProblem, type DefinitionFile } from '../../analysis/definitions/check-definitions.ts';
import { createDefinitionCatalog, type DefinitionCatalog } from '../../analysis/definitions/definition-catalog.ts';
import { loadDefinition } from '../../analysis/definitions/load-definition.ts';
import type { Problem } from '../../analysis/definitions/definition-problem.ts';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import { validatorFor } from '../validation/validate-response.ts';
import type { BrokenDefinitionFile } from '../../contracts/health.ts';

/** A definitions file or folder that cannot be used; the message names the file. */
export class DefinitionFilesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DefinitionFilesError';
  }
}

/** Every *.json file under `dir`, recursively, sorted so that messages and catalogs come out the same every time. */
export async function findDefinitionFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch (error) {
    throw new DefinitionFilesError(`cannot read the definitions folder ${dir}: ${describeFsError(error)}`);
  }
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** A definition file the server could not use, and why (one line per problem, joined by "; "). */
export type BrokenDefinition = BrokenDefinitionFile;

/** What start-up (and `survey-toolkit check`) makes of a set of definition files. */
export interface DefinitionLoad {
  /** Every definition that passed every rule and whose strict validator could be built. */
  definitions: SurveyDefinition[];
  /** Each problem of each file that is left out, in file order. */
  problems: Problem[];
  /** What survey-core accepts but the author may not mean; the file stays in service. */
  warnings: Problem[];
  /** How many files were looked at. */
  files: number;
}

/**
 * Reads, checks and builds every definition in `paths`, keeping the good ones:
 * a file that cannot be read, is not JSON, breaks a rule or cannot get a strict
 * validator is reported in `problems` and left out, so one bad file never takes
 * the other surveys offline. This is the one path both the server's start-up and
 * `survey-toolkit check` take, so the two can never disagree.
 * A folder that cannot be read, or holds no *.json at all, is a configuration
 * error and throws.
 */
export async function loadDefinitionFiles(paths: string | string[], cwd = process.cwd()): Promise<DefinitionLoad> {
  const files = await expandPaths(paths);
  const read = await Promise.all(
    files.map((file) =>
      readDefinitionFile(file, cwd).catch((error: unknown): Problem => {
        if (!(error instanceof DefinitionFilesError)) throw error;
        return { source: displayPath(file, cwd), message: error.message.slice(displayPath(file, cwd).length + 2) };
      }),
    ),
  );
  const parsed = read.filter((entry): entry is DefinitionFile => 'json' in entry);
  const findings = checkDefinitions(parsed);
  const warnings = findings.filter((finding) => finding.severity === 'warning');
  const problems = [...read.filter((entry): entry is Problem => !('json' in entry)), ...findings.filter((finding) => finding.severity !== 'warning')];
  const definitions: SurveyDefinition[] = [];
  for (const { json, source } of parsed) {
    if (problems.some((problem) => problem.source === source)) continue;
    const definition = loadDefinition(json, source);
    try {
      // Built now, not on the first submission: a definition strict validation
      // cannot handle is refused here, where the analyst sees it.
      validatorFor(definition);
    } catch (error) {
      const message = (error as Error).message;
      problems.push({ source, message: message.startsWith(`${source}: `) ? message.slice(source.length + 2) : message });
      continue;
    }
    definitions.push(definition);
  }
  const order = new Map(files.map((file, index) => [displayPath(file, cwd), index]));
  problems.sort((a, b) => order.get(a.source)! - order.get(b.source)!);
  return { definitions, problems, warnings, files: files.length };
}

/** One entry per left-out file, for /healthz, the dashboard and the start-up log. */
export function brokenDefinitions(problems: Problem[]): BrokenDefinition[] {
  const byFile = new Map<string, string[]>();
  for (const problem of problems) {
    const line = formatProblem(problem).slice(problem.source.length + 2);
    byFile.set(problem.source, [...(byFile.get(problem.source) ?? []), line]);
  }
  return [...byFile].map(([file, reasons]) => ({ file, reason: reasons.join('; ') }));
}

/**
 * The server's start-up: every good definition under `dir` in the catalog, and
 * each broken file with its reason. Throws only for the folder itself
 * (unreadable, or no *.json in it), which is bad configuration.
 * Files are named relative to `dir` ("staff-workstyle/v2.json"): /healthz shows
 * them to anyone, and the server's own paths are nobody's business.
 */
export async function loadDefinitionsFromDir(dir: string): Promise<{ catalog: DefinitionCatalog; broken: BrokenDefinition[] }> {
  const { definitions, problems, files } = await loadDefinitionFiles(await findDefinitionFiles(dir), dir);
  if (files === 0) throw new DefinitionFilesError(`no survey definitions (*.json) found in ${dir}`);
  return { catalog: createDefinitionCatalog(definitions), broken: brokenDefinitions(problems) };
}

/** Files as given, folders as every *.json under them. */
async function expandPaths(paths: string | string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of Array.isArray(paths) ? paths : [paths]) {
    const isFolder = await stat(path).then((s) => s.isDirectory(), () => false);
    files.push(...(isFolder ? await findDefinitionFiles(path) : [path]));
  }
  return files;
}

async function readDefinitionFile(file: string, cwd: string): Promise<DefinitionFile> {
  const source = displayPath(file, cwd);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new DefinitionFilesError(`${source}: cannot read it: ${describeFsError(error)}`);
  }
  try {
    // A BOM is invisible in editors but JSON.parse rejects it.
    return { source, json: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch (error) {
    throw new DefinitionFilesError(`${source}: not valid JSON (${(error as Error).message})`);
  }
}

/**
 * Every definition under `dir`, all or nothing: for the CLI commands that read
 * one survey's answers (report, seed, export), where a broken file is the
 * analyst's to fix first. Any problem throws one error with one line per problem.
 */
export async function loadDefinitionCatalogFromDir(dir: string): Promise<DefinitionCatalog> {
  const { definitions, problems, files } = await loadDefinitionFiles(await findDefinitionFiles(dir));
  if (files === 0) throw new DefinitionFilesError(`no survey definitions (*.json) found in ${dir}`);
  if (problems.length > 0) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    throw new DefinitionFilesError(`survey definitions in ${dir} have ${count}:\n${problems.map(formatProblem).join('\n')}`);
  }
  return createDefinitionCatalog(definitions);
}
function displayPath(file: string, cwd: string): string {
  const inside = relative(cwd, file);
  return inside && !inside.startsWith('..') && !inside.startsWith('/') ? inside : file;
}

function describeFsError(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'ENOTDIR') return 'not a folder';
  return message;
}
