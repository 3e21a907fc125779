/**
 * Words as analysis/text/extract-words.ts extracts them. The morphemes below are what kuromoji 0.1.2 (bundled IPADIC)
 * printed for each sentence on 2026-12-07 (a throwaway script that logged tokenize(text.normalize('NFKC'))); the
 * first block checks kuromoji still gives them, so a dictionary change shows up here and not as odd words. The
 * expected words follow from those morphemes by the rules in extract-words.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { extractWords, prepareForTokenizing } from '../../../analysis/text/extract-words.ts';
import { loadTokenizer, type MorphologicalAnalyzer } from '../../../analysis/text/load-tokenizer.ts';
import { maskText } from '../../../analysis/text/mask-personal-data.ts';
import { readKuromojiDictionary } from '../../../server/text/read-kuromoji-dictionary.ts';

let analyzer: MorphologicalAnalyzer;
beforeAll(async () => {
  analyzer = await loadTokenizer(readKuromojiDictionary);
}, 60_000);

const morphemes = (text: string) => analyzer.tokenize(text.normalize('NFKC')).map((m) => [m.surface_form, m.pos, m.pos_detail_1, m.basic_form]);
const words = (text: string) => extractWords(text, analyzer).map(({ word, pos }) => `${word}/${pos}`);

describe('kuromoji, as recorded', () => {
  it.each([
    ['窓口予約ができると便利です。', [['窓口', '名詞', '一般', '窓口'], ['予約', '名詞', 'サ変接続', '予約'], ['が', '助詞', '格助詞', 'が'], ['できる', '動詞', '自立', 'できる'], ['と', '助詞', '接続助詞', 'と'], ['便利', '名詞', '形容動詞語幹', '便利'], ['です', '助動詞', '*', 'です'], ['。', '記号', '句点', '。']]],
    ['2時間待った', [['2', '名詞', '数', '*'], ['時間', '名詞', '接尾', '時間'], ['待っ', '動詞', '自立', '待つ'], ['た', '助動詞', '*', 'た']]],
    ['駐車場も狭い', [['駐車', '名詞', 'サ変接続', '駐車'], ['場', '名詞', '接尾', '場'], ['も', '助詞', '係助詞', 'も'], ['狭い', '形容詞', '自立', '狭い']]],
    ['ＷＥＢ予約ｼｽﾃﾑがほしい', [['WEB', '名詞', '固有名詞', '*'], ['予約', '名詞', 'サ変接続', '予約'], ['システム', '名詞', '一般', 'システム'], ['が', '助詞', '格助詞', 'が'], ['ほしい', '形容詞', '自立', 'ほしい']]],
    ['各窓口の御案内', [['各', '接頭詞', '名詞接続', '各'], ['窓口', '名詞', '一般', '窓口'], ['の', '助詞', '連体化', 'の'], ['御', '接頭詞', '名詞接続', '御'], ['案内', '名詞', 'サ変接続', '案内']]],
    // A placeholder left in would be read as nouns (電話 + 番号), which is why extract-words.ts takes placeholders out.
    ['［電話番号］', [['[', '名詞', 'サ変接続', '*'], ['電話', '名詞', 'サ変接続', '電話'], ['番号', '名詞', '一般', '番号'], [']', '名詞', 'サ変接続', '*']]],
  ])('%s', (text, expected) => {
    expect(morphemes(text)).toEqual(expected);
  });

  it('tags names of people 人名 (what extract-words.ts drops)', () => {
    const detail = (text: string) => analyzer.tokenize(text).map((m) => [m.surface_form, m.pos_detail_1, m.pos_detail_2]);
    expect(detail('田中太郎さん')).toEqual([['田中', '固有名詞', '人名'], ['太郎', '固有名詞', '人名'], ['さん', '接尾', '人名']]);
  });
});

describe('extractWords', () => {
  it.each([
    // Compound nouns: consecutive joining nouns are one word; できる is a stop word, 便利 a 形容動詞語幹.
    ['窓口予約ができると便利です。', ['窓口予約/compoundNoun', '便利/adjectivalNoun']],
    // 待ち時間 is one IPADIC entry; 長 is 長い's stem (base form kept); すぎる is 非自立; 駐車 + 場 (接尾) joins.
    ['待ち時間が長すぎて、駐車場も狭い。書類の記入が面倒でした。', ['待ち時間/noun', '長い/adjective', '駐車場/compoundNoun', '狭い/adjective', '書類/noun', '記入/verbalNoun', '面倒/adjectivalNoun']],
    // 札幌 + 市 and 利用 + 者 (接尾), オンライン + 申請; する (of 希望します) is a stop word.
    ['札幌市の区役所の利用者として、オンライン申請を希望します。', ['札幌市/compoundNoun', '区役所/noun', '利用者/compoundNoun', 'オンライン申請/compoundNoun', '希望/verbalNoun']],
    // A number and the counter after it are never a word; the verb is its base form.
    ['2時間待った', ['待つ/verb']],
    // Auxiliary adjectives (やすい, にくい) are grammar; the verb before them stays.
    ['職員の対応が丁寧で分かりやすかった', ['職員/noun', '対応/verbalNoun', '丁寧/noun', '分かる/verb']],
    ['案内表示が分かりにくい', ['案内表示/compoundNoun', '分かる/verb']],
    // Prefixes join the noun after them.
    ['各窓口の御案内', ['各窓口/compoundNoun', '御案内/compoundNoun']],
    // Names of people (IPADIC 人名, kuromoji: 佐藤 固有名詞 人名, さん 接尾 人名) are never words; place names are.
    ['佐藤さんの対応が悪かった', ['対応/verbalNoun', '悪い/adjective']],
    ['窓口の田中太郎さんが親切でした', ['窓口/noun', '親切/adjectivalNoun']],
    ['北区役所と札幌駅', ['北区役所/compoundNoun', '札幌駅/compoundNoun']],
    // Pronouns and 非自立 nouns are never words.
    ['これはこういうことなのでしょうか', []],
  ])('%s', (text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  it('never counts a masked placeholder, in Japanese or English, and does not join it to the nouns beside it', () => {
    expect(words('連絡先は［電話番号］、［メールアドレス］です。窓口［マイナンバー］受付')).toEqual(['連絡先/compoundNoun', '窓口/noun', '受付/verbalNoun']);
    expect(words('call me at [phone] or [e-mail] soon')).toEqual(['call/latin', 'soon/latin']);
    // The same comment masked by the toolkit's own mask: the phone number and e-mail address leave no word behind.
    const masked = maskText('電話090-1234-5678かyamada@example.jpに連絡ください');
    expect(masked).toBe('電話［電話番号］か［メールアドレス］に連絡ください');
    expect(words(masked)).toEqual(['電話/verbalNoun', '連絡/verbalNoun']);
  });

  it('tokenizes English: lower-cased words, English stop words dropped, punctuation never a word', () => {
    expect(words('The waiting time was too long.')).toEqual(['waiting/latin', 'time/latin', 'long/latin']);
    expect(words('Online booking, please!')).toEqual(['online/latin', 'booking/latin']);
  });

  it('tokenizes mixed text: Latin letters touching a Japanese noun join it, apart they are words of their own', () => {
    expect(words('Online申請 is great')).toEqual(['online申請/compoundNoun', 'great/latin']);
    expect(words('Webで予約したい')).toEqual(['web/latin', '予約/verbalNoun']);
  });

  it('reads full-width letters and half-width katakana as their usual forms (NFKC)', () => {
    expect(words('ＷＥＢ予約ｼｽﾃﾑがほしい')).toEqual(['web予約システム/compoundNoun']);
    expect(words('ﾏｲﾅﾝﾊﾞｰｶｰﾄﾞでｵﾝﾗｲﾝ申請')).toEqual(words('マイナンバーカードでオンライン申請'));
    expect(words('ﾏｲﾅﾝﾊﾞｰｶｰﾄﾞでｵﾝﾗｲﾝ申請')).toEqual(['マイナンバーカード/noun', 'オンライン申請/compoundNoun']);
  });

  it('drops the stop words it is given, and only those', () => {
    const none = { ja: new Set<string>(), en: new Set<string>() };
    expect(extractWords('予約ができると便利です', analyzer, none).map((w) => w.word)).toEqual(['予約', 'できる', '便利']);
    expect(extractWords('The time', analyzer, none).map((w) => w.word)).toEqual(['the', 'time']);
  });

  it('prepares text by applying NFKC and turning each placeholder into as many line breaks, so offsets hold', () => {
    expect(prepareForTokenizing('ＡＢＣ［電話番号］ｱ')).toBe('ABC\n\n\n\n\n\nア');
    expect(prepareForTokenizing('call [phone]')).toBe('call \n\n\n\n\n\n\n');
  });
});
