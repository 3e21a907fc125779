/**
 * The one way a sub-command reads its options: node:util parseArgs, strict (an
 * unknown option or a stray argument is an error, never ignored), and every
 * mistake answered alike: exit code 2 and `<what is wrong>; usage: survey-toolkit <usage>`.
 * https://nodejs.org/docs/latest-v20.x/api/util.html#utilparseargsconfig
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './cli-error.ts';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
/** The option values, typed from `options` as parseArgs types them. */
export type CommandValues<T extends OptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: false }>>['values'];

/** `usage` is the command's synopsis without "survey-toolkit", e.g. `seed --survey ID --count N`. */
export function parseCommandArgs<const T extends OptionsConfig>(args: string[], options: T, usage: string): CommandValues<T> {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw usageError((error as Error).message, usage);
  }
}

/** A mistake in how the command was called (a missing or malformed option): exit code 2, with the usage. */
export function usageError(message: string, usage: string): CliError {
  return new CliError(`${message}; usage: survey-toolkit ${usage}`, 2);
}
