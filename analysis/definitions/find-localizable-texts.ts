/**
 * Every user-visible, translatable string in a definition: the properties
 * survey-core itself marks localizable (title, description, choice text,
 * completedHtml, placeholder, …), wherever they occur, plus the title and
 * choice texts of our metaVariables.
 */
import { Serializer } from 'survey-core';

/** Who a text belongs to, for messages: the survey itself, a page, a question or panel, or a meta variable. */
export type TextOwner =
  | { kind: 'survey' }
  | { kind: 'page'; name: string }
  | { kind: 'element'; name: string }
  | { kind: 'metaVariable'; name: string };

export interface LocalizableTextEntry {
  owner: TextOwner;
  /** Path inside the owner, e.g. `title` or `choices["tax_other"].text`. */
  path: string;
  /** A plain string (one text for every language) or `{ ja: "…", en: "…" }`. */
  value: string | Record<string, string>;
}

/** Localizable in survey-core, but a plain string there is an address, not prose to translate. */
const NOT_PROSE = new Set(['url', 'imageLink', 'logo', 'dataList']);
/** Values, not texts: a default answer may well contain an object with a "title" key. */
const SKIPPED_KEYS = new Set(['analysis', 'defaultValue', 'correctAnswer', 'defaultRowValue', 'defaultPanelValue', 'value']);

let localizableNames: Set<string> | undefined;

/** Names of every property survey-core serializes as a localizable string, in any class. */
function localizablePropertyNames(): Set<string> {
  if (localizableNames) return localizableNames;
  const classes = Object.keys((Serializer as unknown as { classes: Record<string, unknown> }).classes);
  localizableNames = new Set(
    classes.flatMap((className) => Serializer.getProperties(className).filter((p) => p.isLocalizable).map((p) => p.name)),
  );
  return localizableNames;
}

export function findLocalizableTexts(definitionJson: unknown): LocalizableTextEntry[] {
  const entries: LocalizableTextEntry[] = [];
  walk(definitionJson, '', { kind: 'survey' }, entries);
  return entries;
}

/** The languages of one text: its keys, or none for a plain string. */
export function textLanguages(value: string | Record<string, string>): string[] {
  return typeof value === 'string' ? [] : Object.keys(value);
}

function walk(node: unknown, path: string, owner: TextOwner, into: LocalizableTextEntry[]): void {
  if (Array.isArray(node)) {
    node.forEach((item, index) => walk(item, `${path}${itemLabel(item, index)}`, owner, into));
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const names = localizablePropertyNames();
  for (const [key, value] of Object.entries(node)) {
    if (SKIPPED_KEYS.has(key)) continue;
    const keyPath = path ? `${path}.${key}` : key;
    if (names.has(key) && isText(value, key)) {
      into.push({ owner, path: keyPath, value });
      continue;
    }
    if (owner.kind === 'survey' && key === 'pages' && Array.isArray(value)) {
      value.forEach((page, index) => walk(page, '', { kind: 'page', name: nameOf(page) ?? `#${index + 1}` }, into));
    } else if (owner.kind === 'survey' && key === 'metaVariables' && Array.isArray(value)) {
      value.forEach((meta, index) => walk(meta, '', { kind: 'metaVariable', name: nameOf(meta) ?? `#${index + 1}` }, into));
    } else if ((key === 'elements' || key === 'templateElements') && Array.isArray(value)) {
      value.forEach((element, index) => {
        const name = nameOf(element);
        walk(element, name ? '' : `${keyPath}[${index}]`, name ? { kind: 'element', name } : owner, into);
      });
    } else {
      walk(value, keyPath, owner, into);
    }
  }
}

function isText(value: unknown, key: string): value is string | Record<string, string> {
  if (typeof value === 'string') return !NOT_PROSE.has(key);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((text) => typeof text === 'string');
}

/** `choices["tax_other"]` reads better in a message than `choices[5]`. */
function itemLabel(item: unknown, index: number): string {
  if (typeof item === 'object' && item !== null) {
    const record = item as Record<string, unknown>;
    const key = record.value ?? record.name;
    if (typeof key === 'string' || typeof key === 'number') return `[${JSON.stringify(key)}]`;
  }
  return `[${index}]`;
}

function nameOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const name = (value as Record<string, unknown>).name;
  return typeof name === 'string' ? name : undefined;
}
