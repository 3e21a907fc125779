/**
 * The words of the 「設問別」 view of a signature or file question (issue 22): counts only, never a file. Their own
 * dictionary beside dashboard-texts.ts, through the one mechanism (core/i18n/define-texts.ts).
 */
import { defineTexts } from '../../../core/i18n/define-texts.ts';

export const attachmentCountsTexts = defineTexts({
  ja: {
    caption: (signature: boolean): string => (signature ? '署名の件数' : '添付ファイルの件数'),
    item: '項目',
    count: '件数',
    share: '割合',
    withAttachment: (signature: boolean): string => (signature ? '署名した回答者' : 'ファイルを添付した回答者'),
    withoutAttachment: (signature: boolean): string => (signature ? '署名のない回答者' : '添付のない回答者'),
    files: 'ファイル数',
    perRespondent: (mean: string) => `（1人あたり ${mean}件）`,
    people: (n: string) => `${n}人`,
    fileCount: (n: string) => `${n}件`,
    selected: (n: string) => `絞り込んだ回答 ${n}件のうち`,
    hidden: (min: string) => `＊ 添付した回答者が${min}人未満のため、件数を表示していません。`,
    privacy: '署名・添付ファイルの内容は、ダッシュボードにもレポートにも表示しません。ファイルは管理者が個人情報を含むエクスポート（監査ログに記録）で取り出せます。',
    loading: '件数を読み込み中…',
    failed: (message: string) => `件数を読み込めませんでした: ${message}`,
  },
  en: {
    caption: (signature: boolean) => (signature ? 'Signatures' : 'Attached files'),
    item: 'Item',
    count: 'Count',
    share: 'Share',
    withAttachment: (signature: boolean) => (signature ? 'Respondents who signed' : 'Respondents who attached files'),
    withoutAttachment: (signature: boolean) => (signature ? 'Respondents without a signature' : 'Respondents without a file'),
    files: 'Files',
    perRespondent: (mean: string) => ` (${mean} per respondent)`,
    people: (n: string) => n,
    fileCount: (n: string) => n,
    selected: (n: string) => `Of the ${n} responses selected`,
    hidden: (min: string) => `＊ Fewer than ${min} respondents attached something, so the counts are not shown.`,
    privacy: 'What was signed or attached is never shown, here or in a report. Admins take the files out with an export that includes personal data (recorded in the audit log).',
    loading: 'Loading the counts…',
    failed: (message: string) => `The counts could not be loaded: ${message}`,
  },
});
