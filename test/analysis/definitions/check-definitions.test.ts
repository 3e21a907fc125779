/**
 * checkDefinitions: the shipped definitions pass, and each rule catches a small
 * break of a shipped file with a message that names the file and the question.
 */
import { describe, expect, it } from 'vitest';
import { checkDefinitions, formatProblem } from '../../../analysis/definitions/check-definitions.ts';
import { readShipped, SHIPPED_SURVEY_IDS, shippedSource, type ShippedSurveyId } from './shipped-definition-files.ts';

type Json = any;

/** The element named `name`, wherever it sits in the pages. */
function element(json: Json, name: string): Json {
  const search = (elements: Json[]): Json =>
    elements?.reduce((found: Json, el: Json) => found ?? (el.name === name ? el : search(el.elements ?? el.templateElements)), undefined);
  const found = search(json.pages.flatMap((page: Json) => page.elements));
  if (!found) throw new Error(`test setup: no element "${name}"`);
  return found;
}

/** Problems, as printed lines, after `breakIt` changes a fresh copy of a shipped definition. */
function problemsAfter(id: ShippedSurveyId, breakIt: (json: Json) => void): string[] {
  const json = readShipped(id);
  breakIt(json);
  return checkDefinitions([{ source: shippedSource(id), json }]).map(formatProblem);
}

const EXIT = 'survey-definitions/ward-office-exit/v1.json';
const NEEDS = 'survey-definitions/citizen-needs/v1.json';
const STAFF = 'survey-definitions/staff-workstyle/v1.json';

describe('the shipped definitions', () => {
  it('pass every rule, checked together', () => {
    const files = SHIPPED_SURVEY_IDS.map((id) => ({ source: shippedSource(id), json: readShipped(id) }));
    expect(checkDefinitions(files)).toEqual([]);
  });
});

describe('names', () => {
  // survey-core shows both and stores one value, which must satisfy both (issue 21): a warning.
  it('warns about two questions with one name and one shape of answer', () => {
    expect(problemsAfter('ward-office-exit', (json) => (element(json, 'countersVisited').name = 'purpose'))).toEqual([
      `${EXIT}: warning: question "purpose": the name is used twice, at pages[0].elements[0] and at pages[0].elements[1]: both questions show and store one answer, which must satisfy both (as in survey-core)`,
    ]);
  });

  it('rejects one name for two shapes of answer: no one value fits both', () => {
    expect(problemsAfter('ward-office-exit', (json) => (element(json, 'improvements').name = 'purpose'))).toEqual([
      `${EXIT}: question "purpose": the name is used twice, at pages[0].elements[0] and at pages[2].elements[1]: a radiogroup (single answer) and a checkbox (multiple answer) would share one value that cannot fit both, rename one`,
    ]);
  });

  it('rejects one name twice inside a dynamic panel', () => {
    const panel = {
      type: 'paneldynamic',
      name: 'visits',
      templateElements: [
        { type: 'text', name: 'counter' },
        { type: 'text', name: 'counter' },
      ],
    };
    expect(problemsAfter('ward-office-exit', (json) => json.pages[0].elements.push(panel))).toEqual([
      `${EXIT}: question "counter": the name is used twice, at pages[0].elements[3].templateElements[0] and at pages[0].elements[3].templateElements[1], inside dynamic panel "visits"; two questions of one panel sharing an answer are not supported yet, rename one`,
    ]);
  });

  it('rejects a question named like a meta variable', () => {
    expect(problemsAfter('ward-office-exit', (json) => (element(json, 'purpose').name = 'ward'))).toEqual([
      `${EXIT}: meta variable "ward": has the same name as a question; analysis could not tell them apart`,
    ]);
  });

  // survey-core shows both and stores one value for either (issue 21): a warning, not a refusal.
  it('warns about two choices with one value', () => {
    expect(problemsAfter('citizen-needs', (json) => (element(json, 'ward').choices[1].value = 'chuo'))).toEqual([
      `${NEEDS}: warning: question "ward": choices has the value "chuo" twice: either choice stores the same answer, labelled with the first one's text`,
    ]);
  });

  it('rejects two files for one survey version', () => {
    const json = readShipped('staff-workstyle');
    const problems = checkDefinitions([
      { source: STAFF, json },
      { source: 'copies/staff-workstyle/v1.json', json: structuredClone(json) },
    ]);
    expect(problems.map(formatProblem)).toEqual([
      `copies/staff-workstyle/v1.json: survey "staff-workstyle" version 1 is already defined in ${STAFF}`,
    ]);
  });
});

