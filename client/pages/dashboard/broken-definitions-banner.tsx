/**
 * For admins: the definition files the server left out at start-up, the same
 * list /healthz gives (docs/decisions/0021-one-bad-definition-never-stops-collection.md).
 * Analysts cannot fix a definition file, so they are not shown it.
 */
import { useEffect, useState } from 'react';
import type { BrokenDefinitionFile } from '../../../contracts/health.ts';
import { fetchBrokenDefinitions } from './dashboard-api.ts';
import type { DashboardTexts } from './dashboard-texts.ts';

export function BrokenDefinitionsBanner({ texts }: { texts: DashboardTexts }) {
  const [broken, setBroken] = useState<BrokenDefinitionFile[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    // A failed call only hides the banner: it must never stop the dashboard itself.
    fetchBrokenDefinitions(controller.signal).then(setBroken, () => {});
    return () => controller.abort();
  }, []);
  if (broken.length === 0) return null;
  return (
    <div className="dash-error dash-broken-definitions" role="alert" data-testid="broken-definitions">
      <div>
        <p>{texts.brokenDefinitions(broken.length)}</p>
        <ul>
          {broken.map(({ file, reason }) => (
            <li key={file}>
              <code>{file}</code>: {reason}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
