import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../../client/app/match-route.ts';

describe('matchRoute: the analysts’ pages', () => {
  it('maps /login and /dashboard with or without a survey', () => {
    expect(matchRoute('/login')).toEqual({ page: 'login' });
    expect(matchRoute('/dashboard')).toEqual({ page: 'dashboard' });
    expect(matchRoute('/dashboard/')).toEqual({ page: 'dashboard' });
    expect(matchRoute('/dashboard/ward-office-exit')).toEqual({ page: 'dashboard', surveyId: 'ward-office-exit' });
    expect(matchRoute('/dashboard/%E8%AA%BF%E6%9F%BB/')).toEqual({ page: 'dashboard', surveyId: '調査' });
  });

  it('anything deeper or malformed is not found', () => {
    expect(matchRoute('/dashboard/a/b')).toEqual({ page: 'not-found', path: '/dashboard/a/b' });
    expect(matchRoute('/dashboard/%E0%A4%A')).toEqual({ page: 'not-found', path: '/dashboard/%E0%A4%A' });
    expect(matchRoute('/loginx')).toEqual({ page: 'not-found', path: '/loginx' });
  });
});