describe('annotations', () => {
  it('rejects an unknown role', () => {
    expect(problemsAfter('ward-office-exit', (json) => (element(json, 'purpose').analysis = { role: 'segmnt' }))).toEqual([
      `${EXIT}: question "purpose": analysis role "segmnt" is unknown; use one of need, importance, satisfaction, segment, cohort, attitude, comment`,
    ]);
  });

  it('rejects a role on a question type it does not fit', () => {
    expect(problemsAfter('ward-office-exit', (json) => (element(json, 'improvements').analysis = { role: 'segment' }))).toEqual([
      `${EXIT}: question "improvements": analysis role "segment" does not fit a checkbox question (it fits radiogroup, dropdown)`,
    ]);
  });

  it('rejects an importance item with no satisfaction row of the same value', () => {
    expect(problemsAfter('citizen-needs', (json) => (element(json, 'satisfaction').rows[7].value = 'privacy_at_counter'))).toEqual([
      `${NEEDS}: question "importance": set "service": item "privacy" has importance but no satisfaction ("satisfaction" has no such row or item)`,
      `${NEEDS}: question "satisfaction": set "service": item "privacy_at_counter" has satisfaction but no importance ("importance" has no such row or item)`,
    ]);
  });

  it('rejects importance and satisfaction that name different sets', () => {
    expect(problemsAfter('citizen-needs', (json) => (element(json, 'satisfaction').analysis.set = 'services'))).toEqual([
      `${NEEDS}: question "importance": set "service" has importance but no satisfaction question: annotate one {"role":"satisfaction","set":"service"}`,
      `${NEEDS}: question "satisfaction": set "services" has satisfaction but no importance question: annotate one {"role":"importance","set":"services"}`,
    ]);
  });

  it('rejects importance without a set', () => {
    expect(problemsAfter('citizen-needs', (json) => delete element(json, 'importance').analysis.set)).toEqual([
      `${NEEDS}: question "importance": analysis role "importance" needs a "set" naming its pair, e.g. {"role":"importance","set":"service"}; got nothing`,
      `${NEEDS}: question "satisfaction": set "service" has satisfaction but no importance question: annotate one {"role":"importance","set":"service"}`,
    ]);
  });

  it('pairs plain ratings by "item", and rejects a rating without one', () => {
    const asRatings = (json: Json, item?: string) => {
      const page = json.pages.find((p: Json) => p.elements.some((e: Json) => e.name === 'importance'));
      page.elements = [
        { type: 'rating', name: 'waitImportance', title: { ja: '待ち時間の重要度', en: 'Importance of waiting time' }, analysis: { role: 'importance', set: 'wait', item: 'waiting' } },
        { type: 'rating', name: 'waitSatisfaction', title: { ja: '待ち時間の満足度', en: 'Satisfaction with waiting time' }, analysis: { role: 'satisfaction', set: 'wait', ...(item ? { item } : {}) } },
      ];
    };
    expect(problemsAfter('citizen-needs', (json) => asRatings(json, 'waiting'))).toEqual([]);
    expect(problemsAfter('citizen-needs', (json) => asRatings(json))).toEqual([
      `${NEEDS}: question "waitSatisfaction": analysis role "satisfaction" on a rating needs "item", the key it is paired by, e.g. {"role":"satisfaction","set":"service","item":"waiting"}; got nothing`,
      `${NEEDS}: question "waitImportance": set "wait" has importance but no satisfaction question: annotate one {"role":"satisfaction","set":"wait"}`,
    ]);
  });

  it('rejects "item" on a matrix, whose items are its rows', () => {
    expect(problemsAfter('citizen-needs', (json) => (element(json, 'importance').analysis.item = 'short_waiting'))).toEqual([
      `${NEEDS}: question "importance": "item" is only for a plain rating; a matrix's items are its row values (remove "item": "short_waiting")`,
    ]);
  });

  it('rejects a need question without choices', () => {
    expect(problemsAfter('staff-workstyle', (json) => (element(json, 'priorities').choices = []))).toEqual([
      `${STAFF}: question "priorities": analysis role "need" needs the question to list its choices`,
    ]);
  });

  it('rejects a second cohort', () => {
    expect(problemsAfter('staff-workstyle', (json) => (element(json, 'position').analysis = { role: 'cohort' }))).toEqual([
      `${STAFF}: a survey has at most one cohort, but "yearsOfService" and "position" are annotated {"role":"cohort"}`,
    ]);
  });

  it('rejects an annotation on a page, which has no answer', () => {
    expect(problemsAfter('staff-workstyle', (json) => (json.pages[0].analysis = { role: 'segment' }))).toEqual([
      `${STAFF}: page "about-you" has an "analysis" annotation, but only questions have answers to analyse`,
    ]);
  });
});

