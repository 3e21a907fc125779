/**
 * A definition file as SurveyJS (and its Creator) writes it → the JSON the
 * toolkit serves and checks. Plain SurveyJS JSON is a valid definition
 * (docs/decisions/0022-plain-surveyjs-json-is-a-definition.md), so what our
 * own fields would say is filled in here, once, from the file's place:
 *
 * - `id`: the folder of `<id>/v<N>.json`, or the name of a flat `<id>.json`;
 * - `version`: the N of `v<N>.json`, else 1;
 * - `audience`: DEFAULT_AUDIENCE;
 * - top-level `elements`, or `questions` (SurveyJS's older form), become one page, as survey-core itself does;
 * - an element without a `name` gets the one survey-core gives it ("question1",
 *   "panel1", …), read from survey-core's own Model, so that answers, exports
 *   and messages use the key survey-core stores the answer under.
 *
 * Values the file sets are kept (checkSurveyFields reports one that disagrees
 * with the file's place). The input is never changed.
 */
import { Model } from 'survey-core';
import type { Audience } from '../../core/definitions/survey-definition.ts';

/** Who answers a survey that does not say: the general public, the least special of the three. */
export const DEFAULT_AUDIENCE: Audience = 'citizen';

/** `…/<id>/v<version>.json`, either separator. */
const VERSIONED_LAYOUT = /(?:^|[\\/])([^\\/]+)[\\/]v(\d+)\.json$/;
/** `…/<id>.json`. */
const FLAT_LAYOUT = /(?:^|[\\/])([^\\/]+)\.json$/;

/** What a file's place says about the survey in it; undefined when the source is not a *.json path. */
export function layoutOf(source: string): { id: string; version: number | undefined; flat: boolean } | undefined {
  const versioned = VERSIONED_LAYOUT.exec(source);
  if (versioned) return { id: versioned[1], version: Number(versioned[2]), flat: false };
  const flat = FLAT_LAYOUT.exec(source);
  return flat ? { id: flat[1], version: undefined, flat: true } : undefined;
}

type Json = Record<string, unknown>;

export function resolveDefinitionJson(json: Json, source: string): Json {
  const layout = layoutOf(source);
  const resolved: Json = { ...json };
  if (resolved.id === undefined && layout) resolved.id = layout.id;
  if (resolved.version === undefined) resolved.version = layout?.version ?? 1;
  if (resolved.audience === undefined) resolved.audience = DEFAULT_AUDIENCE;
  if (resolved.pages === undefined && Array.isArray(resolved.elements)) {
    // survey-core puts top-level elements on a page it names "page1"; written out, every tool sees the same.
    const { elements, ...rest } = resolved;
    return nameUnnamedElements({ ...rest, pages: [{ name: 'page1', elements }] });
  }
  if (resolved.pages === undefined && Array.isArray(resolved.questions)) {
    // The older SurveyJS form: survey-core reads top-level `questions` as the elements of "page1".
    const { questions, ...rest } = resolved;
    return nameUnnamedElements({ ...rest, pages: [{ name: 'page1', elements: questions }] });
  }
  return nameUnnamedElements(resolved);
}

/** Where survey-core keeps the elements of each JSON list: a panel's `elements`, a dynamic panel's template. */
const CHILD_LISTS: ReadonlyArray<[jsonKey: string, modelList: (element: any) => unknown]> = [
  ['elements', (element) => element.elements],
  ['templateElements', (element) => element.template?.elements],
];

function nameUnnamedElements(json: Json): Json {
  if (!hasUnnamedElement(json.pages, true)) return json;
  let model: Model;
  try {
    model = new Model(json);
  } catch {
    return json; // checkWithSurveyCore reports why survey-core cannot load it
  }
  const pages = (json.pages as unknown[]).map((page, index) => copyNames(page, model.pages[index]));
  model.dispose();
  return { ...json, pages };
}

/** The JSON element with the names survey-core gave it and its unnamed descendants (matched by position). */
function copyNames(node: unknown, modelElement: any): unknown {
  if (typeof node !== 'object' || node === null || Array.isArray(node) || !modelElement) return node;
  const copy: Json = { ...(node as Json) };
  if ((copy.name === undefined || copy.name === '') && typeof modelElement.name === 'string' && modelElement.name !== '') copy.name = modelElement.name;
  for (const [jsonKey, modelList] of CHILD_LISTS) {
    const children = copy[jsonKey];
    const list = modelList(modelElement);
    if (Array.isArray(children) && Array.isArray(list)) copy[jsonKey] = children.map((child, index) => copyNames(child, list[index]));
  }
  return copy;
}

function hasUnnamedElement(value: unknown, pages = false): boolean {
  if (!Array.isArray(value)) return false;
  return value.some((node) => {
    if (typeof node !== 'object' || node === null) return false;
    const record = node as Json;
    const unnamed = (pages || 'type' in record) && (record.name === undefined || record.name === '');
    return unnamed || hasUnnamedElement(record.elements) || hasUnnamedElement(record.templateElements);
  });
}
