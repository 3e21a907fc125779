/**
 * `survey-toolkit seed --survey ID --count N --seed S --out FILE`: writes N realistic synthetic
 * responses (stored records, one JSONL line each) of the survey's current definition, for demos,
 * tests and benchmarks. Each record is checked with the server's own validator before it is
 * written, so every line is one the server accepts; the same seed writes the same file.
 * Streams: a million lines take a few tens of megabytes of memory, whatever N is.
 */
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import { synthesizeResponses, type SynthesizeOptions } from '../../analysis/synthesize/synthesize-responses.ts';
import { createEffectPlanter, effectBaseRates, parseEffectOption } from '../../analysis/effects/plant-effect.ts';
import { splitInstant } from '../../analysis/effects/split-at-date.ts';
import { ReportInputError } from '../../core/definitions/report-input-error.ts';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { Submission } from '../../contracts/submission.ts';
import { validatorFor } from '../../server/validation/validate-response.ts';
import { CliError } from '../cli-error.ts';
import { loadCliSurvey } from '../load-cli-survey.ts';
import { parseCommandArgs, usageError } from '../parse-command-args.ts';
import type { CliCommand } from '../cli-command.ts';
import { createProgressBar } from '../report/progress-bar.ts';

const USAGE =
  'seed --survey ID --count N --seed S --out FILE.jsonl [--definitions DIR] [--from YYYY-MM-DD] [--days N] ' +
  '[--effect "GROUP=value,…;after=YYYY-MM-DD;QUESTION.VALUE=±d[;…]"]  Write realistic synthetic responses, ' +
  'completed over --days days from --from (Japan time; default 61 days from 2025-06-02); --effect plants a known change: ' +
  'in the group (a meta variable or single-answer question) from the date on, the share choosing VALUE (a checkbox option or single answer) ' +
  'moves by d, e.g. "ward=chuo,kita;after=2026-04-01;improvements.counter_reservation=-0.10"; without it nothing is planted';
/** Lines per write: large enough that a million lines are a few hundred writes. */
const BATCH_LINES = 2000;

export const command: CliCommand = {
  summary: USAGE,
  async run(args) {
    const values = parseCommandArgs(
      args,
      {
        survey: { type: 'string' },
        count: { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
        definitions: { type: 'string' },
        from: { type: 'string' },
        days: { type: 'string' },
        effect: { type: 'string' },
      },
      USAGE,
    );
    if (!values.survey || values.count === undefined || values.seed === undefined || !values.out) {
      throw usageError('needs --survey, --count, --seed and --out', USAGE);
    }
    const count = wholeNumber(values.count, '--count');
    const seed = wholeNumber(values.seed, '--seed');
    const dir = values.definitions ?? 'survey-definitions';
    const { current: definition } = await loadCliSurvey(dir, values.survey);
    const validate = validatorFor(definition);
    const synthesis: SynthesizeOptions = { count, seed, ...fieldwork(values.from, values.days) };
    // A planted effect (issue 28): its base rates from a first pass over the same seeded records.
    let plant: ((record: ResponseRecord) => void) | undefined;
    if (values.effect !== undefined) {
      try {
        const effect = parseEffectOption(values.effect, definition);
        plant = createEffectPlanter(effect, effectBaseRates(synthesizeResponses(definition, synthesis), effect), seed);
      } catch (error) {
        if (error instanceof ReportInputError) throw new CliError(error.message, 2);
        throw error;
      }
    }

    const out = createWriteStream(values.out);
    const failed = new Promise<never>((_, reject) =>
      out.on('error', (error) => reject(new CliError(`${values.out}: cannot write (${error.message})`))),
    );
    const bar = createProgressBar(`seeding ${values.out}`, count >= 100_000 ? count : 0);
    const write = async (text: string) => {
      if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
    };
    let batch: string[] = [];
    let written = 0;
    let index = 0;
    for (const record of synthesizeResponses(definition, synthesis)) {
      index += 1;
      plant?.(record);
      // What a device would post: the stored record less what the server adds.
      const { surveyVersion, submissionId, channel, meta, startedAt, completedAt, data } = record;
      const refused = validate({ surveyVersion, submissionId, channel, meta, startedAt, completedAt, data } as Submission);
      if (refused.length > 0) {
        // Never a file the server would refuse: nothing half written is left behind. The file may
        // still be opening (and so be created after an early rm): remove it once the stream has closed.
        const closed = once(out, 'close');
        out.destroy();
        await closed;
        await rm(values.out, { force: true });
        throw new CliError(
          `record ${index} would be refused by the server (${refused[0].question}: ${refused[0].message}); ` +
            `seed cannot yet answer survey ${JSON.stringify(definition.id)} validly, and wrote nothing`,
        );
      }
      batch.push(JSON.stringify(record));
      if (batch.length === BATCH_LINES) {
        await write(`${batch.join('\n')}\n`);
        written += batch.length;
        batch = [];
        bar.update(written, `${written.toLocaleString('en-US')} lines`);
      }
    }
    if (batch.length > 0) await write(`${batch.join('\n')}\n`);
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
    bar.finish();
    console.error(`wrote ${count.toLocaleString('en-US')} ${definition.id} v${definition.version} responses to ${values.out}`);
    return 0;
  },
};

/** --from and --days, checked: the synthesizer's fieldwork period. */
function fieldwork(from: string | undefined, days: string | undefined): Pick<SynthesizeOptions, 'startDate' | 'days'> {
  if (from !== undefined) {
    try {
      splitInstant(from);
    } catch {
      throw new CliError(`--from must be a date YYYY-MM-DD, got ${JSON.stringify(from)}`, 2);
    }
  }
  const length = days === undefined ? undefined : wholeNumber(days, '--days');
  if (length === 0) throw new CliError('--days must be at least 1, got "0"', 2);
  return { ...(from !== undefined ? { startDate: from } : {}), ...(length !== undefined ? { days: length } : {}) };
}

function wholeNumber(text: string, option: string): number {
  if (!/^[0-9]+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new CliError(`${option} must be a whole number ≥ 0, got ${JSON.stringify(text)}`, 2);
  }
  return Number(text);
}
