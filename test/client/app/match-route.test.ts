import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../../client/app/match-route.ts';

describe('matchRoute', () => {
  it('maps the three page kinds', () => {
    expect(matchRoute('/')).toEqual({ page: 'home' });
    expect(matchRoute('/kiosk/ward-office-exit')).toEqual({ page: 'kiosk', surveyId: 'ward-office-exit' });
    expect(matchRoute('/s/citizen-needs/')).toEqual({ page: 'online', surveyId: 'citizen-needs' });
    expect(matchRoute('/s/%E8%AA%BF%E6%9F%BB')).toEqual({ page: 'online', surveyId: '調査' });
  });

  it('anything else is not found, including malformed escapes', () => {
    expect(matchRoute('/kiosk/')).toEqual({ page: 'not-found', path: '/kiosk/' });
    expect(matchRoute('/s/a/b')).toEqual({ page: 'not-found', path: '/s/a/b' });
    expect(matchRoute('/s/%E0%A4%A')).toEqual({ page: 'not-found', path: '/s/%E0%A4%A' });
  });
});
