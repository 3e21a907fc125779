import type { Response } from 'playwright-core';

/**
 * A response's JSON body, as a `page.on('response')` listener reads it; undefined when the browser no longer has
 * the body (the page navigated away or closed at the end of a test). Read in a listener, an unawaited rejection
 * there would fail the whole run as an unhandled error, for a body no test looks at any more.
 */
export async function readResponseJson<T>(response: Response): Promise<T | undefined> {
  try {
    return (await response.json()) as T;
  } catch (error) {
    if (/No data found for resource|Target page, context or browser has been closed|navigated away/i.test((error as Error).message)) return undefined;
    throw error;
  }
}
