/** A title for a heading or a picker: the question without its polite request ("…を教えてください。"). */
export function shortLabel(title: string): string {
  return title.replace(/(を|は)?(一つ|ひとつ)?(教えてください|お選びください|お聞かせください)。?$/, '').replace(/[?？]$/, '');
}
