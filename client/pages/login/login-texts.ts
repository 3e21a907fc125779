/** The login page's words, Japanese first with an English switch (core/i18n: one dictionary mechanism). */
import { defineTexts } from '../../../core/i18n/define-texts.ts';
import type { Locale } from '../../../core/i18n/locale.ts';

export type LoginLocale = Locale;

export const loginTexts = defineTexts({
  ja: {
  pageTitle: 'ログイン',
  product: '区役所アンケート 分析ダッシュボード',
  intro: '回答データの閲覧には、職員アカウントでのログインが必要です。',
  name: 'ユーザー名',
  password: 'パスワード',
  submit: 'ログイン',
  submitting: 'ログインしています…',
  missing: 'ユーザー名とパスワードを入力してください。',
  invalid: 'ユーザー名またはパスワードが正しくありません。',
  tooMany: (seconds: number | undefined) =>
    seconds ? `ログインの試行が多すぎます。${seconds}秒後にもう一度お試しください。` : 'ログインの試行が多すぎます。しばらくしてからもう一度お試しください。',
  unavailable: (detail: string) => `サーバーに接続できませんでした（${detail}）。`,
  noAccount: 'アカウントは管理者が作成します（survey-toolkit user add）。',
  sessionEnded: 'セッションが終了しました。もう一度ログインしてください。',
  backToSurveys: 'アンケート一覧へ',
  },
  en: {
  pageTitle: 'Log in',
  product: 'Ward-office surveys: analysis dashboard',
  intro: 'Log in with your staff account to see the responses.',
  name: 'User name',
  password: 'Password',
  submit: 'Log in',
  submitting: 'Logging in…',
  missing: 'Enter your user name and password.',
  invalid: 'The user name or the password is wrong.',
  tooMany: (seconds) => (seconds ? `Too many attempts. Try again in ${seconds} s.` : 'Too many attempts. Try again later.'),
  unavailable: (detail) => `Could not reach the server (${detail}).`,
  noAccount: 'Accounts are created by an administrator (survey-toolkit user add).',
  sessionEnded: 'Your session has ended. Please log in again.',
  backToSurveys: 'Survey list',
  },
});

export type LoginTexts = ReturnType<typeof loginTexts>;
