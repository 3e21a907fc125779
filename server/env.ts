/**
 * The server's configuration, read once from the environment at start-up.
 * A bad value stops start-up with one line naming the variable and the value.
 */
import { z } from 'zod';
import { parseTrustProxy } from './auth/parse-trust-proxy.ts';

/**
 * HOST defaults to loopback: `npm start` on a laptop must not open an
 * unauthenticated collection API to everyone on the network. A ward-office
 * deployment serving kiosk tablets sets HOST=0.0.0.0 (or the LAN address)
 * deliberately. Containers must set it too, or port mapping cannot reach the server.
 */
export const DEFAULT_HOST = '127.0.0.1';

const envSchema = z.object({
  // 0 asks the OS for a free port (tests and benchmarks use it).
  PORT: z
    .string()
    .regex(/^\d{1,5}$/, 'must be a port number from 0 to 65535')
    .transform(Number)
    .refine((port) => port <= 65535, 'must be a port number from 0 to 65535')
    .default(3000),
  HOST: z.string().trim().min(1, 'must not be blank').default(DEFAULT_HOST),
  DATA_DIR: z.string().trim().min(1, 'must not be blank').default('./data'),
  DEFINITIONS_DIR: z.string().trim().min(1, 'must not be blank').default('./survey-definitions'),
  BODY_LIMIT: z.string().trim().regex(/^\d+(b|kb|mb)$/i, 'must be a size such as 256kb or 1mb').default('256kb'),
  // Where responses (and accounts) live: SQLite under DATA_DIR, or MongoDB (docs/decisions/0070-deployment-topologies.md).
  STORE: z.enum(['sqlite', 'mongodb'], { error: 'must be "sqlite" (the default) or "mongodb"' }).default('sqlite'),
  // Not checked further here: the driver parses it at start-up and the error hides the password.
  MONGODB_URI: z.string().trim().min(1, 'must not be blank').optional(),
  // Proxies allowed to set X-Forwarded-For/-Proto (server/auth/parse-trust-proxy.ts): a hop count or
  // addresses/subnets; unset = none; "true" is refused (any client could choose its own address).
  TRUST_PROXY: z.string().optional().transform((value, context) => {
    try {
      return parseTrustProxy(value);
    } catch (error) {
      context.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  }),
  // The address tablets and staff open, for the links in enrollment and invitation QR codes
  // (server/enrollment/request-origin.ts). Unset: links only for a Host that names this server.
  PUBLIC_URL: z.string().trim().optional().transform((value, context) => {
    if (value === undefined) return undefined;
    const reason = publicUrlProblem(value);
    if (reason === undefined) return new URL(value).origin;
    context.addIssue({ code: 'custom', message: reason });
    return z.NEVER;
  }),
  // Slow-client limits (slowloris, slow bodies; https://nodejs.org/api/http.html#serverrequesttimeout).
  // A whole request, body included, must arrive within REQUEST_TIMEOUT_MS (a 256 KiB submission takes
  // about 20 s at 100 kbit/s), its headers within HEADERS_TIMEOUT_MS; the answer then is 408.
  REQUEST_TIMEOUT_MS: milliseconds(30_000),
  HEADERS_TIMEOUT_MS: milliseconds(10_000),
  // Open connections at once; beyond it new ones are closed at once, so a flood of idle sockets
  // cannot exhaust file descriptors or memory.
  MAX_CONNECTIONS: z.string().regex(/^[1-9]\d{0,6}$/, 'must be a whole number from 1 to 9999999').transform(Number).default(1000),
  // Login and submission rate limits (docs/decisions/0063-abuse-limits-per-kiosk-and-address.md); "off" for benchmarks only.
  ABUSE_LIMITS: z.enum(['on', 'off'], { error: 'must be "on" (the default) or "off" (benchmarks only)' }).default('on'),
}).superRefine((env, context) => {
  if (env.HEADERS_TIMEOUT_MS > env.REQUEST_TIMEOUT_MS) {
    context.addIssue({ code: 'custom', path: ['HEADERS_TIMEOUT_MS'], message: `must not be longer than REQUEST_TIMEOUT_MS (${env.REQUEST_TIMEOUT_MS})` });
  }
  if (env.STORE === 'mongodb' && !env.MONGODB_URI) {
    context.addIssue({ code: 'custom', path: ['MONGODB_URI'], message: 'must be set when STORE=mongodb, e.g. mongodb://db1,db2,db3/survey_toolkit?replicaSet=rs0' });
  }
});

/** Why `value` cannot be PUBLIC_URL: an origin (scheme, host, port) and nothing else; undefined when it can. */
function publicUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    url = new URL('invalid:');
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    return 'must be the address people open, such as https://survey.example.jp (http or https, a host and an optional port)';
  }
  if (url.username !== '' || url.password !== '') return 'must not contain a user name or password';
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || /[?#]/.test(value)) {
    return 'must have no path, query or fragment: the server is served from the root, e.g. https://survey.example.jp';
  }
  return undefined;
}

/** A duration in whole milliseconds, at least 100 (anything shorter is a typo for seconds). */
function milliseconds(fallback: number) {
  return z
    .string()
    .regex(/^\d{1,9}$/, 'must be a whole number of milliseconds, e.g. 30000')
    .transform(Number)
    .refine((ms) => ms >= 100, 'must be at least 100 (milliseconds, not seconds)')
    .default(fallback);
}

export type ServerEnv = z.infer<typeof envSchema>;

/** Thrown for bad configuration; the message is the one line main prints. */
export class EnvError extends Error {
  override name = 'EnvError';
}

/** Parses `env` (process.env); empty strings count as unset, like most shells' `VAR= npm start`. */
export function parseServerEnv(env: Record<string, string | undefined>): ServerEnv {
  const known = Object.keys(envSchema.shape) as Array<keyof ServerEnv>;
  const input = Object.fromEntries(known.map((name) => [name, env[name] === '' ? undefined : env[name]]));
  const result = envSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = String(issue.path[0]);
  throw new EnvError(`bad configuration: ${name}=${JSON.stringify(env[name])} ${issue.message}`);
}
