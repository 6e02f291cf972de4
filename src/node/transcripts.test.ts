/**
 * Golden transcripts: each `transcripts/**\/NAME.in` is fed to the headless simulator exactly as
 * `npm run -s sim` would read it, and what the screen shows must equal `NAME.out` byte for byte.
 * `NAME.echo.in` runs with `--echo`. UPDATE_TRANSCRIPTS=1 rewrites the .out files (review the diff).
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { simulate } from './sim';

const root = fileURLToPath(new URL('../../transcripts', import.meta.url));

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (name.endsWith('.in')) yield p;
  }
}

const cases = existsSync(root) ? [...walk(root)] : [];

describe('transcripts', () => {
  it('has transcripts to run', () => {
    expect(cases.length).toBeGreaterThan(0);
  });
  for (const input of cases) {
    const name = relative(root, input);
    it(name, async () => {
      const expectedPath = input.replace(/(\.echo)?\.in$/, '.out');
      const text = readFileSync(input, 'utf8');
      const seedMatch = /^# seed: (\d+)\n/.exec(text);
      const actual = await simulate(text, { echo: input.endsWith('.echo.in'), seed: seedMatch ? Number(seedMatch[1]) : 1 });
      if (process.env.UPDATE_TRANSCRIPTS === '1') writeFileSync(expectedPath, actual);
      expect(existsSync(expectedPath), `${relative(root, expectedPath)} is missing: run with UPDATE_TRANSCRIPTS=1 and review it`).toBe(true);
      expect(actual).toBe(readFileSync(expectedPath, 'utf8'));
    });
  }
});
