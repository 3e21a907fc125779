/**
 * The newcomer's path (issue 29): `--help` answers on every command, `help` lists every format and
 * option the README uses, and `demo` fills a fresh DATA_DIR with every shipped survey and an analyst
 * to log in with — into a real SQLite store, as child processes, as a newcomer would run them.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../cli/main.ts';
import { openAuthStoreInDataDir } from '../../server/auth/open-auth-store.ts';
import { verifyPassword } from '../../server/auth/verify-password.ts';
import { openSqliteResponseStore } from '../../server/store/sqlite-response-store.ts';
import { ROOT, runCli } from './run-cli.ts';

/** Every `survey-toolkit <command> …` line of the README's shell blocks. */
async function readmeCommands(): Promise<Array<{ command: string; line: string }>> {
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]);
  return blocks
    .flatMap((block) => block.split('\n'))
    .map((line) => /survey-toolkit ([a-z]+)(.*)$/.exec(line.replace(/\s+#.*$/, '')))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ command: match[1], line: match[0] }));
}

describe('survey-toolkit --help', () => {
  it('answers on every command with its options, and exit code 0', async () => {
    for (const name of COMMAND_NAMES) {
      const run = await runCli([name, '--help']);
      expect(run.code, name).toBe(0);
      expect(run.stdout, name).toMatch(new RegExp(`^usage: survey-toolkit ${name} `));
      expect(run.stderr, name).toBe('');
    }
  }, 60_000);

  it('help lists every command, and every option and format the README uses is in its command’s help', async () => {
    const help = await runCli(['help']);
    expect(help.code).toBe(0);
    for (const name of COMMAND_NAMES) expect(help.stdout).toContain(`survey-toolkit ${name} `);
    const commands = await readmeCommands();
    expect(commands.map((entry) => entry.command)).toEqual(expect.arrayContaining(['report', 'seed', 'demo', 'export']));
    const helps = new Map<string, string>();
    for (const { command, line } of commands) {
      if (command === 'help') continue;
      if (!helps.has(command)) helps.set(command, (await runCli([command, '--help'])).stdout);
      const options = [...line.matchAll(/(--[a-z-]+)/g)].map((match) => match[1]);
      for (const option of options) expect(helps.get(command), line).toContain(option);
      const format = /--format ([a-z]+)/.exec(line)?.[1];
      if (format) expect(help.stdout, line).toMatch(new RegExp(`survey-toolkit ${command} .*--format [a-z|]*\\b${format}\\b`));
    }
  }, 60_000);

  it('still refuses an unknown option with the usage', async () => {
    const run = await runCli(['report', '--no-such-option']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Unknown option '--no-such-option'; usage: survey-toolkit report /);
  });
});

describe('survey-toolkit demo', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cli-demo-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('writes every shipped survey into the store and creates the analyst "demo"; a second run changes nothing', async () => {
    const first = await runCli(['demo', '--count', '40'], { env: { DATA_DIR: dataDir } });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    for (const survey of ['citizen-needs', 'staff-workstyle', 'ward-office-exit']) expect(first.stdout).toContain(`${survey}: wrote 40 synthetic responses`);
    const password = /password \(shown once\): (\S+)/.exec(first.stdout)?.[1];
    expect(password).toBeDefined();

    const store = await openSqliteResponseStore(join(dataDir, 'responses.sqlite'));
    try {
      expect(await store.count({ surveyId: 'ward-office-exit' })).toBe(40);
      // Spread over the last weeks, none later than now: the dashboard's timeline looks current.
      const dates = [];
      for await (const record of store.list({ surveyId: 'citizen-needs' })) dates.push(Date.parse(record.completedAt));
      expect(Math.max(...dates)).toBeLessThanOrEqual(Date.now());
      expect(Math.min(...dates)).toBeGreaterThan(Date.now() - 62 * 86_400_000);
    } finally {
      await store.close();
    }
    const auth = await openAuthStoreInDataDir(dataDir);
    try {
      const user = await auth.findUserByName('demo');
      expect(user?.role).toBe('analyst');
      expect(await verifyPassword(password!, user!.passwordHash)).toBe(true);
    } finally {
      await auth.close();
    }

    // Never made-up answers beside real ones: a survey with responses is left alone, and the account kept.
    const second = await runCli(['demo', '--count', '40'], { env: { DATA_DIR: dataDir } });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('ward-office-exit: left as it is (the store already holds 40 responses)');
    expect(second.stdout).toContain('analyst "demo" already exists; its password is unchanged');
  }, 120_000);

  it('refuses a count that is not a whole number, in one line', async () => {
    const run = await runCli(['demo', '--count', 'many'], { env: { DATA_DIR: dataDir } });
    expect(run).toMatchObject({ code: 2, stderr: 'survey-toolkit demo: --count must be a whole number ≥ 0, got "many"\n' });
  });
});
