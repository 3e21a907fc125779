/** Bad input in messages: JSON-quoted and cut short, so a message stays one readable line. */
export function quote(value: unknown, maxLength = 80): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
