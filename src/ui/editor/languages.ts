/** Which Monaco language shows a file, by its name. */
import { basename } from '../../engine/fs/path';

const BY_EXT: Record<string, string> = {
  yaml: 'yaml',
  yml: 'yaml',
  json: 'json',
  md: 'markdown',
  markdown: 'markdown',
  sh: 'shell',
  bash: 'shell',
  py: 'python',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  ts: 'typescript',
  tsx: 'typescript',
  dockerfile: 'dockerfile',
};

const BY_NAME: Record<string, string> = {
  '.bashrc': 'shell',
  '.bash_profile': 'shell',
  '.bash_logout': 'shell',
  '.profile': 'shell',
  '.bash_aliases': 'shell',
};

export function languageForPath(path: string): string {
  const name = basename(path);
  const byName = BY_NAME[name];
  if (byName) return byName;
  if (/^(Dockerfile|Containerfile)([.-].*)?$/i.test(name)) return 'dockerfile';
  const dot = name.lastIndexOf('.');
  if (dot > 0) {
    const lang = BY_EXT[name.slice(dot + 1).toLowerCase()];
    if (lang) return lang;
  }
  return 'plaintext';
}
