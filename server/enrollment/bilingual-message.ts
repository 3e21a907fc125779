/**
 * An error message for people, in both of the project's languages, with the
 * reader's first (issue 29: the invitation gate, a Japanese page, showed
 * "This invitation code is not valid … (招待コードが正しくありません)"). The
 * pages that show these messages verbatim (the invitation gate, the kiosk's
 * enrollment) are bilingual, so the other language follows in brackets.
 *
 * The reader's language is the browser's Accept-Language: Japanese first when
 * it prefers Japanese to English. A client that names neither, or sends no
 * header (scripts, curl), keeps the API's English first.
 */
import type { Request } from 'express';

export function bilingualMessage(req: Request | undefined, message: { ja: string; en: string }): string {
  const prefersJapanese = req?.get('accept-language') !== undefined && req.acceptsLanguages('en', 'ja') === 'ja';
  return prefersJapanese ? `${message.ja}（${message.en}）` : `${message.en} (${message.ja})`;
}
