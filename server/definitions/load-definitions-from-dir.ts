/**
 * The file side of survey definitions, shared by the server (start-up) and the
 * CLI (`survey-toolkit check`): find the *.json files, read and parse them, and
 * refuse to go on with a broken definition.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { checkDefinitions, formatProblem, type DefinitionFile } from '../../analysis/definitions/check-definitions.ts';
import { createDefinitionCatalog, type DefinitionCatalog } from '../../analysis/definitions/definition-catalog.ts';
import { loadDefinition } from '../../analysis/definitions/load-definition.ts';

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

/**
 * Reads and parses each file (or, for a folder, every *.json file under it).
 * An unreadable file or invalid JSON throws, naming the file; `source` in the
 * result is the path relative to `cwd` when it lies inside it, for short messages.
 */
export async function readDefinitionFiles(paths: string | string[], cwd = process.cwd()): Promise<DefinitionFile[]> {
  const files: string[] = [];
  for (const path of Array.isArray(paths) ? paths : [paths]) {
    const isFolder = await stat(path).then((s) => s.isDirectory(), () => false);
    files.push(...(isFolder ? await findDefinitionFiles(path) : [path]));
  }
  return Promise.all(files.map((file) => readDefinitionFile(file, cwd)));
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
 * Reads every definition under `dir`, checks them all (checkDefinitions) and
 * builds the catalog. Any problem throws one error with one line per problem,
 * so a server never starts with a definition that could accept bad answers.
 */
export async function loadDefinitionCatalogFromDir(dir: string): Promise<DefinitionCatalog> {
  const files = await readDefinitionFiles(await findDefinitionFiles(dir));
  if (files.length === 0) throw new DefinitionFilesError(`no survey definitions (*.json) found in ${dir}`);
  const problems = checkDefinitions(files);
  if (problems.length > 0) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    throw new DefinitionFilesError(`survey definitions in ${dir} have ${count}:\n${problems.map(formatProblem).join('\n')}`);
  }
  return createDefinitionCatalog(files.map(({ json, source }) => loadDefinition(json, source)));
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
