/**
 * Plausible synthetic respondents for the three shipped surveys. The numbers are invented but
 * follow what a reform office would expect, so that demos look real and the statistics have
 * something to find:
 * - older visitors lean towards the counter, younger ones towards online services;
 * - long waits and many counters lower satisfaction with waiting and moving between counters;
 * - young, mid-career and veteran staff differ on telework, free address and side jobs;
 * - wards answer in proportion to their population.
 */
import { pickWeighted, drawNormal } from './random-draws.ts';
import { lean, type SynthesisProfile, type SyntheticRespondent } from './synthesis-profile.ts';

/**
 * Resident population per ward on 1 January 2021, from shared/reference/sapporo-ward-population-2021.csv
 * (the margins file used for weighting demos).
 */
export const WARD_POPULATION_2021: Record<string, number> = {
  chuo: 239944,
  kita: 286054,
  higashi: 262298,
  shiroishi: 214050,
  atsubetsu: 126274,
  toyohira: 224435,
  kiyota: 112670,
  minami: 135748,
  nishi: 218128,
  teine: 141974,
};

const CITIZEN_COMMENTS = [
  '夜間や休日にも手続できるようにしてほしいです。',
  '何度も同じことを書かされるので、書かない窓口を早く広げてほしい。',
  'オンライン申請の画面がわかりにくく、途中で諦めました。',
  '職員の方が丁寧に説明してくれて助かりました。',
  '待ち時間の目安が表示されると、外で用事を済ませられます。',
  '高齢の親の代わりに来ることが多いので、代理の手続を簡単にしてほしい。',
  'マイナンバーカードで完結する手続を増やしてください。',
  '窓口が分かれていて、あちこち回らされたのが大変でした。',
  '駐車場が混んでいて停められませんでした。',
  'スマホで番号札の呼び出し状況が見られると便利です。',
  '案内表示が小さくて、どこに行けばよいかわかりませんでした。',
  '子ども連れでも待ちやすいスペースがあるとうれしいです。',
  '手数料をキャッシュレスで払えるようにしてほしい。',
  '特にありません。',
  'Forms in English would help foreign residents like me.',
];

const STAFF_COMMENTS = [
  '押印のための出勤をなくしてほしい。',
  '窓口業務の職員もテレワークできる仕組みを考えてほしい。',
  'Web会議用の個室が足りません。',
  '人員が足りず、残業が常態化しています。',
  '紙の決裁が残っていて、電子決裁との二重管理になっている。',
  'フリーアドレスは書類が多い部署には合わないと思う。',
  '若手が休暇やテレワークを言い出しにくい雰囲気がある。',
  'ITの研修を業務時間内に受けられるようにしてほしい。',
  'フレックスタイムで保育園の送迎がしやすくなりました。',
  '特にありません。',
];

/** Age bands of visitors at the counters: older residents come more often. */
const VISITOR_AGE_BANDS: Record<string, number> = {
  under_20: 3, '20s': 12, '30s': 17, '40s': 18, '50s': 16, '60s': 15, '70_plus': 19,
};
/** Age bands of online respondents: younger than visitors. */
const ONLINE_AGE_BANDS: Record<string, number> = {
  under_20: 3, '20s': 14, '30s': 19, '40s': 21, '50s': 18, '60s': 14, '70_plus': 11,
};

/** Draws an age band; trait `age` is its position, 0 (youngest) … 1 (oldest). */
function presetAgeBand(respondent: SyntheticRespondent, bands: Record<string, number>): void {
  const names = Object.keys(bands);
  const index = pickWeighted(respondent.random, Object.values(bands));
  respondent.preset.ageBand = names[index];
  respondent.traits.age = index / (names.length - 1);
}

const clamp = (x: number, low: number, high: number) => Math.min(high, Math.max(low, x));

