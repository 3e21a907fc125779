/**
 * The pilot group of 効果検証 (`--pilot ward=chuo,kita,nishi`): respondents whose answer to a
 * single-answer question, matrix row or meta variable is one of the values listed; the others who
 * answered it are the control group, and those who did not are in neither.
 */
import type { ValueLabel } from '../../contracts/report.ts';
import { localizeText } from '../../core/definitions/localize-text.ts';
import { ReportInputError } from '../../core/definitions/report-input-error.ts';
import type { PlannedVariable, ReportPlan } from '../plan/plan-report.ts';
import type { ResponseTable } from '../table/response-table.ts';

export interface PilotSpec {
  variable: string;
  values: string[];
}

/** `VARIABLE=value,value,…`; an error quoting the text when it is not that. */
export function parsePilotOption(text: string): PilotSpec {
  const match = /^([^=,;]+)=(.+)$/.exec(text.trim());
  const values = match ? match[2].split(',').map((value) => value.trim()) : [];
  if (!match || values.some((value) => value === '')) {
    throw new ReportInputError(`the pilot group must be VARIABLE=value,value,… (e.g. ward=chuo,kita), got ${JSON.stringify(text)}`);
  }
  return { variable: match[1].trim(), values };
}

export interface PilotGroups {
  /** 1 pilot, 0 control, −1 no answer. */
  pilot: Int8Array;
  variable: string;
  label: string;
  values: ValueLabel[];
}

/** The pilot variable and its codes, checked against the plan alone (before any response is read). */
export function checkPilot(plan: ReportPlan, spec: PilotSpec): { variable: PlannedVariable; codes: number[] } {
  const variable = plan.variables.find((candidate) => candidate.name === spec.variable);
  if (!variable || variable.kind !== 'single') {
    throw new ReportInputError(
      `the pilot variable ${JSON.stringify(spec.variable)} is no single-answer question or meta variable of this survey ` +
        `(one of: ${plan.variables.filter((candidate) => candidate.kind === 'single').map((candidate) => candidate.name).join(', ')})`,
    );
  }
  const codes = spec.values.map((value) => {
    const code = variable.values.findIndex((allowed) => String(allowed) === value);
    if (code < 0) {
      throw new ReportInputError(
        `the pilot value ${JSON.stringify(value)} is not an answer of ${spec.variable} (one of: ${variable.values.map(String).join(', ')})`,
      );
    }
    return code;
  });
  return { variable, codes };
}

export function markPilot(table: ResponseTable, plan: ReportPlan, spec: PilotSpec): PilotGroups {
  const { variable, codes } = checkPilot(plan, spec);
  const column = table.byName.get(spec.variable);
  if (!column || column.kind !== 'single') throw new ReportInputError(`the pilot variable ${JSON.stringify(spec.variable)} was not read from the responses`);
  const isPilot = new Uint8Array(variable.values.length);
  for (const code of codes) isPilot[code] = 1;
  const pilot = new Int8Array(table.rowCount);
  for (let row = 0; row < table.rowCount; row++) {
    const code = column.codes[row];
    pilot[row] = code < 0 ? -1 : isPilot[code];
  }
  return {
    pilot,
    variable: spec.variable,
    label: localizeText(variable.rowText ?? variable.title, plan.language, spec.variable),
    values: [...new Set(codes)].map((code) => ({ value: variable.values[code], label: localizeText(variable.valueTexts[code], plan.language, String(variable.values[code])) })),
  };
}
