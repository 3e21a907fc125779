/**
 * The sentences seeded comments are made of (issue 27, item 4): complaints and wishes residents write about ward
 * offices, by topic, in varied wording. Data only; analysis/text/compose-comment.ts puts them together.
 *
 * Slots, filled at random: {wait} a waiting time, {place} a counter, {procedure} a procedure, {phone} {email}
 * {myNumber} personal data (generated, never real). `weight` is a topic's share at the middle age, `ageLean` how it
 * grows with age (weight · exp(ageLean · (age − 0.5))), `digitalLean` the same with digital habits, so that the code
 * cross-tabs by age band show something real: the old write about waiting, parking and signage, the young about
 * online procedures, reservations and paper.
 */
export type CommentTopic = 'waiting' | 'paperForms' | 'parking' | 'online' | 'reservation' | 'staffManner' | 'signage';

export interface TopicTemplates {
  weight: number;
  ageLean: number;
  digitalLean: number;
  sentences: readonly string[];
}

export const COMMENT_TOPICS: Record<CommentTopic, TopicTemplates> = {
  waiting: {
    weight: 30,
    ageLean: 1.0,
    digitalLean: 0,
    sentences: [
      '待ち時間が長すぎます。{wait}も待たされました。',
      '{place}の待ち時間をもっと短くしてほしい。',
      '番号札を取ってから{wait}待ちました。待ち時間の目安を表示してください。',
      '混雑していて、呼ばれるまでずっと立って待っていました。',
      '{procedure}だけなのに{wait}かかり、仕事を休むことになりました。',
      '待合のいすが少なく、長い待ち時間がつらかったです。',
      '昼休みの時間帯は{place}が一つしか開いておらず、待ち時間が長い。',
    ],
  },
  paperForms: {
    weight: 20,
    ageLean: -0.8,
    digitalLean: 0.4,
    sentences: [
      '同じ内容を何枚もの書類に書かされるのは無駄だと思います。',
      '{procedure}の書類が多すぎて、どれに何を書けばいいのか分かりません。',
      'いまだに押印が必要な書類があるのは時代遅れです。',
      '書類の記入例が分かりにくく、{place}で書き直しになりました。',
      '紙の申請書をやめて、書かない窓口を広げてほしい。',
      '住所や氏名を書類ごとに書くのが面倒です。',
      'ハンコを忘れて出直しになりました。押印をなくしてください。',
    ],
  },
  parking: {
    weight: 14,
    ageLean: 1.2,
    digitalLean: 0,
    sentences: [
      '駐車場が狭く、満車で入れませんでした。',
      '駐車場の台数を増やしてほしいです。',
      '冬は駐車場の除雪が不十分で危ないです。',
      '駐車場から入口までが遠く、足が悪いと大変です。',
      '駐車場が有料なのは不便です。手続きの間だけでも無料にしてほしい。',
      '駐車場の入口が分かりにくく、何度も周りを回りました。',
    ],
  },
  online: {
    weight: 22,
    ageLean: -1.6,
    digitalLean: 1.5,
    sentences: [
      '{procedure}をオンラインでできるようにしてほしい。',
      'オンライン申請ができれば、わざわざ区役所に来なくて済みます。',
      'マイナンバーカードでスマホから手続きできると助かります。',
      '電子申請の画面が使いにくく、結局{place}に来ました。',
      '平日に休めないので、オンライン手続きを増やしてください。',
      'Web申請に対応している手続きが少なすぎます。',
      'コンビニやオンラインで証明書が取れることをもっと知らせてほしい。',
    ],
  },
  reservation: {
    weight: 16,
    ageLean: -0.6,
    digitalLean: 0.8,
    sentences: [
      '{place}の予約ができれば、待たずに済むと思います。',
      '窓口予約をネットでできるようにしてください。',
      '予約した時間に行ったのに{wait}待たされました。',
      '予約システムがあれば仕事の合間に来られます。',
      '電話でしか予約できないのは不便です。',
      'オンライン予約の枠が少なく、すぐに埋まってしまいます。',
    ],
  },
  staffManner: {
    weight: 14,
    ageLean: 0.3,
    digitalLean: 0,
    sentences: [
      '職員の対応が丁寧で、とても分かりやすかったです。',
      '職員の説明が早口で、よく分かりませんでした。',
      '{place}の職員の態度が冷たく感じました。',
      '親切に対応していただき、ありがとうございました。',
      '担当者によって説明が違い、困りました。',
      '職員の方が書き方を一緒に確認してくれて助かりました。',
    ],
  },
  signage: {
    weight: 12,
    ageLean: 1.4,
    digitalLean: 0,
    sentences: [
      'どの窓口に行けばいいのか案内表示が分かりにくいです。',
      '案内板の文字が小さくて読めません。',
      '{procedure}の{place}がどこにあるのか分かりませんでした。',
      '館内の表示をもっと大きく、分かりやすくしてほしい。',
      '番号の呼び出し表示が見えにくい場所にあります。',
      '外国語の案内表示も増やしてほしいです。',
    ],
  },
};

export const SLOT_VALUES = {
  wait: ['30分', '40分', '1時間', '1時間半', '2時間'],
  place: ['窓口', '区役所', '受付', '戸籍住民課の窓口', '保険年金課'],
  procedure: ['転入届', '住民票の請求', '児童手当の申請', '介護保険の手続き', '印鑑登録', '国民健康保険の手続き', 'マイナンバーカードの申請'],
} as const;

/** Openings and closings some comments have; they carry no topic. */
export const OPENINGS: readonly string[] = ['いつもお世話になっております。', '先日、区役所を利用しました。', '要望です。', '一言だけ。'];
export const CLOSINGS: readonly string[] = ['よろしくお願いします。', '改善を期待しています。', 'ご検討ください。', 'よろしくお願いいたします。'];

/** Sentences that carry personal data, so that seeded comments always exercise the mask. */
export const PERSONAL_DATA_SENTENCES: readonly string[] = [
  '詳しくは{phone}までご連絡ください。',
  '折り返しの電話を{phone}にお願いします。',
  '回答は{email}に送ってください。',
  '連絡先：{email}',
  'マイナンバーは{myNumber}です。申請の状況を確認してください。',
  '私の個人番号{myNumber}で手続きが止まっていると言われました。',
];

export const EMAIL_NAMES: readonly string[] = ['yamada', 'sato.k', 'taro123', 'hanako_s', 'kita.resident', 'suzuki-m'];
export const EMAIL_DOMAINS: readonly string[] = ['example.jp', 'example.com', 'mail.example.ne.jp'];
