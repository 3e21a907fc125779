import { describe, expect, it } from 'vitest';
import { safeNextPath } from '../../../../client/pages/login/safe-next-path.ts';

describe('safeNextPath', () => {
  it('keeps a dashboard path with its filters', () => {
    expect(safeNextPath('?next=%2Fdashboard%2Fward-office-exit%3Fward%3Dkita')).toBe('/dashboard/ward-office-exit?ward=kita');
    expect(safeNextPath('?next=/dashboard')).toBe('/dashboard');
  });

  it('keeps the admin page, and nothing that only starts like it', () => {
    expect(safeNextPath('?next=%2Fadmin')).toBe('/admin');
    expect(safeNextPath('?next=%2Fadministrator')).toBe('/dashboard');
    expect(safeNextPath('?next=%2F%2Fadmin')).toBe('/dashboard');
  });

  it('sends anything else to /dashboard: other sites, protocol-relative and backslash tricks, other pages', () => {
    for (const next of ['https://evil.example/dashboard', '//evil.example/dashboard', '/\\evil.example/dashboard', 'javascript:alert(1)', '/kiosk/x', '/dashboardx', 'dashboard']) {
      expect(safeNextPath(`?next=${encodeURIComponent(next)}`), next).toBe('/dashboard');
    }
    expect(safeNextPath('')).toBe('/dashboard');
  });
});
