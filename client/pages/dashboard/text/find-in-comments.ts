/**
 * A word as written in the comments the dashboard holds (the newest, masked): the comments containing it and
 * its keyword in context, `width` characters either side, line breaks as spaces. Compared after NFKC with
 * Latin letters lower-cased, as the coding rules compare words; a conjugated verb (待つ → 待っ) is missed,
 * which the view says.
 */
export interface InContext {
  left: string;
  keyword: string;
  right: string;
}

export function findInComments(texts: readonly string[], word: string, width = 20): { comments: string[]; rows: InContext[] } {
  const target = word.normalize('NFKC').toLowerCase();
  const comments: string[] = [];
  const rows: InContext[] = [];
  if (target === '') return { comments, rows };
  for (const text of texts) {
    // NFKC keeps the length of the kana and kanji the words are made of; the search runs on the same form it shows.
    const shown = text.normalize('NFKC').replace(/[\r\n]+/g, ' ');
    const folded = shown.toLowerCase();
    let at = folded.indexOf(target);
    if (at < 0) continue;
    comments.push(text);
    while (at >= 0) {
      rows.push({ left: shown.slice(Math.max(0, at - width), at), keyword: shown.slice(at, at + target.length), right: shown.slice(at + target.length, at + target.length + width) });
      at = folded.indexOf(target, at + target.length);
    }
  }
  return { comments, rows };
}
