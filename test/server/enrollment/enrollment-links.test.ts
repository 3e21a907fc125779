/**
 * Links printed in enrollment and invitation QR codes never point where a request's Host
 * header says (issue 20, finding 11): they come from PUBLIC_URL, or, without it, from a Host
 * that names this server (loopback, or the address the request arrived on). Through the real
 * HTTP server on loopback; node:http, because fetch always sends the Host it connects to.
 */
import { request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ownOrigin } from '../../../server/enrollment/request-origin.ts';
import { bearer, startSecureApp, type SecureApp } from '../auth/start-secure-app.ts';
import { INVITATION_SURVEY, writeInvitationDefinitions } from './invitation-definitions.ts';

let tempDir: string;
let definitionsDir: string;
beforeAll(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'enrollment-links-'));
  definitionsDir = await writeInvitationDefinitions(tempDir);
});
afterAll(async () => {
  await rm(tempDir, { recursive: true, force: true });
});

let app: SecureApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** POST with the Host header chosen, as an admin (the only role that can reach these routes). */
function post(path: string, host: string, body: unknown): Promise<{ status: number; body: any }> {
  const { hostname, port } = new URL(app!.url);
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { hostname, port, path, method: 'POST', headers: { host, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...bearer(app!.tokens.admin) } },
      (answer) => {
        let received = '';
        answer.setEncoding('utf8');
        answer.on('data', (chunk) => (received += chunk));
        answer.on('end', () => resolve({ status: answer.statusCode!, body: JSON.parse(received) }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(text);
  });
}

const createKiosk = (host: string, kioskId = 'chuo-01') => post('/api/kiosks', host, { kioskId, ward: 'chuo', surveyId: 'ward-office-exit' });
const createCodes = (host: string) => post(`/api/surveys/${INVITATION_SURVEY}/invitations`, host, { count: 2 });

async function kioskIds(): Promise<string[]> {
  const listed = (await (await fetch(`${app!.url}/api/kiosks`, { headers: bearer(app!.tokens.admin) })).json()) as Array<{ kioskId: string }>;
  return listed.map((kiosk) => kiosk.kioskId);
}

describe('without PUBLIC_URL', () => {
  it('refuses Host: evil.example:1 with a 400 naming the host, and creates nothing', async () => {
    app = await startSecureApp({ definitionsDir });
    const kiosk = await createKiosk('evil.example:1');
    expect(kiosk.status).toBe(400);
    expect(kiosk.body.error.code).toBe('host_not_allowed');
    expect(kiosk.body.error.message).toContain('"evil.example:1"');
    expect(kiosk.body.error.message).toContain('PUBLIC_URL');
    expect(JSON.stringify(kiosk.body)).not.toMatch(/evil\.example:1\/kiosk|data:image/);
    expect(await kioskIds()).toEqual([]);

    const codes = await createCodes('evil.example:1');
    expect(codes.status).toBe(400);
    expect(codes.body.error.code).toBe('host_not_allowed');
    const batches = await (await fetch(`${app.url}/api/surveys/${INVITATION_SURVEY}/invitations`, { headers: bearer(app.tokens.admin) })).json();
    expect(batches).toEqual([]);
  });

  it('refuses other hosts too: a name that resolves here, a foreign address, a port that is not ours', async () => {
    app = await startSecureApp({ definitionsDir });
    const port = new URL(app.url).port;
    for (const host of ['survey.example.jp', `10.0.0.1:${port}`, `127.0.0.1.nip.io:${port}`, 'localhost.evil.example', `[::2]:${port}`]) {
      const answer = await createKiosk(host);
      expect(answer.status, host).toBe(400);
      expect(answer.body.error.message, host).toContain(JSON.stringify(host));
    }
  });

  it('uses a Host that names this server: the loopback names and addresses, on any port', async () => {
    app = await startSecureApp({ definitionsDir });
    const port = new URL(app.url).port;
    const cases: Array<[string, string]> = [
      [`127.0.0.1:${port}`, `http://127.0.0.1:${port}`],
      ['localhost:5173', 'http://localhost:5173'],
      ['LOCALHOST', 'http://localhost'],
      ['[::1]:8080', 'http://[::1]:8080'],
    ];
    let n = 0;
    for (const [host, origin] of cases) {
      const answer = await createKiosk(host, `chuo-0${++n}`);
      expect(answer.status, host).toBe(201);
      expect(answer.body.url).toBe(`${origin}/kiosk/ward-office-exit?ward=chuo&enroll=${answer.body.code}`);
    }
    const codes = await createCodes(`127.0.0.1:${port}`);
    expect(codes.status).toBe(201);
    expect(codes.body.codes[0].url).toBe(`http://127.0.0.1:${port}/s/${INVITATION_SURVEY}?code=${codes.body.codes[0].code}`);
  });
});

describe('with PUBLIC_URL', () => {
  it('every link and QR code points there, whatever the Host header says', async () => {
    app = await startSecureApp({ definitionsDir, publicUrl: 'https://survey.city.example.jp' });
    const kiosk = await createKiosk('evil.example:1');
    expect(kiosk.status).toBe(201);
    expect(kiosk.body.url).toBe(`https://survey.city.example.jp/kiosk/ward-office-exit?ward=chuo&enroll=${kiosk.body.code}`);
    const codes = await createCodes('evil.example:1');
    expect(codes.status).toBe(201);
    for (const { url } of codes.body.codes) expect(url).toMatch(/^https:\/\/survey\.city\.example\.jp\/s\//);
    expect(codes.body.csv).not.toContain('evil.example');
  });
});

describe('which Host names this server (without PUBLIC_URL)', () => {
  const lan = { localAddress: '::ffff:192.168.1.10', localPort: 3000 }; // a dual-stack socket on the office LAN

  it('the IP address and port the request arrived on', () => {
    expect(ownOrigin('http', '192.168.1.10:3000', lan)).toBe('http://192.168.1.10:3000');
    expect(ownOrigin('http', '192.168.1.10', { localAddress: '192.168.1.10', localPort: 80 })).toBe('http://192.168.1.10');
    expect(ownOrigin('https', '192.168.1.10', { localAddress: '192.168.1.10', localPort: 443 })).toBe('https://192.168.1.10');
    expect(ownOrigin('http', '[fd00::10]:3000', { localAddress: 'fd00::10', localPort: 3000 })).toBe('http://[fd00::10]:3000');
  });

  it('not another address, another port, a name, or anything that is not a plain host', () => {
    for (const host of ['192.168.1.11:3000', '192.168.1.10:3001', '192.168.1.10', 'survey.local:3000', 'evil@127.0.0.1', '127.0.0.1/x', '', '[fd00::11]:3000']) {
      expect(ownOrigin('http', host, lan), host).toBeUndefined();
    }
  });
});
