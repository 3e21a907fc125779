/**
 * The survey-level fields of the annotation contract (id, version, audience,
 * minGroupSize, invitations, anonymous, resume, locale, pages) and the file layout: survey-definitions/<id>.json
 * or survey-definitions/<id>/v<version>.json. Runs on the resolved JSON
 * (resolve-definition-json.ts), where a field the file leaves out is already
 * filled in from its place.
 */
import type { Finding } from './definition-problem.ts';
import { quote } from './quote.ts';
import { layoutOf } from './resolve-definition-json.ts';
import { AUDIENCES } from '../../core/definitions/survey-definition.ts';

/** The id names a folder and appears in URLs, so it stays plain. */
const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function checkSurveyFields(json: Record<string, unknown>, source: string): Finding[] {
  const findings: Finding[] = [];
  const { id, version, audience, minGroupSize, invitations, locale, pages } = json;

  const layout = layoutOf(source);
  if (id === undefined) findings.push({ message: '"id" is missing: save the file as <id>.json or <id>/v<version>.json, or add "id"' });
  else if (layout?.flat && id === layout.id && !ID_PATTERN.test(layout.id)) {
    findings.push({ message: `the file name ${quote(layout.id)} is the survey's id, so it must be lowercase letters, digits and single hyphens (it appears in URLs), e.g. civic-center-users.json` });
  } else if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
    findings.push({ message: `"id" must be lowercase letters, digits and single hyphens (it names a folder and a URL), got ${quote(id)}` });
  }

  if (!Number.isInteger(version) || (version as number) < 1) {
    findings.push({ message: `"version" must be a positive integer, got ${quote(version)}` });
  }

  if (!(AUDIENCES as readonly unknown[]).includes(audience)) {
    findings.push({ message: `"audience" must be one of ${AUDIENCES.join(', ')}, got ${quote(audience)}` });
  }

  if (minGroupSize !== undefined && (!Number.isInteger(minGroupSize) || (minGroupSize as number) < 1)) {
    findings.push({ message: `"minGroupSize" must be a positive integer, got ${quote(minGroupSize)}` });
  }

  const { variables } = json;
  if (variables !== undefined && (!Array.isArray(variables) || variables.some((name) => typeof name !== 'string' || name === ''))) {
    findings.push({ message: `"variables" lists the names of values the host page sets, e.g. ["source"]; got ${quote(variables)}` });
  }

  if (invitations !== undefined && invitations !== 'required') {
    findings.push({ message: `"invitations" must be "required" (one invitation code per response) or left out, got ${quote(invitations)}` });
  }

  const { anonymous, resume } = json;
  if (anonymous !== undefined && anonymous !== true) {
    findings.push({ message: `"anonymous" must be true (answered anonymously on shared devices: no answers stay on the device) or left out, got ${quote(anonymous)}` });
  }
  if (resume !== undefined && resume !== 'invitation') {
    findings.push({ message: `"resume" must be "invitation" (resume only with the same invitation code) or left out, got ${quote(resume)}` });
  } else if (resume === 'invitation' && invitations !== 'required') {
    findings.push({ message: '"resume": "invitation" needs "invitations": "required": answers resume only for the person with the same invitation code' });
  }

  const { method } = json;
  const isText = (value: unknown) => typeof value === 'string' && value.trim() !== '';
  if (method !== undefined && !isText(method) && !(typeof method === 'object' && method !== null && !Array.isArray(method) && Object.values(method).length > 0 && Object.values(method).every(isText))) {
    findings.push({ message: `"method" says how the survey was fielded, for the report's 調査概要: a text, or one per language such as {"ja": "…", "en": "…"}; got ${quote(method)}` });
  }

  if (locale !== undefined && (typeof locale !== 'string' || locale === '')) {
    findings.push({ message: `"locale" must be a language code such as "ja", got ${quote(locale)}` });
  }

  if (!Array.isArray(pages) || pages.length === 0) {
    findings.push({ message: `"pages" must be a non-empty array of SurveyJS pages, got ${quote(pages)}` });
  }

  if (layout && !layout.flat) {
    if (typeof id === 'string' && layout.id !== id) {
      findings.push({ message: `the file is in folder ${quote(layout.id)} but "id" is ${quote(id)}: keep it at survey-definitions/${id}/v<version>.json` });
    }
    if (Number.isInteger(version) && layout.version !== version) {
      findings.push({ message: `the file is named v${layout.version}.json but "version" is ${quote(version)}` });
    }
  } else if (layout && typeof id === 'string' && layout.id !== id) {
    findings.push({ message: `the file is named ${layout.id}.json but "id" is ${quote(id)}: name it ${id}.json, or leave "id" out` });
  }
  return findings;
}
