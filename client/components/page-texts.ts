/**
 * Texts of our own page chrome (not survey-core's, not the definition's), in
 * Japanese and English. Other languages a definition may carry fall back to
 * English, which visitors of any language are likelier to read than Japanese.
 * One dictionary mechanism for every page (core/i18n/define-texts.ts).
 */
import { defineTexts } from '../../core/i18n/define-texts.ts';

export interface PageTexts {
  offline: string;
  thankYouTitle: string;
  thankYouBody: string;
  returningIn: (seconds: number) => string;
  backToStart: string;
  stillAnswering: string;
  clearingIn: (seconds: number) => string;
  continueAnswering: string;
  startOver: string;
  saving: string;
  saveFailed: string;
  trySavingAgain: string;
  sentToServer: string;
  keptOnDevice: string;
  alreadyAnswered: string;
  answerAgain: string;
  resumed: string;
  discardAndRestart: string;
  /** Under an "up to N" question: how many are chosen. */
  choicesChosen: (chosen: number, most: number) => string;
  /** Under an "up to N" question once N are chosen, and after a tap on a choice that cannot be added. */
  choiceLimitReached: (most: number) => string;
  /** A select-to-rank question's empty ranked area: tapping, not dragging, is what works on a touch screen. */
  rankingHint: string;
  /** The kiosk's notice once the server refused this tablet: an admin revoked it. */
  kioskRevoked: string;
  /** The same when the server does not know the tablet's credential at all. */
  kioskNotRecognised: string;
  /** How many answers the tablet still holds, unsent. */
  kioskHeldAnswers: (count: number) => string;
  /** What staff do about it. */
  kioskReenrollHint: string;
}

const texts = defineTexts<PageTexts>({
  ja: {
  offline: 'オフラインです。回答はこの端末に保存され、接続が戻ると自動で送信されます。',
  thankYouTitle: 'ご回答ありがとうございました',
  thankYouBody: 'いただいたご意見は、区役所のサービス改善に役立てます。',
  returningIn: (seconds) => `${seconds}秒後に最初の画面に戻ります。`,
  backToStart: '最初の画面に戻る',
  stillAnswering: 'まだ回答中ですか？',
  clearingIn: (seconds) => `操作がないため、あと${seconds}秒で回答を消去して最初からやり直します。`,
  continueAnswering: '回答を続ける',
  startOver: '最初からやり直す',
  saving: '回答を保存しています…',
  saveFailed: '回答をこの端末に保存できませんでした。お手数ですが係員にお知らせください。',
  trySavingAgain: 'もう一度保存する',
  sentToServer: '回答は送信されました。',
  keptOnDevice: '回答はこの端末に保存されました。接続が戻ると自動で送信されます（このページをもう一度開いたときにも送信されます）。',
  alreadyAnswered: 'この端末からの回答はすでに受け付けています。',
  answerAgain: '新しく回答する',
  resumed: '前回の回答の続きから再開しています。',
  discardAndRestart: '最初から回答し直す',
  choicesChosen: (chosen, most) => `${chosen}つ選択中（${most}つまで選べます）`,
  choiceLimitReached: (most) => `${most}つ選びました。ほかの項目を選ぶには、先に選んだ項目のチェックを外してください。`,
  rankingHint: '下の項目を、優先する順にタップしてください（最初にタップしたものが1位）。選んだ項目をもう一度タップすると、下に戻ります。',
  kioskRevoked: 'この端末は登録が取り消されました。係員にお知らせください',
  kioskNotRecognised: 'この端末の登録を確認できません。係員にお知らせください',
  kioskHeldAnswers: (count) =>
    count === 0 ? 'この端末に、送信されていない回答はありません。' : `この端末には、まだ送信されていない回答が ${count} 件あります。消さずに保管しています。`,
  kioskReenrollHint: '係員の方へ：管理画面（/admin）で新しい登録コードを発行し、画面下の「送信待ち」を2秒長押しして登録し直してください。保管中の回答は「保留分を再送する」で送信できます。',
  },
  en: {
  offline: 'You are offline. Your answers are kept on this device and sent automatically when the connection returns.',
  thankYouTitle: 'Thank you for your answers',
  thankYouBody: 'Your views will help us improve the ward offices.',
  returningIn: (seconds) => `Returning to the start in ${seconds} s.`,
  backToStart: 'Back to the start',
  stillAnswering: 'Are you still answering?',
  clearingIn: (seconds) => `Nobody has touched the screen for a while. In ${seconds} s the answers will be cleared and the survey starts over.`,
  continueAnswering: 'Continue answering',
  startOver: 'Start over',
  saving: 'Saving your answers…',
  saveFailed: 'Your answers could not be saved on this device. Please tell a member of staff.',
  trySavingAgain: 'Try saving again',
  sentToServer: 'Your answers have been sent.',
  keptOnDevice: 'Your answers are saved on this device and will be sent automatically when the connection returns (or when you open this page again).',
  alreadyAnswered: 'This device has already sent an answer to this survey.',
  answerAgain: 'Answer again',
  resumed: 'You are continuing where you left off.',
  discardAndRestart: 'Start again from the beginning',
  choicesChosen: (chosen, most) => `${chosen} of ${most} chosen (you can choose up to ${most})`,
  choiceLimitReached: (most) => `You have chosen ${most}, the most allowed. To choose another, first untick one you chose.`,
  rankingHint: 'Tap the items below in order of priority (the first you tap is number 1). Tap a chosen item again to put it back.',
  kioskRevoked: 'This tablet’s registration has been withdrawn. Please tell a member of staff.',
  kioskNotRecognised: 'This tablet’s registration cannot be confirmed. Please tell a member of staff.',
  kioskHeldAnswers: (count) =>
    count === 0
      ? 'No unsent answers are kept on this tablet.'
      : `${count} ${count === 1 ? 'answer has' : 'answers have'} not been sent yet. ${count === 1 ? 'It is' : 'They are'} kept safely on this tablet.`,
  kioskReenrollHint: 'For staff: make a new enrollment code in the admin page (/admin), hold “送信待ち” at the bottom of the screen for 2 seconds and enroll the tablet again. Then send the kept answers with “Retry rejected”.',
  },
});

/** `locale` is the survey's language, which may be one we have no page texts in: English then. */
export function pageTexts(locale: string): PageTexts {
  return texts(locale === 'ja' ? 'ja' : 'en');
}