export const wardOfficeExitProfile: SynthesisProfile = {
  channel: 'kiosk',
  officeHours: true,
  comments: CITIZEN_COMMENTS,
  prepare(respondent) {
    presetAgeBand(respondent, VISITOR_AGE_BANDS);
    // General contentment with the visit, shared by all satisfaction items.
    respondent.traits.mood = drawNormal(respondent.random) * 0.45;
  },
  choiceWeights(question, { traits: { age }, answers, meta }) {
    switch (question) {
      case 'ward':
        return WARD_POPULATION_2021;
      case 'ageBand':
        return undefined; // preset
      case 'purpose':
        return lean(
          {
            family_register_residence: [30, -0.2],
            insurance_pension: [22, 0.7],
            health_welfare: [12, 0.9],
            health_children: [12, -1.2],
            public_assistance: [6, 0.3],
            tax_other: [18, 0],
          },
          age,
        );
      case 'countersVisited': {
        const complex = answers.purpose === 'health_welfare' || answers.purpose === 'public_assistance' || answers.purpose === 'health_children';
        return complex ? { one: 35, two: 35, three: 19, four_or_more: 11 } : { one: 58, two: 28, three: 10, four_or_more: 4 };
      }
      case 'waitingTime': {
        const busy = meta.ward === 'chuo' || meta.ward === 'kita' || meta.ward === 'higashi';
        return busy
          ? { under_5_min: 10, '5_to_15_min': 30, '15_to_30_min': 32, '30_to_60_min': 20, over_60_min: 8 }
          : { under_5_min: 18, '5_to_15_min': 38, '15_to_30_min': 28, '30_to_60_min': 12, over_60_min: 4 };
      }
      case 'couldBeOnline':
        return lean({ yes: [32, -1.3], maybe: [30, -0.2], no: [26, 1.4], not_sure: [12, 0.4] }, age);
      case 'counterReasons':
        return lean(
          {
            want_to_consult: [30, 0.6],
            complex_matter: [22, 0],
            no_device: [14, 1.8],
            security_concern: [14, 0.5],
            documents_in_person: [20, -0.3],
            other_errands: [8, 0.2],
          },
          age,
        );
      case 'awareOnline':
        return lean({ used: [25, -1.2], known_not_used: [35, 0], not_known: [40, 0.9] }, age);
      case 'awareNavigator':
        return lean({ used: [10, -0.8], known_not_used: [25, 0], not_known: [65, 0.4] }, age);
      case 'improvements': {
        const weights = lean(
          {
            online_procedures: [30, -1.3],
            counter_reservation: [22, -0.3],
            no_writing_counter: [20, 0.6],
            one_stop_counter: [26, 0.7],
            call_system: [18, -0.6],
            chat_consultation: [8, -1.2],
            online_consultation: [7, -0.8],
            mobile_counter: [6, 1.1],
            cashless_payment: [14, -0.9],
            longer_hours: [16, -0.4],
            clearer_signage: [10, 1.2],
            multilingual_support: [3, -0.5],
          },
          age,
        );
        // A long wait makes people want reservations and a queue app.
        if (answers.waitingTime === '30_to_60_min' || answers.waitingTime === 'over_60_min') {
          weights.counter_reservation *= 2;
          weights.call_system *= 2;
        }
        return weights;
      }
    }
    return undefined;
  },
  scaleMean(question, row, { traits: { mood }, answers }) {
    if (question !== 'satisfaction') return undefined;
    const waitPenalty: Record<string, number> = { under_5_min: 0.6, '5_to_15_min': 0.2, '15_to_30_min': -0.4, '30_to_60_min': -1.1, over_60_min: -1.7 };
    const counterPenalty: Record<string, number> = { one: 0.4, two: -0.2, three: -0.8, four_or_more: -1.3 };
    const base: Record<string, number> = { waiting: 3.2, guidance: 3.8, form_filling: 3.0, counter_moves: 3.3, staff_manner: 4.2 };
    let mean = (base[row ?? ''] ?? 3.5) + mood;
    if (row === 'waiting') mean += waitPenalty[String(answers.waitingTime)] ?? 0;
    if (row === 'counter_moves') mean += counterPenalty[String(answers.countersVisited)] ?? 0;
    return clamp(mean, 1, 5);
  },
  answerRate(question) {
    if (question === 'comment') return 0.14;
    if (question === 'improvements') return 0.92;
    if (question === 'counterReasons') return 0.85;
    return undefined;
  },
  selectionCount(question) {
    return question === 'improvements' ? 2.6 : undefined;
  },
};