describe('meta variables', () => {
  it('rejects a ward meta choice that is not a ward code', () => {
    expect(problemsAfter('ward-office-exit', (json) => (json.metaVariables[0].choices[9].value = 'sapporo'))).toEqual([
      `${EXIT}: meta variable "ward": choice "sapporo" is not a ward code (chuo, kita, higashi, shiroishi, atsubetsu, toyohira, kiyota, minami, nishi, teine)`,
    ]);
  });

  it('rejects a meta key that submissions do not carry', () => {
    expect(problemsAfter('ward-office-exit', (json) => (json.metaVariables[0].from = 'district'))).toEqual([
      `${EXIT}: meta variable "ward": "from" must be one of the response meta keys ward, locale, kioskId, test, got "district"`,
    ]);
  });

  it('rejects a role a single meta value cannot have', () => {
    expect(problemsAfter('ward-office-exit', (json) => (json.metaVariables[0].analysis = { role: 'need' }))).toEqual([
      `${EXIT}: meta variable "ward": analysis role "need" does not fit a meta variable (it fits segment, cohort)`,
    ]);
  });
});

describe('translations', () => {
  it('rejects a text missing one of the languages used elsewhere', () => {
    expect(problemsAfter('ward-office-exit', (json) => delete element(json, 'purpose').title.en)).toEqual([
      `${EXIT}: question "purpose": translation "en" missing in title`,
    ]);
  });

  it('warns, per language, about a plain string: survey-core shows it in every language', () => {
    expect(problemsAfter('ward-office-exit', (json) => (element(json, 'purpose').choices[5].text = '税・その他'))).toEqual([
      `${EXIT}: warning: 1 text has no "ja" translation and will show the default text in "ja": question "purpose" choices["tax_other"].text`,
    ]);
  });

  it('refuses a text survey-core would show as nothing in an offered language', () => {
    // {"ja"} alone: in "en" survey-core reads "default", then "en", and finds neither.
    expect(problemsAfter('ward-office-exit', (json) => delete element(json, 'purpose').choices[5].text.en)).toEqual([
      `${EXIT}: question "purpose": translation "en" missing in choices["tax_other"].text`,
    ]);
  });

  it('rejects an empty translation', () => {
    expect(problemsAfter('staff-workstyle', (json) => (element(json, 'practices').rows[0].text.en = ' '))).toEqual([
      `${STAFF}: question "practices": translation "en" is empty in rows["telework"].text`,
    ]);
  });

  it('finds texts in meta variables and pages too', () => {
    expect(problemsAfter('ward-office-exit', (json) => delete json.metaVariables[0].choices[0].text.en)).toEqual([
      `${EXIT}: meta variable "ward": translation "en" missing in choices["chuo"].text`,
    ]);
    expect(problemsAfter('ward-office-exit', (json) => (json.pages[0].title = { ja: 'ご来庁について' }))).toEqual([
      `${EXIT}: page "visit": translation "en" missing in title`,
    ]);
  });

  it('lists at most ten texts lacking a language added to one text by mistake', () => {
    const problems = problemsAfter('ward-office-exit', (json) => (json.title.zh = '区役所来庁者问卷'));
    expect(problems.slice(0, 2)).toEqual([
      `${EXIT}: translation "zh" missing in description`,
      `${EXIT}: translation "zh" missing in completedHtml`,
    ]);
    expect(problems).toHaveLength(11);
    expect(problems[10]).toMatch(/^survey-definitions\/ward-office-exit\/v1\.json: …and \d+ more texts lack "zh", which is used only in title$/);
  });

  it('accepts "default" as survey-core\'s default locale (English) and the fallback of every language', () => {
    expect(problemsAfter('ward-office-exit', (json) => (json.title = { default: 'Ward Office Visitor Survey', ja: '区役所来庁者アンケート' }))).toEqual([]);
    // Only "default": Japanese falls back to it (a warning), English has it (nothing to say).
    expect(problemsAfter('ward-office-exit', (json) => (json.title = { default: 'Ward Office Visitor Survey' }))).toEqual([
      `${EXIT}: warning: 1 text has no "ja" translation and will show the default text in "ja": title`,
    ]);
  });

  // survey-core shows the default texts in that locale, which are often already in it (issue 21): served, with a warning.
  it('warns, and does not refuse, when "locale" names a language no text has', () => {
    const definition = { title: { default: '市民意識調査', en: 'Citizen survey' }, locale: 'ja', questions: [{ type: 'comment', name: 'wish', title: { default: 'ご意見', en: 'Your wish' } }] };
    expect(checkDefinitions([{ source: 'shimin.json', json: definition }]).map(formatProblem).filter((line) => !line.includes('"analysis" annotation'))).toEqual([
      'shimin.json: warning: "locale" is "ja" but no text has a "ja" translation (texts use "en"): survey-core shows the default texts in "ja"',
    ]);
  });

  it('rejects a key that is neither a language nor "default"', () => {
    expect(problemsAfter('ward-office-exit', (json) => (json.title = { ja: '区役所来庁者アンケート', en: 'Ward Office Visitor Survey', english: 'x' }))).toEqual([
      `${EXIT}: title has the key "english", which is not a language code such as "ja" or "en", nor "default"`,
    ]);
  });
});

