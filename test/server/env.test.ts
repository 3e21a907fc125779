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
  ])('refuses %j with one line naming the variable and the value', (env, message) => {
    expect(() => parseServerEnv(env)).toThrow(message);
    try {
      parseServerEnv(env);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });
});
