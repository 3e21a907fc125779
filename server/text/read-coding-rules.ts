/**
 * A survey's coding rules for free text (issue 27): `coding.txt` in the survey's folder (`<dir>/<id>/coding.txt`,
 * beside `<dir>/<id>/v<N>.json`) or `<id>.coding.txt` beside a flat `<dir>/<id>.json`. The syntax is
 * analysis/text/parse-coding-rules.ts's; a syntax error is one line naming the file and the line:
 * `survey-definitions/ward-office-exit/coding.txt:7: <what is wrong>: "<the line>"`.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CodingRuleError, parseCodingRules, type CodingRule } from '../../analysis/text/parse-coding-rules.ts';
import { layoutOf } from '../../analysis/definitions/resolve-definition-json.ts';

export class CodingFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CodingFileError';
  }
}

/** Where a survey's coding rules may be, in the definitions folder `dir`, in the order they are looked for. */
export function codingFileCandidates(dir: string, surveyId: string): string[] {
  return [join(dir, surveyId, 'coding.txt'), join(dir, `${surveyId}.coding.txt`)];
}

/** The coding file that belongs beside one definition file (versioned or flat layout); undefined for other paths. */
export function codingFileBeside(definitionFile: string): string | undefined {
  const layout = layoutOf(definitionFile);
  if (!layout) return undefined;
  return layout.flat ? join(dirname(definitionFile), `${basename(definitionFile, '.json')}.coding.txt`) : join(dirname(definitionFile), 'coding.txt');
}

/** The survey's rules and the file they came from; null when it has no coding file. Throws CodingFileError. */
export async function readCodingRules(dir: string, surveyId: string): Promise<{ file: string; rules: CodingRule[] } | null> {
  const found: Array<{ file: string; source: string }> = [];
  for (const file of codingFileCandidates(dir, surveyId)) {
    const source = await readIfPresent(file);
    if (source !== undefined) found.push({ file, source });
  }
  if (found.length === 0) return null;
  if (found.length > 1) throw new CodingFileError(`${found[0].file}: survey ${surveyId} has two coding files (also ${found[1].file}); keep one`);
  return { file: found[0].file, rules: parseCodingFile(found[0].file, found[0].source) };
}

/** Parses a coding file's text; a syntax error becomes `FILE:LINE: …`. */
export function parseCodingFile(file: string, source: string): CodingRule[] {
  try {
    return parseCodingRules(source);
  } catch (error) {
    if (error instanceof CodingRuleError) throw new CodingFileError(`${file}:${error.line}: ${error.message.replace(/^coding rules, line \d+: /, '')}`);
    throw error;
  }
}

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new CodingFileError(`${file}: cannot read the coding rules (${(error as Error).message})`);
  }
}
