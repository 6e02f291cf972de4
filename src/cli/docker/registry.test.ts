import { describe, expect, it } from 'vitest';
import { convertToHostname, progressText } from './registry';

describe('registry CLI helpers', () => {
  it('formats push progress as jsonmessage does (bar only on terminals wider than 110)', () => {
    expect(progressText(1_234_567, 29_790_000, 80)).toBe(' 1.235MB/29.79MB');
    expect(progressText(14_895_000, 29_790_000, 120)).toBe(`[${'='.repeat(25)}>${' '.repeat(25)}]  14.89MB/29.79MB`);
    expect(progressText(30_000_000, 29_790_000, 80)).toBe('    30MB');
  });

  it('converts registry addresses to host names as credentials.ConvertToHostname does', () => {
    expect(convertToHostname('https://index.docker.io/v1/')).toBe('index.docker.io');
    expect(convertToHostname('localhost:5000')).toBe('localhost:5000');
    expect(convertToHostname('http://localhost:5000/v2/')).toBe('localhost:5000');
    expect(convertToHostname('myregistry.example/foo')).toBe('myregistry.example');
  });
});