export const citizenNeedsProfile: SynthesisProfile = {
  channel: 'online',
  comments: CITIZEN_COMMENTS,
  prepare(respondent) {
    presetAgeBand(respondent, ONLINE_AGE_BANDS);
    const { age } = respondent.traits;
    // Digital habits fall with age, with a good deal of individual spread.
    respondent.traits.digital = clamp(1.05 - 0.9 * age + drawNormal(respondent.random) * 0.2, 0, 1);
    respondent.traits.mood = drawNormal(respondent.random) * 0.4;
  },
  choiceWeights(question, { traits: { age, digital } }) {
    if (question.startsWith('preferredChannel.')) {
      const row = question.slice('preferredChannel.'.length);
      const inPerson = row === 'welfare_care' || row === 'moving' ? 1.6 : 1;
      return { counter: 30 * inPerson * Math.exp(-1.5 * (digital - 0.5)), online: 40 * Math.exp(2.2 * (digital - 0.5)), phone: 14 * Math.exp(0.6 * (age - 0.5)) };
    }
    switch (question) {
      case 'ward':
        return WARD_POPULATION_2021;
      case 'smartphone':
        return lean({ daily: [70, -1.1], sometimes: [16, 0.6], rarely: [9, 1.2], none: [5, 1.8] }, age);
      case 'myNumberCard':
        return { used_online: 25 * (0.4 + digital), not_used_online: 45, applying: 8, none: 22 * (1.4 - digital) };
      case 'usedOnline':
        return { yes: 0.15 + 0.75 * digital, no: 0.85 - 0.75 * digital };
      case 'onlineEase':
        return { easy: 20 * (0.5 + digital), fairly_easy: 40, fairly_hard: 28, hard: 12 * (1.5 - digital) };
      case 'improvementRanking':
        return lean(
          {
            online_procedures: [30, -1.4],
            counter_reservation: [18, -0.2],
            no_writing_counter: [16, 0.5],
            one_stop_counter: [24, 0.8],
            call_system: [12, -0.4],
            online_consultation: [8, -0.6],
            cashless_payment: [10, -0.8],
            longer_hours: [16, -0.3],
          },
          age,
        );
      case 'onlineBarriers':
        return {
          dont_know_available: 24,
          hard_to_operate: 10 + 30 * (1 - digital),
          no_device: 2 + 25 * (1 - digital) ** 2,
          no_mynumber_card: 12,
          security_worries: 14 + 8 * age,
          want_face_to_face: 6 + 16 * age,
          attachments_hard: 16 * digital,
          none: 10 + 22 * digital,
        };
    }
    return undefined;
  },
  scaleMean(question, row, { traits: { mood, digital } }) {
    if (question === 'importance') {
      const importance: Record<string, number> = {
        short_waiting: 4.5, clear_guidance: 4.1, easy_forms: 3.9, one_stop: 4.3,
        online_available: 3.4 + 1.2 * digital, convenient_hours: 3.9, staff_manner: 3.6, privacy: 4.4,
      };
      return clamp(importance[row ?? ''] ?? 4, 1, 5);
    }
    if (question === 'satisfaction') {
      const satisfaction: Record<string, number> = {
        short_waiting: 2.6, clear_guidance: 3.3, easy_forms: 2.8, one_stop: 2.5,
        online_available: 2.7, convenient_hours: 2.6, staff_manner: 4.0, privacy: 3.9,
      };
      return clamp((satisfaction[row ?? ''] ?? 3) + mood, 1, 5);
    }
    return undefined;
  },
  answerRate(question) {
    if (question === 'comment') return 0.2;
    if (question === 'improvementRanking') return 0.88;
    return undefined;
  },
};

