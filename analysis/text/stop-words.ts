/**
 * Stop words (issue 27): words analysis/text/extract-words.ts never counts, after base forms and compound joining. A word
 * is dropped when it equals an entry exactly (Japanese after NFKC, English lower-cased). Kept as a data module rather than
 * JSON because the analysis project compiles .ts files only and reads no files at run time; edit it like a list.
 *
 * ja: verbs and adjectives that carry grammar rather than a topic (する, なる, ある, いる, できる, 思う …), nouns that
 * point rather than name (こと, もの, ため, 方, 場合, 私 …) and words too general to say what a comment is about (今回,
 * 感じ, 最近). kuromoji already marks most grammatical nouns 非自立 or 代名詞, which extract-words.ts never keeps; these
 * are what is left, with the politeness of openings and closings (お願い, お世話, ご検討, 先日). en: English function words and auxiliaries.
 * test/analysis/text/extract-words.test.ts relies on する, ある, こと, the and was being here.
 */
export const stopWordList: { ja: readonly string[]; en: readonly string[] } = {
  ja: [
    'する', 'なる', 'ある', 'いる', 'できる', '思う', '言う', 'いう', 'おる', 'くる', '来る', 'いく', '行く', 'やる', 'もらう', 'くれる', 'いただく', 'くださる', '下さる', 'しまう', 'みる', 'れる', 'られる', 'せる', 'させる', '存じる', '感じる', '考える', 'ない', 'いい', 'よい', '良い', 'ほしい', '欲しい', 'こと', 'もの', 'ため', 'よう', '方', '点', '中', '時', '今', '今回', '前', '後', '等', 'など', '的', '感じ', '他', 'ほか', '以外', '場合', '自分', '私', '僕', '皆', '皆さん', 'みんな', 'それ', 'これ', 'あれ', 'どれ', 'ここ', 'そこ', 'とき', 'ところ', '所', '事', '物', '様', 'さん', '気', '人', '方々', '毎回', '特に', '少し', 'もう少し', 'とても', '非常', '本当', '大変', '全体', '一部', '部分', '最近', 'お願い', 'お世話', 'ご検討', '検討', '一言', '先日', '一つ',
  ],
  en: [
    'a', 'an', 'the', 'and', 'or', 'but', 'if', 'of', 'to', 'in', 'on', 'at', 'by', 'for', 'with', 'from', 'as', 'into', 'about', 'over', 'after', 'before', 'up', 'down', 'out', 'than', 'then', 'so', 'too', 'very', 'just', 'also', 'only', 'again', 'once', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'do', 'does', 'did', 'done', 'have', 'has', 'had', 'can', 'could', 'would', 'should', 'will', 'shall', 'may', 'might', 'must', 'it', 'its', 'this', 'that', 'these', 'those', 'i', 'you', 'he', 'she', 'we', 'they', 'me', 'my', 'our', 'your', 'their', 'them', 'us', 'his', 'her', 'not', 'no', 'there', 'here', 'what', 'which', 'who', 'when', 'where', 'why', 'how', 'all', 'any', 'some', 'more', 'most', 'such', 'own', 'same', 'other', 'please', 'thank', 'thanks', 'get', 'got', 'make', 'made',
  ],
};
