import { describe, expect, it } from 'vitest';
import { parseServerEnv } from '../../server/env.ts';

describe('parseServerEnv', () => {
  it('defaults to port 3000 on loopback, ./data, ./survey-definitions and a 256kb body limit', () => {
    const { PORT, HOST, DATA_DIR, DEFINITIONS_DIR, BODY_LIMIT } = parseServerEnv({});
    expect({ PORT, HOST, DATA_DIR, DEFINITIONS_DIR, BODY_LIMIT }).toEqual({
      PORT: 3000,
      HOST: '127.0.0.1',
      DATA_DIR: './data',
      DEFINITIONS_DIR: './survey-definitions',
      BODY_LIMIT: '256kb',
    });
  });

  it('reads each variable, and treats an empty one as unset', () => {
    const env = parseServerEnv({ PORT: '8080', HOST: '0.0.0.0', DATA_DIR: '/srv/data', DEFINITIONS_DIR: '', BODY_LIMIT: '1mb' });
    expect([env.PORT, env.HOST, env.DATA_DIR, env.DEFINITIONS_DIR, env.BODY_LIMIT]).toEqual([8080, '0.0.0.0', '/srv/data', './survey-definitions', '1mb']);
    expect(parseServerEnv({ PORT: '0' }).PORT).toBe(0);
  });

  it.each([
    [{ PORT: 'abc' }, 'bad configuration: PORT="abc" must be a port number from 0 to 65535'],
    [{ PORT: '70000' }, 'bad configuration: PORT="70000" must be a port number from 0 to 65535'],
    [{ PORT: '-1' }, 'bad configuration: PORT="-1" must be a port number from 0 to 65535'],
    [{ PORT: '80.5' }, 'bad configuration: PORT="80.5" must be a port number from 0 to 65535'],
    [{ BODY_LIMIT: 'lots' }, 'bad configuration: BODY_LIMIT="lots" must be a size such as 256kb or 1mb'],
    [{ DATA_DIR: '   ' }, 'bad configuration: DATA_DIR="   " must not be blank'],
    [{ TRUST_PROXY: 'true' }, 'bad configuration: TRUST_PROXY="true" must not be true: that trusts every X-Forwarded-For entry, so any client could choose its own address; give the number of proxies in front of this server (e.g. 1) or their addresses/subnets (e.g. loopback or 10.0.0.0/8)'],
    [{ TRUST_PROXY: 'TRUE' }, 'bad configuration: TRUST_PROXY="TRUE" must not be true'],
    [{ TRUST_PROXY: 'yes' }, 'bad configuration: TRUST_PROXY="yes" must be a hop count (e.g. 1) or the proxies\' addresses/subnets (e.g. loopback or 10.0.0.0/8); "yes" is neither'],
    [{ TRUST_PROXY: '10.0.0.0/8, proxy.example' }, '"proxy.example" is neither'],
    [{ PUBLIC_URL: 'survey.example.jp' }, 'bad configuration: PUBLIC_URL="survey.example.jp" must be the address people open, such as https://survey.example.jp (http or https, a host and an optional port)'],
    [{ PUBLIC_URL: 'ftp://survey.example.jp' }, 'bad configuration: PUBLIC_URL="ftp://survey.example.jp" must be the address'],
    [{ PUBLIC_URL: 'https://survey.example.jp/toolkit' }, 'bad configuration: PUBLIC_URL="https://survey.example.jp/toolkit" must have no path, query or fragment: the server is served from the root'],
    [{ PUBLIC_URL: 'https://survey.example.jp/?a=1' }, 'must have no path, query or fragment'],
    [{ PUBLIC_URL: 'https://admin:secret@survey.example.jp' }, 'must not contain a user name or password'],
  ])('refuses %j with one line naming the variable and the value', (env, message) => {
    expect(() => parseServerEnv(env)).toThrow(message);
    try {
      parseServerEnv(env);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('TRUST_PROXY: unset or false trusts no proxy; a hop count or a list of addresses/subnets trusts those', () => {
    expect(parseServerEnv({}).TRUST_PROXY).toBe(false);
    expect(parseServerEnv({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(parseServerEnv({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(parseServerEnv({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(parseServerEnv({ TRUST_PROXY: 'loopback, 10.0.0.0/8, 192.168.1.5, fd00::/8' }).TRUST_PROXY).toEqual(['loopback', '10.0.0.0/8', '192.168.1.5', 'fd00::/8']);
  });

  it('PUBLIC_URL: unset by default; otherwise its origin, without a trailing slash', () => {
    expect(parseServerEnv({}).PUBLIC_URL).toBeUndefined();
    expect(parseServerEnv({ PUBLIC_URL: 'https://Survey.Example.jp/' }).PUBLIC_URL).toBe('https://survey.example.jp');
    expect(parseServerEnv({ PUBLIC_URL: 'http://192.168.1.10:3000' }).PUBLIC_URL).toBe('http://192.168.1.10:3000');
    expect(parseServerEnv({ PUBLIC_URL: 'https://survey.example.jp:443' }).PUBLIC_URL).toBe('https://survey.example.jp');
  });
});
