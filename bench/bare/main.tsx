// The baseline for `npm run bench`: a bare Vite + React page, built and loaded the same way.
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<p id="ready">ready</p>);
