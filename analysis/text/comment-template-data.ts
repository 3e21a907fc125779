/**
 * The sentences seeded comments are made of (issue 27, item 4): complaints and wishes residents write about ward
 * offices, by topic, in varied wording. Data only; analysis/text/compose-comment.ts puts them together.
 *
 * Slots, filled at random: {a|b|c} one of the words given (so the same thought comes in different words),
 * {wait} a waiting time, {place} a counter, {procedure} a procedure, {phone} {email}
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
      '{待ち時間|順番待ち|呼ばれるまでの時間}が{長すぎます|長くて困りました|もっと短くならないでしょうか}。{wait}も待たされました。',
      '{place}の待ち時間を{もっと短くしてほしい|減らしてください|何とかしてほしいです}。',
      '番号札を取ってから{wait}待ちました。{待ち時間の目安|あと何人待ちか|呼び出しの順番}を表示してください。',
      '{混雑していて|人が多くて|月末で混んでいて}、呼ばれるまでずっと{立って|廊下で|外で}待っていました。',
      '{procedure}だけなのに{wait}かかり、{仕事を休むことになりました|子どもを連れて大変でした|疲れました}。',
      '待合のいすが{少なく|足りず}、{長い待ち時間|待つの}がつらかったです。',
      '{昼休み|夕方|土曜日}の時間帯は{place}が一つしか開いておらず、{待ち時間が長い|とても待たされる}。',
    ],
  },
  paperForms: {
    weight: 20,
    ageLean: -0.8,
    digitalLean: 0.4,
    sentences: [
      '同じ{内容|住所|名前}を何枚もの{書類|申請書}に書かされるのは{無駄だと思います|面倒です|負担です}。',
      '{procedure}の{書類|申請書}が多すぎて、どれに何を書けばいいのか分かりません。',
      'いまだに{押印|ハンコ}が必要な{書類|手続き}があるのは{時代遅れです|おかしいと思います}。',
      '{書類|申請書}の記入例が分かりにくく、{place}で書き直しになりました。',
      '紙の{申請書|書類}をやめて、書かない窓口を{広げてほしい|全部の区役所に作ってください}。',
      '{住所や氏名|生年月日や住所}を{書類|用紙}ごとに書くのが面倒です。',
      '{ハンコ|印鑑}を忘れて出直しになりました。押印を{なくしてください|やめてほしいです}。',
    ],
  },
  parking: {
    weight: 14,
    ageLean: 1.2,
    digitalLean: 0,
    sentences: [
      '駐車場が{狭く|いつも混んでいて|小さく}、{満車で入れませんでした|空くまで待ちました}。',
      '駐車場の台数を{増やしてほしいです|もっと増やしてください}。',
      '冬は駐車場の除雪が{不十分で|追いつかず}{危ないです|車が出せませんでした}。',
      '駐車場から入口までが{遠く|離れていて}、{足が悪いと大変です|雪の日はつらいです}。',
      '駐車場が有料なのは不便です。{手続きの間だけでも|一時間くらいは}無料にしてほしい。',
      '駐車場の入口が{分かりにくく|見つけにくく}、何度も周りを回りました。',
    ],
  },
  online: {
    weight: 22,
    ageLean: -1.6,
    digitalLean: 1.5,
    sentences: [
      '{procedure}を{オンライン|スマホ|ネット}でできるようにしてほしい。',
      '{オンライン申請|電子申請|ネットでの手続き}ができれば、わざわざ区役所に来なくて済みます。',
      'マイナンバーカードで{スマホから|自宅のパソコンから}手続きできると{助かります|便利です}。',
      '電子申請の画面が{使いにくく|分かりにくく}、結局{place}に来ました。',
      '平日に休めないので、{オンライン手続き|ネットでできる手続き}を増やしてください。',
      '{Web申請|オンライン申請}に対応している手続きが{少なすぎます|まだ少ないです}。',
      '{コンビニ|オンライン}で証明書が取れることを{もっと知らせてほしい|知りませんでした}。',
    ],
  },
  reservation: {
    weight: 16,
    ageLean: -0.6,
    digitalLean: 0.8,
    sentences: [
      '{place}の予約ができれば、{待たずに済むと思います|時間を無駄にしません}。',
      '{窓口予約|来庁予約}を{ネット|スマホ}でできるようにしてください。',
      '予約した時間に行ったのに{wait}待たされました。',
      '予約システムがあれば{仕事の合間に来られます|子どもを預けて来られます}。',
      '電話でしか予約できないのは{不便です|困ります}。',
      '{オンライン予約|予約}の枠が少なく、すぐに{埋まってしまいます|いっぱいになります}。',
    ],
  },
  staffManner: {
    weight: 14,
    ageLean: 0.3,
    digitalLean: 0,
    sentences: [
      '職員の{対応|説明}が丁寧で、{とても分かりやすかったです|安心しました}。',
      '職員の説明が{早口で|専門用語ばかりで}、よく分かりませんでした。',
      '{place}の職員の態度が{冷たく感じました|事務的で残念でした}。',
      '{親切に|丁寧に}対応していただき、ありがとうございました。',
      '担当者によって説明が違い、{困りました|二度手間になりました}。',
      '職員の方が{書き方|手続きの順番}を一緒に確認してくれて助かりました。',
    ],
  },
  signage: {
    weight: 12,
    ageLean: 1.4,
    digitalLean: 0,
    sentences: [
      'どの窓口に行けばいいのか{案内表示|案内板}が分かりにくいです。',
      '{案内板|表示}の文字が小さくて読めません。',
      '{procedure}の{place}がどこにあるのか分かりませんでした。',
      '館内の{表示|案内表示}をもっと{大きく|見やすく}、分かりやすくしてほしい。',
      '{番号の呼び出し表示|呼び出しの画面}が見えにくい場所にあります。',
      '{外国語|英語や中国語}の案内表示も増やしてほしいです。',
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
