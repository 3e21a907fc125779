/**
 * The one option parser of the sub-commands: strict, typed values, and every
 * calling mistake answered as `<what>; usage: survey-toolkit <usage>` with exit code 2.
 */
import { describe, expect, it } from 'vitest';
import { CliError } from '../../cli/cli-error.ts';
import { parseCommandArgs, usageError } from '../../cli/parse-command-args.ts';
import { runCli } from './run-cli.ts';

const USAGE = 'demo --name NAME [--flag] [--tag T…]';
const OPTIONS = { name: { type: 'string' }, flag: { type: 'boolean' }, tag: { type: 'string', multiple: true } } as const;

function thrown(run: () => unknown): CliError {
  try {
    run();
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('expected a CliError');
}

describe('parseCommandArgs', () => {
  it('gives the values of the options it knows', () => {
    const values = parseCommandArgs(['--name', 'chuo', '--flag', '--tag', 'a', '--tag', 'b'], OPTIONS, USAGE);
    expect(values).toEqual({ name: 'chuo', flag: true, tag: ['a', 'b'] });
    expect(parseCommandArgs([], OPTIONS, USAGE)).toEqual({});
  });

  it('refuses an unknown option with exit code 2, naming it, then the usage', () => {
    const error = thrown(() => parseCommandArgs(['--nmae', 'chuo'], OPTIONS, USAGE));
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/^Unknown option '--nmae'.*; usage: survey-toolkit demo --name NAME \[--flag\] \[--tag T…\]$/);
  });

  it('refuses a stray argument and a string option without its value', () => {
    expect(thrown(() => parseCommandArgs(['extra'], OPTIONS, USAGE)).message).toMatch(/'extra'.*; usage: survey-toolkit demo/);
    expect(thrown(() => parseCommandArgs(['--name'], OPTIONS, USAGE)).message).toMatch(/--name.*; usage: survey-toolkit demo/);
  });

  it('words a missing option the same way', () => {
    const error = usageError('needs --name', USAGE);
    expect(error).toBeInstanceOf(CliError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`needs --name; usage: survey-toolkit ${USAGE}`);
  });
});

describe('every sub-command answers a mistyped option alike', () => {
  it.each(['seed', 'report', 'migrate', 'export', 'user list', 'token list'])('%s', async (command) => {
    const result = await runCli([...command.split(' '), '--bogus'], { env: { DATA_DIR: '/nonexistent-survey-toolkit-data' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^survey-toolkit ${command.split(' ')[0]}: Unknown option '--bogus'.*; usage: survey-toolkit ${command.split(' ')[0]} `));
  });
});