export const staffWorkstyleProfile: SynthesisProfile = {
  channel: 'online',
  comments: STAFF_COMMENTS,
  prepare(respondent) {
    const cohorts = ['junior', 'mid_career', 'veteran'];
    const cohort = pickWeighted(respondent.random, [30, 42, 28]);
    respondent.preset.yearsOfService = cohorts[cohort];
    // 0 junior, 0.5 mid-career, 1 veteran.
    respondent.traits.seniority = cohort / 2;
    respondent.traits.onSite = respondent.random() < 0.55 ? 1 : 0; // ward-office counters
    respondent.traits.mood = drawNormal(respondent.random) * 0.35;
  },
  choiceWeights(question, { traits: { seniority, onSite } }) {
    switch (question) {
      case 'ageBand':
        return seniority === 0
          ? { under_30: 70, '30s': 27, '40s': 3, '50s': 0, '60_plus': 0 }
          : seniority === 0.5
            ? { under_30: 4, '30s': 46, '40s': 42, '50s': 8, '60_plus': 0 }
            : { under_30: 0, '30s': 2, '40s': 18, '50s': 58, '60_plus': 22 };
      case 'workplace':
        return onSite ? { ward_office: 1, head_office: 0, other_facility: 0 } : { ward_office: 0, head_office: 78, other_facility: 22 };
      case 'position':
        return lean({ staff: [60, -2.2], subsection_chief: [28, 0.8], manager: [12, 2.4] }, seniority);
      case 'teleworkUse':
        return onSite
          ? lean({ weekly: [5, -0.5], monthly: [15, -0.4], rarely: [30, 0], never: [50, 0.4] }, seniority)
          : lean({ weekly: [30, -0.9], monthly: [30, -0.2], rarely: [25, 0.3], never: [15, 0.8] }, seniority);
      case 'teleworkNotUsedReasons':
        return {
          on_site_duties: onSite ? 60 : 15,
          no_equipment: 18,
          hard_to_ask: 30 * (1 - seniority) + 3,
          paper_documents: 22,
          prefer_office: 5 + 30 * seniority,
          no_need: 6 + 10 * seniority,
        };
      case 'barriers':
        return {
          paper_and_seal_rules: 36,
          devices_network: 24,
          on_site_duties: onSite ? 40 : 10,
          workplace_culture: 32 - 18 * seniority,
          manager_understanding: 26 - 20 * seniority,
          it_skills: 6 + 26 * seniority,
          security_rules: 16,
          communication: 12 + 14 * seniority,
          attendance_management: 10,
          none: 4 + 6 * seniority,
        };
      case 'priorities':
        return lean(
          {
            reduce_overtime: [28, 0],
            flexible_hours: [22, -0.9],
            telework_expansion: [18, -1.4],
            digital_tools: [18, -0.5],
            paper_reduction: [14, 0.2],
            training: [10, 0.4],
            office_environment: [9, 0.3],
            staffing: [20, 1.3],
          },
          seniority,
        );
    }
    return undefined;
  },
  scaleMean(question, row, { traits: { seniority, mood, onSite } }) {
    if (question !== 'practices') return undefined;
    // Likert 5 (agree) … 1 (disagree): attitude to each practice by cohort.
    const byCohort: Record<string, [junior: number, veteran: number]> = {
      telework: [4.3, 2.7],
      paperless: [4.2, 3.5],
      web_meetings: [4.4, 3.4],
      e_approval: [4.3, 3.8],
      free_address: [3.4, 2.3],
      flex_time: [4.4, 3.4],
      side_jobs: [3.9, 2.2],
    };
    const [junior, veteran] = byCohort[row ?? ''] ?? [3, 3];
    // Mid-career staff (often with young children) value flex time most.
    const midBonus = row === 'flex_time' && seniority === 0.5 ? 0.5 : 0;
    const counterDamp = row === 'telework' && onSite ? -0.4 : 0;
    return clamp(junior + (veteran - junior) * seniority + midBonus + counterDamp + mood, 1, 5);
  },
  answerRate(question) {
    if (question === 'comment') return 0.18;
    if (question === 'priorities') return 0.9;
    return undefined;
  },
  selectionCount(question) {
    return question === 'barriers' ? 2.4 : undefined;
  },
};

export const SHIPPED_SURVEY_PROFILES: Record<string, SynthesisProfile> = {
  'ward-office-exit': wardOfficeExitProfile,
  'citizen-needs': citizenNeedsProfile,
  'staff-workstyle': staffWorkstyleProfile,
};
