/**
 * Escaping for the rendered reports: every label, comment and value is data, never markup.
 */

/** Text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text for Markdown: HTML special characters become entities (most Markdown renderers pass raw
 * HTML through), Markdown punctuation is backslash-escaped, and line breaks become spaces so a
 * value stays in its table cell or list item.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[&<>]/g, (c) => HTML_ENTITIES[c])
    .replace(/[\\`*_{}[\]()#+!|~]/g, (c) => `\\${c}`)
    // A line start that would open a list or a quote; only punctuation can be backslash-escaped.
    .replace(/^(\s*)([-+>])(?=\s|$)/, '$1\\$2')
    .replace(/^(\s*)(\d+)([.)])(?=\s|$)/, '$1$2\\$3');
}

/**
 * JSON inside `<script type="application/json">`: `<` is written as \u003c so that no
 * "</script>" or "<!--" in a comment can end or change the script element.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
