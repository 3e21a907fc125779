import { describe, expect, it } from 'vitest';
import { createDefinitionCatalog } from '../../../analysis/definitions/definition-catalog.ts';
import { loadDefinition } from '../../../analysis/definitions/load-definition.ts';
import { readShipped } from './shipped-definition-files.ts';

const minimal = (extra: Record<string, unknown> = {}) => ({
  id: 'demo',
  version: 1,
  audience: 'citizen',
  pages: [{ name: 'p', elements: [{ type: 'comment', name: 'c' }] }],
  ...extra,
});

describe('loadDefinition', () => {
  it('builds a SurveyDefinition from the shipped citizen survey', () => {
    const json = readShipped('citizen-needs');
    expect(loadDefinition(json, 'survey-definitions/citizen-needs/v1.json')).toEqual({
      id: 'citizen-needs',
      version: 1,
      audience: 'citizen',
      minGroupSize: 5,
      title: { ja: '市民ニーズ調査（行政手続・窓口サービス）', en: 'Citizen Needs Survey: Procedures and Counter Services' },
      languages: ['ja', 'en'],
      metaVariables: [],
      json,
      source: 'survey-definitions/citizen-needs/v1.json',
    });
  });

  it('puts the primary language first and sorts the others', () => {
    const json = minimal({ title: { en: 'Demo', zh: '演示', ja: 'デモ', ko: '데모' } });
    expect(loadDefinition(json, 'demo.json').languages).toEqual(['ja', 'en', 'ko', 'zh']);
    expect(loadDefinition({ ...json, locale: 'en' }, 'demo.json').languages).toEqual(['en', 'ja', 'ko', 'zh']);
  });

  it('defaults minGroupSize to 5, metaVariables to none; a plain title names no language, so survey-core\'s default (en) is offered', () => {
    const definition = loadDefinition(minimal({ title: 'デモ' }), 'demo.json');
    expect([definition.minGroupSize, definition.metaVariables, definition.title, definition.languages]).toEqual([5, [], { en: 'デモ' }, ['en']]);
    expect(loadDefinition(minimal({ title: 'デモ', locale: 'ja' }), 'demo.json').title).toEqual({ ja: 'デモ' });
  });

  it('reads "default" as survey-core does: the English text, and the fallback of every other language', () => {
    const definition = loadDefinition(minimal({ title: { default: 'Civic center users', ja: '市民センター利用者アンケート' } }), 'demo.json');
    expect([definition.languages, definition.title]).toEqual([['ja', 'en'], { ja: '市民センター利用者アンケート', en: 'Civic center users' }]);
  });

  it('fills in what a plain SurveyJS file leaves out: id from its name, version 1, the default audience, a page for top-level elements', () => {
    const definition = loadDefinition({ elements: [{ type: 'html', html: 'hi' }, { type: 'comment' }] }, 'survey-definitions/civic-center-users.json');
    expect([definition.id, definition.version, definition.audience]).toEqual(['civic-center-users', 1, 'citizen']);
    expect(definition.json.pages).toEqual([
      { name: 'page1', elements: [{ type: 'html', html: 'hi', name: 'question1' }, { type: 'comment', name: 'question2' }] },
    ]);
    expect(loadDefinition(minimal({ id: undefined, version: undefined }), 'demo/v3.json')).toMatchObject({ id: 'demo', version: 3 });
  });

  it('reads the kiosk ward of the exit survey as a meta variable', () => {
    const [ward] = loadDefinition(readShipped('ward-office-exit'), 'x.json').metaVariables;
    expect([ward.name, ward.from, ward.analysis, ward.choices.length]).toEqual(['ward', 'ward', { role: 'segment' }, 10]);
  });

  it('refuses what it cannot build, quoting the bad value', () => {
    expect(() => loadDefinition(minimal({ version: '2' }), 'demo.json')).toThrow('demo.json: "version" must be a positive integer, got "2"');
    expect(() => loadDefinition(minimal({ audience: 'everyone' }), 'demo.json')).toThrow('demo.json: "audience" must be one of visitor, citizen, staff, got "everyone"');
    expect(() => loadDefinition(minimal({ id: undefined }), 'demo')).toThrow('demo: "id" must be a non-empty string, got nothing');
    expect(() => loadDefinition('[]', 'demo.json')).toThrow('demo.json: a definition must be a JSON object, got "[]"');
  });
});

describe('createDefinitionCatalog', () => {
  const v1 = loadDefinition(minimal(), 'demo/v1.json');
  const v2 = loadDefinition(minimal({ version: 2 }), 'demo/v2.json');
  const other = loadDefinition(minimal({ id: 'another' }), 'another/v1.json');

  it('serves the latest version as current and keeps the older ones', () => {
    const catalog = createDefinitionCatalog([v2, other, v1]);
    expect(catalog.list().map((d) => [d.id, d.version])).toEqual([['another', 1], ['demo', 2]]);
    expect(catalog.get('demo')).toBe(v2);
    expect(catalog.getVersion('demo', 1)).toBe(v1);
    expect(catalog.versions('demo')).toEqual([1, 2]);
  });

  it('finds nothing for unknown ids and versions, including prototype keys', () => {
    const catalog = createDefinitionCatalog([v1]);
    expect([catalog.get('nope'), catalog.get('__proto__'), catalog.get('constructor'), catalog.getVersion('demo', 3)]).toEqual([undefined, undefined, undefined, undefined]);
    expect(catalog.versions('nope')).toEqual([]);
  });

  it('refuses two definitions of one (id, version), naming both files', () => {
    const copy = loadDefinition(minimal(), 'elsewhere/v1.json');
    expect(() => createDefinitionCatalog([v1, copy])).toThrow('survey "demo" version 1 is defined twice: in demo/v1.json and in elsewhere/v1.json');
  });
});
