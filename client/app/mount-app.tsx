import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, type PreloadedPages } from './app.tsx';

export function mountApp(preloaded: PreloadedPages = {}): void {
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  createRoot(container).render(
    <StrictMode>
      <App location={window.location} preloaded={preloaded} />
    </StrictMode>,
  );
}
