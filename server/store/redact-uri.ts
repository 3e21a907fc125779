/**
 * A MongoDB URI without its password, for error messages and logs. On its own, without the driver: the start-up
 * line of a server on SQLite names no MongoDB and must not load the driver to say so.
 */
export function redactUri(uri: string): string {
  return uri.replace(/^(mongodb(?:\+srv)?:\/\/[^:/@]+):[^@/]*@/, '$1:***@');
}