describe('survey fields', () => {
  it.each([
    ['a version given as a string', (json: Json) => (json.version = '1'), `"version" must be a positive integer, got "1"`],
    ['a fractional version', (json: Json) => (json.version = 1.5), `"version" must be a positive integer, got 1.5`],
    ['an unknown audience', (json: Json) => (json.audience = 'public'), `"audience" must be one of visitor, citizen, staff, got "public"`],
    ['a zero minGroupSize', (json: Json) => (json.minGroupSize = 0), `"minGroupSize" must be a positive integer, got 0`],
    ['a minGroupSize given as a string', (json: Json) => (json.minGroupSize = '5'), `"minGroupSize" must be a positive integer, got "5"`],
    ['invitations other than "required"', (json: Json) => (json.invitations = true), `"invitations" must be "required" (one invitation code per response) or left out, got true`],
    ['anonymous other than true', (json: Json) => (json.anonymous = 'yes'), `"anonymous" must be true (answered anonymously on shared devices: no answers stay on the device) or left out, got "yes"`],
    ['resume other than "invitation"', (json: Json) => (json.resume = 'device'), `"resume" must be "invitation" (resume only with the same invitation code) or left out, got "device"`],
    ['a method that is not text', (json: Json) => (json.method = ['kiosk']), `"method" says how the survey was fielded, for the report's 調査概要: a text, or one per language such as {"ja": "…", "en": "…"}; got ["kiosk"]`],
    ['a method with an empty language', (json: Json) => (json.method = { ja: '' }), `"method" says how the survey was fielded, for the report's 調査概要: a text, or one per language such as {"ja": "…", "en": "…"}; got {"ja":""}`],
    ['resume by invitation without invitations', (json: Json) => (json.resume = 'invitation'), `"resume": "invitation" needs "invitations": "required": answers resume only for the person with the same invitation code`],
  ])('rejects %s', (_name, breakIt, message) => {
    expect(problemsAfter('ward-office-exit', breakIt)).toEqual([`${EXIT}: ${message}`]);
  });

  it('accepts "invitations": "required", "anonymous": true, "resume": "invitation" and "method", which survey-core does not know', () => {
    expect(problemsAfter('staff-workstyle', (json) => (json.invitations = 'required'))).toEqual([]);
    expect(problemsAfter('citizen-needs', (json) => (json.anonymous = true))).toEqual([]);
    expect(problemsAfter('citizen-needs', (json) => (json.method = { ja: '無作為抽出した市民に郵送で依頼', en: 'Residents sampled at random, asked by post' }))).toEqual([]);
    expect(problemsAfter('staff-workstyle', (json) => Object.assign(json, { invitations: 'required', resume: 'invitation' }))).toEqual([]);
  });

  it('rejects a file whose name and folder disagree with its version and id', () => {
    expect(problemsAfter('ward-office-exit', (json) => (json.version = 2))).toEqual([
      `${EXIT}: the file is named v1.json but "version" is 2`,
    ]);
    expect(problemsAfter('ward-office-exit', (json) => (json.id = 'ward-exit'))).toEqual([
      `${EXIT}: the file is in folder "ward-office-exit" but "id" is "ward-exit": keep it at survey-definitions/ward-exit/v<version>.json`,
    ]);
  });

  it('takes what the file leaves out from its place: id from the folder or file name, version from v<N>.json or 1', () => {
    const bare = (id: ShippedSurveyId) => {
      const json = readShipped(id);
      delete json.id;
      delete json.version;
      delete json.audience;
      return json;
    };
    expect(checkDefinitions([{ source: EXIT, json: bare('ward-office-exit') }])).toEqual([]);
    expect(checkDefinitions([{ source: 'survey-definitions/ward-office-exit.json', json: bare('ward-office-exit') }])).toEqual([]);
    expect(checkDefinitions([{ source: 'survey-definitions/Ward Office.json', json: bare('ward-office-exit') }]).map(formatProblem)).toEqual([
      'survey-definitions/Ward Office.json: the file name "Ward Office" is the survey\'s id, so it must be lowercase letters, digits and single hyphens (it appears in URLs), e.g. civic-center-users.json',
    ]);
    expect(checkDefinitions([{ source: 'survey-definitions/exit.json', json: readShipped('ward-office-exit') }]).map(formatProblem)).toEqual([
      'survey-definitions/exit.json: the file is named exit.json but "id" is "ward-office-exit": name it ward-office-exit.json, or leave "id" out',
    ]);
    expect(checkDefinitions([{ source: 'no-file-name', json: bare('ward-office-exit') }]).map(formatProblem)).toEqual([
      'no-file-name: "id" is missing: save the file as <id>.json or <id>/v<version>.json, or add "id"',
    ]);
  });

  it('accepts top-level elements without pages, survey-level "name", and unnamed elements, as survey-core does', () => {
    const json = {
      name: 'creator-survey',
      elements: [
        { type: 'html', html: 'Welcome' },
        { type: 'text', title: 'Your name' },
      ],
    };
    // Only the annotation hint, a warning: nothing keeps the file out of service.
    expect(checkDefinitions([{ source: 'survey-definitions/plain.json', json }]).map((problem) => problem.severity)).toEqual(['warning']);
  });

  it('keeps and ignores a custom property with a warning, but refuses a known one in the wrong case', () => {
    expect(problemsAfter('ward-office-exit', (json) => (element(json, 'purpose').weight = 3))).toEqual([
      `${EXIT}: warning: question "purpose": property "weight" is not one survey-core knows; it is kept in the definition and ignored`,
    ]);
    expect(problemsAfter('ward-office-exit', (json) => (element(json, 'purpose').visibleif = 'true'))).toEqual([
      `${EXIT}: question "purpose": survey-core: Unknown property in class 'radiogroup': 'visibleif'.`,
    ]);
  });

  it('rejects a file that is not a JSON object', () => {
    expect(checkDefinitions([{ source: 'x.json', json: [1] }]).map(formatProblem)).toEqual([
      'x.json: a definition must be a JSON object, got [1]',
    ]);
  });
});

