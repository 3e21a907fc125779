import { describeValue } from '../stats/describe-value.ts';

/**
 * Raking (iterative proportional fitting, Deming & Stephan 1940): adjust respondent weights
 * until the weighted count of every margin value equals its population, one variable at a time.
 * Same fixed point as R survey::rake() with population totals; weights therefore sum to the
 * population total (not to the sample size), so a weighted count reads as "residents".
 *
 * Converged means every margin matches within `tolerance` relative after a full sweep over the
 * variables; `iterations` counts those sweeps. After `maxIterations` sweeps it throws, naming the
 * worst margin.
 *
 * Strict input, because a silently mis-weighted report is worse than none:
 * - every row must have a value for every margin variable (null, undefined and '' are missing;
 *   use findIncompleteRows() to report them and filter them out first, e.g. for --drop-incomplete);
 * - every row value must be listed in the margins (numbers and booleans are compared as strings);
 * - every margin value needs at least one respondent, and a population > 0;
 * - all variables must describe the same total population (within 1e-9 relative), else no
 *   weights can match them all.
 */

export interface Margin {
  question: string;
  value: string;
  population: number;
}

export type RakeRow = Readonly<Record<string, string | number | boolean | null | undefined>>;

export interface RakeOptions {
  maxIterations?: number;
  tolerance?: number;
  /** Starting weights, e.g. design weights; default 1 for every row. */
  baseWeights?: ArrayLike<number>;
}

export interface RakeResult {
  weights: number[];
  iterations: number;
  converged: true;
}

interface Variable {
  question: string;
  values: string[];
  populations: Float64Array;
  /** codes[row]: index into values. */
  codes: Int32Array;
}

export function rake(rows: ReadonlyArray<RakeRow>, margins: ReadonlyArray<Margin>, options: RakeOptions = {}): RakeResult {
  const { maxIterations = 1000, tolerance = 1e-9, baseWeights } = options;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new RangeError(`rake needs maxIterations ≥ 1, got ${describeValue(maxIterations)}`);
  }
  if (!(tolerance > 0)) throw new RangeError(`rake needs tolerance > 0, got ${describeValue(tolerance)}`);
  if (!Array.isArray(rows) || rows.length === 0) throw new RangeError('rake needs at least one row');
  const variables = groupMargins(margins);
  for (const variable of variables) variable.codes = encodeRows(rows, variable);

  const weights = new Float64Array(rows.length);
  if (baseWeights === undefined) weights.fill(1);
  else {
    if (baseWeights.length !== rows.length) {
      throw new RangeError(`rake: ${baseWeights.length} base weights for ${rows.length} rows`);
    }
    for (let i = 0; i < rows.length; i++) {
      const weight = baseWeights[i];
      if (!(weight > 0) || !Number.isFinite(weight)) {
        throw new RangeError(`rake: base weight ${i} must be a finite number > 0, got ${describeValue(weight)}`);
      }
      weights[i] = weight;
    }
  }

  let worst = worstMargin(weights, variables);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    if (worst.relativeError <= tolerance) return { weights: Array.from(weights), iterations: iteration - 1, converged: true };
    for (const variable of variables) {
      const totals = weightedTotals(weights, variable);
      const factors = variable.populations.map((population, v) => population / totals[v]);
      const { codes } = variable;
      for (let i = 0; i < weights.length; i++) weights[i] *= factors[codes[i]];
    }
    worst = worstMargin(weights, variables);
  }
  if (worst.relativeError <= tolerance) return { weights: Array.from(weights), iterations: maxIterations, converged: true };
  throw new Error(
    `raking did not converge after ${maxIterations} iterations: worst margin ${worst.question} = ${describeValue(worst.value)} ` +
      `has weighted total ${worst.total} for population ${worst.population} (relative error ${worst.relativeError.toExponential(2)})`,
  );
}

/** True for the values raking treats as "no answer". */
export function isMissingMarginValue(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function groupMargins(margins: ReadonlyArray<Margin>): Variable[] {
  if (!Array.isArray(margins) || margins.length === 0) throw new RangeError('rake needs at least one margin');
  const byQuestion = new Map<string, Variable>();
  margins.forEach((margin, i) => {
    const { question, value, population } = margin ?? ({} as Margin);
    if (typeof question !== 'string' || question === '' || typeof value !== 'string' || value === '') {
      throw new RangeError(`rake: margin ${i} needs a question and a value, got ${describeValue(margin)}`);
    }
    if (typeof population !== 'number' || !(population > 0) || !Number.isFinite(population)) {
      throw new RangeError(`rake: margin ${question} = ${describeValue(value)} needs a population > 0, got ${describeValue(population)}`);
    }
    let variable = byQuestion.get(question);
    if (!variable) {
      variable = { question, values: [], populations: new Float64Array(0), codes: new Int32Array(0) };
      byQuestion.set(question, variable);
    }
    if (variable.values.includes(value)) throw new RangeError(`rake: margin ${question} = ${describeValue(value)} is listed twice`);
    variable.values.push(value);
  });
  for (const variable of byQuestion.values()) {
    variable.populations = Float64Array.from(
      margins.filter((m) => m.question === variable.question),
      (m) => m.population,
    );
  }
  const variables = [...byQuestion.values()];
  const totalOf = (variable: Variable) => variable.populations.reduce((sum, p) => sum + p, 0);
  const reference = totalOf(variables[0]);
  for (const variable of variables.slice(1)) {
    const total = totalOf(variable);
    if (Math.abs(total - reference) > 1e-9 * reference) {
      throw new RangeError(
        `rake: margins describe different populations: ${variables[0].question} totals ${reference}, ${variable.question} totals ${total}`,
      );
    }
  }
  return variables;
}

function encodeRows(rows: ReadonlyArray<RakeRow>, variable: Variable): Int32Array {
  const codeOf = new Map(variable.values.map((value, index) => [value, index]));
  const codes = new Int32Array(rows.length);
  const respondents = new Float64Array(variable.values.length);
  rows.forEach((row, i) => {
    const raw = row?.[variable.question];
    if (isMissingMarginValue(raw)) {
      throw new RangeError(
        `rake: row ${i} has no value for margin variable ${variable.question} (report or drop such rows with findIncompleteRows)`,
      );
    }
    const code = codeOf.get(String(raw));
    if (code === undefined) {
      throw new RangeError(
        `rake: row ${i} has ${variable.question} = ${describeValue(raw)}, which the margins do not list (known: ${variable.values.join(', ')})`,
      );
    }
    codes[i] = code;
    respondents[code] += 1;
  });
  respondents.forEach((count, code) => {
    if (count === 0) {
      throw new RangeError(
        `rake: margin ${variable.question} = ${describeValue(variable.values[code])} has no respondents, so no weights can reach its population`,
      );
    }
  });
  return codes;
}

function weightedTotals(weights: Float64Array, variable: Variable): Float64Array {
  const totals = new Float64Array(variable.values.length);
  const { codes } = variable;
  for (let i = 0; i < weights.length; i++) totals[codes[i]] += weights[i];
  return totals;
}

function worstMargin(weights: Float64Array, variables: Variable[]) {
  let worst = { question: '', value: '', total: 0, population: 0, relativeError: -1 };
  for (const variable of variables) {
    const totals = weightedTotals(weights, variable);
    variable.populations.forEach((population, v) => {
      const relativeError = Math.abs(totals[v] - population) / population;
      if (relativeError > worst.relativeError) {
        worst = { question: variable.question, value: variable.values[v], total: totals[v], population, relativeError };
      }
    });
  }
  return worst;
}
