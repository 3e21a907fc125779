/**
 * Shortens a label for an axis (the tooltip and the table keep it whole).
 * Labels of the shipped definitions often explain themselves in brackets —
 * "ワンストップ窓口（一つの窓口で関連する手続が済む）" — so the part before the
 * bracket is the name; otherwise the label is cut, counting code points so a
 * kanji is never split.
 */
export function truncateLabel(label: string, maxCharacters: number): string {
  const name = /^(.+?)\s*[（(]/.exec(label)?.[1] ?? label;
  const characters = Array.from(name);
  return characters.length <= maxCharacters ? name : `${characters.slice(0, maxCharacters - 1).join('')}…`;
}
