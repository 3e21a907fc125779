/**
 * The shipped survey definitions with staff-workstyle switched to
 * `"invitations": "required"`, written to a fresh folder, for tests of
 * invitation surveys (the shipped staff survey itself does not require them).
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SHIPPED_DEFINITIONS } from '../auth/start-secure-app.ts';

export const INVITATION_SURVEY = 'staff-workstyle';

export async function writeInvitationDefinitions(dir: string): Promise<string> {
  const definitionsDir = join(dir, 'survey-definitions');
  await cp(SHIPPED_DEFINITIONS, definitionsDir, { recursive: true });
  const file = join(definitionsDir, INVITATION_SURVEY, 'v1.json');
  const json = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  await writeFile(file, JSON.stringify({ ...json, invitations: 'required' }, null, 2));
  return definitionsDir;
}
