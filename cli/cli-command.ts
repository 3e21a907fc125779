/** One `survey-toolkit` sub-command; each lives in cli/commands/<name>.ts and cli/main.ts loads it on demand. */
export interface CliCommand {
  /** One line for `survey-toolkit help`. */
  summary: string;
  /** Every option, for `survey-toolkit <command> --help`, when the summary leaves some out. */
  usage?: string;
  /** Runs the command and resolves to the exit code. Throw CliError for user errors. */
  run(args: string[]): Promise<number>;
}
