/**
 * One button per language the definition carries, each named in its own
 * language. aria-pressed tells screen readers which one is active.
 */
import { describeLanguage } from '../survey/describe-language.ts';

export function LanguageSwitch(props: { languages: readonly string[]; current: string; onChange: (locale: string) => void }) {
  if (props.languages.length < 2) return null;
  return (
    <div className="language-switch" role="group" aria-label="言語 / Language">
      {props.languages.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          className="language-switch__button"
          aria-pressed={locale === props.current}
          onClick={() => props.onChange(locale)}
        >
          {describeLanguage(locale)}
        </button>
      ))}
    </div>
  );
}
