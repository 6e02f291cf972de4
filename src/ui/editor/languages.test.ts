import { describe, expect, it } from 'vitest';
import { languageForPath } from './languages';

describe('languageForPath', () => {
  it.each([
    ['/home/learner/pod.yaml', 'yaml'],
    ['/home/learner/compose.yml', 'yaml'],
    ['/home/learner/app/Dockerfile', 'dockerfile'],
    ['/home/learner/Dockerfile.dev', 'dockerfile'],
    ['/home/learner/web.dockerfile', 'dockerfile'],
    ['/home/learner/run.sh', 'shell'],
    ['/home/learner/.bashrc', 'shell'],
    ['/home/learner/package.json', 'json'],
    ['/home/learner/README.md', 'markdown'],
    ['/home/learner/app.py', 'python'],
    ['/home/learner/server.js', 'javascript'],
    ['/home/learner/index.ts', 'typescript'],
    ['/home/learner/notes.txt', 'plaintext'],
    ['/home/learner/.env', 'plaintext'],
    ['/home/learner/Makefile', 'plaintext'],
  ])('%s → %s', (path, lang) => {
    expect(languageForPath(path)).toBe(lang);
  });
});
