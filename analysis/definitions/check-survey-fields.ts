/**
 * The survey-level fields of the annotation contract (id, version, audience,
 * minGroupSize, locale, pages) and the file layout
 * survey-definitions/<id>/v<version>.json.
 */
import type { Finding } from './definition-problem.ts';
import { quote } from './quote.ts';
import { AUDIENCES } from '../../core/definitions/survey-definition.ts';

/** The id names a folder and appears in URLs, so it stays plain. */
const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** `…/<id>/v<version>.json`, either separator. */
const LAYOUT_PATTERN = /(?:^|[\\/])([^\\/]+)[\\/]v(\d+)\.json$/;

export function checkSurveyFields(json: Record<string, unknown>, source: string): Finding[] {
  const findings: Finding[] = [];
  const { id, version, audience, minGroupSize, locale, pages } = json;

  if (id === undefined) findings.push({ message: '"id" is missing' });
  else if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
    findings.push({ message: `"id" must be lowercase letters, digits and single hyphens (it names a folder and a URL), got ${quote(id)}` });
  }

  if (version === undefined) {
    findings.push({ message: '"version" is missing: add "version": 1, and bump it whenever the answers\' meaning changes' });
  } else if (!Number.isInteger(version) || (version as number) < 1) {
    findings.push({ message: `"version" must be a positive integer, got ${quote(version)}` });
  }

  if (audience === undefined) findings.push({ message: `"audience" is missing: use one of ${AUDIENCES.join(', ')}` });
  else if (!(AUDIENCES as readonly unknown[]).includes(audience)) {
    findings.push({ message: `"audience" must be one of ${AUDIENCES.join(', ')}, got ${quote(audience)}` });
  }

  if (minGroupSize !== undefined && (!Number.isInteger(minGroupSize) || (minGroupSize as number) < 1)) {
    findings.push({ message: `"minGroupSize" must be a positive integer, got ${quote(minGroupSize)}` });
  }

  if (locale !== undefined && (typeof locale !== 'string' || locale === '')) {
    findings.push({ message: `"locale" must be a language code such as "ja", got ${quote(locale)}` });
  }

  if (!Array.isArray(pages) || pages.length === 0) {
    findings.push({ message: `"pages" must be a non-empty array of SurveyJS pages, got ${quote(pages)}` });
  }

  const layout = LAYOUT_PATTERN.exec(source);
  if (layout) {
    const [, folder, fileVersion] = layout;
    if (typeof id === 'string' && folder !== id) {
      findings.push({ message: `the file is in folder ${quote(folder)} but "id" is ${quote(id)}: keep it at survey-definitions/${id}/v<version>.json` });
    }
    if (Number.isInteger(version) && Number(fileVersion) !== version) {
      findings.push({ message: `the file is named v${fileVersion}.json but "version" is ${quote(version)}` });
    }
  }
  return findings;
}
