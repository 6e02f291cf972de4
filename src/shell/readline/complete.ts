/**
 * Completion listings as readline prints them (rl_display_match_list): matches sorted, shown
 * down columns, each column as wide as the longest match plus two spaces, as many columns as
 * fit in the terminal's width.
 */
import { displayWidth } from '../../engine/runtime/pty';

/** Sorted (byte order, as in the C locale) without duplicates. */
export function sortMatches(candidates: readonly string[]): string[] {
  const set = [...new Set(candidates)];
  return set.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * What a listing shows of a match: for file names, the part after the last "/" of the word
 * being completed (readline's printable_part): completing `src/sh` lists `shell/`, not `src/shell/`.
 */
export function printablePart(match: string, word: string): string {
  const slash = word.lastIndexOf('/');
  if (slash < 0) return match;
  const dir = word.slice(0, slash + 1);
  return match.startsWith(dir) && match.length > dir.length ? match.slice(dir.length) : match;
}

/** The rows of a listing for a terminal `cols` wide (without line ends). */
export function formatMatchList(names: readonly string[], cols: number): string[] {
  const len = names.length;
  let max = 0;
  for (const n of names) max = Math.max(max, displayWidth(n));
  max += 2;
  let limit = Math.floor(cols / max);
  if (limit !== 1 && limit * max === cols) limit--;
  if (limit <= 0) limit = 1;
  const count = Math.ceil(len / limit);
  const rows: string[] = [];
  for (let i = 0; i < count; i++) {
    let row = '';
    for (let j = 0, l = i; j < limit; j++, l += count) {
      if (l >= len) break;
      const name = names[l]!;
      row += name;
      if (j + 1 < limit) {
        const w = displayWidth(name);
        row += max <= w ? ' ' : ' '.repeat(max - w);
      }
    }
    rows.push(row);
  }
  return rows;
}
