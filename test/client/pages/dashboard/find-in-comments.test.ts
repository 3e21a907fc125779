/** KWIC over the comments the dashboard holds (client/pages/dashboard/text/find-in-comments.ts). */
import { describe, expect, it } from 'vitest';
import { findInComments } from '../../../../client/pages/dashboard/text/find-in-comments.ts';

describe('findInComments', () => {
  it('finds every occurrence with its context, after NFKC, Latin case folded, line breaks as spaces', () => {
    const found = findInComments(['待ち時間が長い。\n待ち時間を短く', '駐車場が狭い', 'ＷＥＢで予約したい', 'Webがいい'], '待ち時間', 3);
    expect(found.comments).toEqual(['待ち時間が長い。\n待ち時間を短く']);
    expect(found.rows).toEqual([
      { left: '', keyword: '待ち時間', right: 'が長い' },
      { left: 'い。 ', keyword: '待ち時間', right: 'を短く' },
    ]);
    const web = findInComments(['ＷＥＢで予約したい', 'Webがいい'], 'web', 2);
    expect(web.rows).toEqual([
      { left: '', keyword: 'WEB', right: 'で予' },
      { left: '', keyword: 'Web', right: 'がい' },
    ]);
  });

  it('finds nothing for a word not written, or an empty word', () => {
    expect(findInComments(['待っていた'], '待つ')).toEqual({ comments: [], rows: [] });
    expect(findInComments(['待っていた'], '')).toEqual({ comments: [], rows: [] });
  });
});
