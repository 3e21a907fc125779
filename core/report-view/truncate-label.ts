/**
 * Labels for a chart's axis (the tooltip and the table keep them whole). An axis label is wrapped
 * onto at most two lines rather than cut: a cut label (「祉（高齢者…」, "Finishing everything at…")
 * loses the words that tell two options apart. Only a label too long even for two lines is
 * shortened, in the middle, so both its start and its end stay readable.
 *
 * Widths are counted in half-width units (a kanji or kana counts 2, a Latin letter 1), so one
 * budget fits both languages at the same font size.
 */

/** Half-width units per axis line: about 14 kanji, or 28 Latin letters, at the charts' 12 px. */
export const AXIS_LINE_UNITS = 28;

function units(character: string): number {
  const code = character.codePointAt(0) ?? 0;
  // Half-width Latin, digits and punctuation; half-width katakana (U+FF61–FF9F).
  return code < 0x1100 || (code >= 0xff61 && code <= 0xff9f) ? 1 : 2;
}

function width(characters: readonly string[]): number {
  return characters.reduce((sum, character) => sum + units(character), 0);
}

/** A text's width in half-width units (a kanji 2, a Latin letter 1). */
export function labelUnits(text: string): number {
  return width(Array.from(text));
}

/** Breaks before which a line may end: after a space, after a Japanese bracket's close or punctuation, before an opening bracket. */
function breakScore(characters: readonly string[], at: number): number {
  const before = characters[at - 1];
  const after = characters[at];
  if (before === ' ' || after === ' ') return 3;
  if (/[（(「『【]/.test(after)) return 3;
  if (/[）)」』】、，,・／/：:]/.test(before)) return 2;
  // Between two Latin letters a break would split a word.
  if (/[A-Za-z0-9]/.test(before) && /[A-Za-z0-9]/.test(after)) return -1;
  return 1;
}

/**
 * The label as one or two axis lines of at most `lineUnits` each: a string when it fits on one,
 * else two lines, the second shortened in its middle with 「…」 when the label is longer still.
 */
export function wrapLabel(label: string, lineUnits: number = AXIS_LINE_UNITS): string | string[] {
  const characters = Array.from(label.trim());
  if (width(characters) <= lineUnits) return characters.join('');
  // The best break that leaves the first line full enough (at least half) and within its budget.
  let best = -1;
  let bestScore = -Infinity;
  let used = 0;
  for (let at = 1; at < characters.length; at++) {
    used += units(characters[at - 1]);
    if (used > lineUnits) break;
    const score = breakScore(characters, at) + (used >= lineUnits / 2 ? used / lineUnits : -2);
    if (score >= bestScore) {
      best = at;
      bestScore = score;
    }
  }
  if (best < 1) best = 1;
  const first = characters.slice(0, best).join('').trimEnd();
  const rest = characters.slice(best).join('').trim();
  return [first, middleEllipsis(Array.from(rest), lineUnits)];
}

/** Keeps the start and the end of a line too long for `lineUnits`, with 「…」 between. */
function middleEllipsis(characters: string[], lineUnits: number): string {
  if (width(characters) <= lineUnits) return characters.join('');
  const budget = lineUnits - 2;
  const head: string[] = [];
  const tail: string[] = [];
  let used = 0;
  let left = 0;
  let right = characters.length - 1;
  // Alternate from both ends so the shortened line keeps as much of each.
  while (left <= right) {
    const fromHead = head.length <= tail.length;
    const character = fromHead ? characters[left] : characters[right];
    if (used + units(character) > budget) break;
    used += units(character);
    if (fromHead) head.push(characters[left++]);
    else tail.unshift(characters[right--]);
  }
  return `${head.join('').trimEnd()}…${tail.join('').trimStart()}`;
}

/** One line of a wrapped label, for a place that takes a single string (a point label). */
export function truncateLabel(label: string, maxCharacters: number): string {
  const name = /^(.+?)\s*[（(]/.exec(label)?.[1] ?? label;
  const characters = Array.from(name);
  return characters.length <= maxCharacters ? name : `${characters.slice(0, maxCharacters - 1).join('')}…`;
}
