import type { Plugin } from 'vite';

/** Placeholder until the lessons module lands: serves `virtual:lessons`. */
export function lessonsPlugin(): Plugin {
  const id = 'virtual:lessons';
  return {
    name: 'dockyard-lessons',
    resolveId: (source) => (source === id ? '\0' + id : undefined),
    load: (source) => (source === '\0' + id ? 'export default [];' : undefined),
  };
}