describe('conditions', () => {
  // survey-core reads an unknown name as empty (issue 21): served, with a warning that names the typo.
  it('warns about a visibleIf naming a question that does not exist', () => {
    expect(problemsAfter('ward-office-exit', (json) => (element(json, 'counterReasons').visibleIf = "{couldBeOnlin} = 'no'"))).toEqual([
      `${EXIT}: warning: question "counterReasons": visibleIf "{couldBeOnlin} = 'no'" refers to "couldBeOnlin", which is not a question of this survey; survey-core reads it as empty (a value the page sets? declare it: "variables": ["couldBeOnlin"])`,
    ]);
  });

  it('warns about a visibleIf comparing with a value the question cannot have', () => {
    expect(problemsAfter('staff-workstyle', (json) => (element(json, 'teleworkNotUsedReasons').visibleIf = "{teleworkUse} anyof ['never', 'nevr']"))).toEqual([
      `${STAFF}: warning: question "teleworkNotUsedReasons": visibleIf "{teleworkUse} anyof ['never', 'nevr']" compares "teleworkUse" with "nevr", which is not one of its values (weekly, monthly, rarely, never), so that part is never true`,
    ]);
  });

  it('rejects a visibleIf that does not parse', () => {
    expect(problemsAfter('citizen-needs', (json) => (element(json, 'onlineEase').visibleIf = "{usedOnline = 'yes'"))).toEqual([
      `${NEEDS}: question "onlineEase": visibleIf "{usedOnline = 'yes'" does not parse: Expected "}" or [^{}] but end of input found.`,
    ]);
  });
});

