/**
 * An error the user can act on: the CLI prints its message as one line and
 * exits with `exitCode`, without a stack trace. Name the file, the line and
 * what is wrong, e.g. `responses.jsonl:12: not valid JSON (Unexpected token)`.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
