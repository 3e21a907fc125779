/**
 * Text that XML 1.0 can carry, for every string written into an XLSX file (cells, headers,
 * sheet names): an XLSX part with one forbidden character is not well-formed, and Excel and
 * LibreOffice then refuse the whole workbook (issue 20, finding 2).
 *
 * XML 1.0 allows tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and U+10000–U+10FFFF
 * (https://www.w3.org/TR/xml/#charsets). So this removes, and changes nothing else:
 * - C0 controls other than tab, LF and CR (NUL first);
 * - U+FFFE and U+FFFF (noncharacters a respondent's keyboard or a broken client can send);
 * - lone surrogates (half of a UTF-16 pair, e.g. an emoji cut in two). A well-formed pair, an
 *   emoji or a rare kanji outside the BMP, stays: with the `u` flag the pattern sees a pair as
 *   one code point above U+FFFF, which it does not match.
 */
const NOT_XML_1_0 = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/gu;

export function xmlSafeText(text: string): string {
  return text.replace(NOT_XML_1_0, '');
}
