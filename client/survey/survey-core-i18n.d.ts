/** survey-core 3 ships its UI-string modules without type declarations; they only register a locale on import. */
declare module 'survey-core/i18n/*';
