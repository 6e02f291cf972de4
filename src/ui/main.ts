/** The full-page Dockyard: one instance in #root. `window.Dockyard.createDockyard` mounts more. */
import { createDockyard } from './embed';

declare global {
  interface Window {
    Dockyard?: { createDockyard: typeof createDockyard };
  }
}

window.Dockyard = { createDockyard };

const root = document.getElementById('root');
if (root) {
  const params = new URLSearchParams(window.location.search);
  createDockyard(root, {
    lesson: params.get('lesson') ?? undefined,
    layout: 'full',
    storageKey: 'dockyard:main',
    manageDocument: true,
  });
}