describe('survey-core', () => {
  it('reports a property survey-core does not know, such as a misspelt visibleIf', () => {
    expect(problemsAfter('citizen-needs', (json) => {
      const question = element(json, 'onlineEase');
      question.visibleif = question.visibleIf;
      delete question.visibleIf;
    })).toEqual([`${NEEDS}: question "onlineEase": survey-core: Unknown property in class 'radiogroup': 'visibleif'.`]);
  });

  it('reports a question type survey-core does not know', () => {
    const problems = problemsAfter('citizen-needs', (json) => (element(json, 'usedOnline').type = 'radiogroop'));
    expect(problems).toEqual([
      `${NEEDS}: question "usedOnline": survey-core does not know the element type "radiogroop" (did you mean "radiogroup"?); use a built-in type: a custom widget needs its own code on every tablet and phone, which this toolkit does not load`,
      `${NEEDS}: question "usedOnline": analysis role "segment" does not fit a radiogroop question (it fits radiogroup, dropdown)`,
    ]);
  });
});

describe('a survey without analysis annotations', () => {
  it('passes, with one warning naming each role, the types it fits and what it unlocks', () => {
    const json = { elements: [{ type: 'checkbox', name: 'wants', choices: ['a', 'b'] }] };
    const problems = checkDefinitions([{ source: 'survey-definitions/plain.json', json }]);
    expect(problems).toHaveLength(1);
    expect(problems[0].severity).toBe('warning');
    expect(problems[0].message).toMatch(/^no question has an "analysis" annotation; adding one unlocks: "need" \(checkbox, ranking, tagbox\): the needs ranking/);
    expect(problems[0].message).toContain('"cohort" (radiogroup, dropdown): the generation-gap comparisons');
  });
});
