import { describe, it, expect } from 'vitest';
import { wide } from '../../engine/runtime/pty';
import { moveCursor, parsePrompt, visibleText } from './render';
import { Harness } from './testing/harness';

/** What a screen `cols` wide should show for prompt + line, and where the cursor should be. */
function ideal(prompt: string, lineText: string, cursor: number, cols: number): { rows: string[]; x: number; y: number } {
  const rows: string[][] = [[]];
  let col = 0;
  let cx = -1;
  let cy = -1;
  const chars = [...prompt].map((ch) => ({ ch, idx: -1 }));
  let i = 0;
  for (const ch of lineText) {
    chars.push({ ch, idx: i });
    i += ch.length;
  }
  for (const { ch, idx } of chars) {
    const w = wide(ch) ? 2 : 1;
    if (col + w > cols) {
      rows.push([]);
      col = 0;
    }
    if (idx === cursor) {
      cx = col;
      cy = rows.length - 1;
    }
    rows[rows.length - 1]!.push(ch);
    col += w;
  }
  if (cx < 0) {
    if (col >= cols) {
      rows.push([]);
      col = 0;
    }
    cx = col;
    cy = rows.length - 1;
  }
  const text = rows.map((r) => r.join('').replace(/ +$/, ''));
  while (text.length > 0 && text[text.length - 1] === '') text.pop();
  return { rows: text, x: cx, y: cy };
}

/** A seeded generator, so a failure can be replayed. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PIECES = ['a', 'bc', '中', '文字', 'x y', '😀', 'ÿ', 'long-word ', '한국어', 'z'];
const KEYS = ['\x1b[D', '\x1b[C', '\x7f', '\x01', '\x05', '\x0b', '\x15', '\x1b[3~', '\x1bb', '\x1bf', '\x14', '\x17', '\x19'];

describe('FullView on a narrow terminal', () => {
  it('keeps the screen equal to the ideal layout through random edits (20 columns, CJK, wrapping)', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const rnd = lcg(seed);
      const h = new Harness({ cols: 20, rows: 30 });
      const prompt = seed % 2 ? '$ ' : 'user@box:~/src$ ';
      let lineText = '';
      let cursor = 0;
      let kill = '';
      let lastWasKill = false;
      const started = h.start(prompt);
      await started;
      for (let step = 0; step < 60; step++) {
        let input: string;
        let isKill = false;
        const killed = (text: string, backward: boolean) => {
          isKill = true;
          if (!text) return;
          kill = lastWasKill ? (backward ? text + kill : kill + text) : text;
        };
        if (rnd() < 0.5) {
          input = PIECES[Math.floor(rnd() * PIECES.length)]!;
          lineText = lineText.slice(0, cursor) + input + lineText.slice(cursor);
          cursor += input.length;
        } else {
          input = KEYS[Math.floor(rnd() * KEYS.length)]!;
          const cps = [...lineText];
          // The model works on code points; all pieces are single code points per character.
          let ci = [...lineText.slice(0, cursor)].length;
          const isWord = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
          switch (input) {
            case '\x1b[D':
              if (ci > 0) ci--;
              break;
            case '\x1b[C':
              if (ci < cps.length) ci++;
              break;
            case '\x7f':
              if (ci > 0) cps.splice(--ci, 1);
              break;
            case '\x01':
              ci = 0;
              break;
            case '\x05':
              ci = cps.length;
              break;
            case '\x0b':
              killed(cps.splice(ci).join(''), false);
              break;
            case '\x15':
              killed(cps.splice(0, ci).join(''), true);
              ci = 0;
              break;
            case '\x1b[3~':
              if (ci < cps.length) cps.splice(ci, 1);
              break;
            case '\x1bb':
              while (ci > 0 && !isWord(cps[ci - 1])) ci--;
              while (ci > 0 && isWord(cps[ci - 1])) ci--;
              break;
            case '\x1bf':
              while (ci < cps.length && !isWord(cps[ci])) ci++;
              while (ci < cps.length && isWord(cps[ci])) ci++;
              break;
            case '\x14': {
              if (ci === 0 || cps.length < 2) break;
              if (ci === cps.length) ci--;
              const t = cps[ci - 1]!;
              cps[ci - 1] = cps[ci]!;
              cps[ci] = t;
              ci++;
              break;
            }
            case '\x17': {
              let j = ci;
              while (j > 0 && cps[j - 1] === ' ') j--;
              while (j > 0 && cps[j - 1] !== ' ') j--;
              killed(cps.splice(j, ci - j).join(''), true);
              ci = j;
              break;
            }
            case '\x19':
              cps.splice(ci, 0, ...kill);
              ci += [...kill].length;
              break;
          }
          lineText = cps.join('');
          cursor = cps.slice(0, ci).join('').length;
        }
        lastWasKill = isKill;
        await h.type(input);
        const want = ideal(prompt, lineText, cursor, 20);
        const context = `seed ${seed} step ${step} line ${JSON.stringify(lineText)} cursor ${cursor}`;
        expect(h.screen.lines(), context).toEqual(want.rows);
        expect(h.screen.cursor, context).toEqual({ x: want.x, y: want.y });
      }
    }
  });

  it('typing at the end of the line writes only the character', async () => {
    const h = new Harness({ cols: 20 });
    await h.start('$ ', 'abc');
    h.output();
    await h.type('d');
    expect(h.output()).toBe('d');
    await h.type('中');
    expect(h.output()).toBe('中');
  });

  it('moves to the next row when the text ends at the right margin', async () => {
    const h = new Harness({ cols: 10 });
    await h.start('$ ', 'abcdefg');
    h.output();
    await h.type('h');
    expect(h.output()).toBe('h \r');
    expect(h.screen.cursor).toEqual({ x: 0, y: 1 });
    await h.type('i');
    expect(h.screen.lines()).toEqual(['$ abcdefgh', 'i']);
  });

  it('wraps a wide character that does not fit in the last column, padding it', async () => {
    const h = new Harness({ cols: 10 });
    await h.start('$ ', 'abcdefg');
    h.output();
    await h.type('中');
    expect(h.output()).toBe(' 中');
    expect(h.screen.lines()).toEqual(['$ abcdefg', '中']);
    await h.type('\x7f');
    expect(h.screen.lines()).toEqual(['$ abcdefg']);
    expect(h.screen.cursor).toEqual({ x: 9, y: 0 });
  });

  it('redraws only the changed middle when the rest keeps its place', async () => {
    const h = new Harness({ cols: 40 });
    await h.start('$ ', 'abcdef', '\x01\x06\x06');
    h.output();
    await h.type('\x14');
    // "acbdef": back over "b", rewrite "cb"; the cursor ends after them, where it belongs.
    expect(h.output()).toBe('\bcb');
    expect(h.screen.lines()).toEqual(['$ acbdef']);
  });

  it('follows a change of width (xterm.js reflows wrapped rows)', async () => {
    const h = new Harness({ cols: 20 });
    await h.start('$ ', 'x'.repeat(30));
    h.pty.cols = 10;
    // Emulate the reflow of a terminal that was 20 wide and is now 10: rewrap the text.
    const text = '$ ' + 'x'.repeat(30);
    const fresh = new Harness({ cols: 10 });
    fresh.screen.write(text.slice(0, 10) + text.slice(10, 20) + text.slice(20, 30) + text.slice(30));
    h.screen.cols = 10;
    h.screen.grid = fresh.screen.grid;
    h.screen.x = fresh.screen.x;
    h.screen.y = fresh.screen.y;
    h.screen.pendingWrap = fresh.screen.pendingWrap;
    await h.type('y');
    expect(h.screen.lines()).toEqual(['$ xxxxxxxx', 'xxxxxxxxxx', 'xxxxxxxxxx', 'xxy']);
    expect(h.screen.cursor).toEqual({ x: 3, y: 3 });
  });

  it('redraws on SIGWINCH', async () => {
    const h = new Harness({ cols: 20 });
    await h.start('$ ', 'abc');
    h.output();
    h.pty.resize(30, 24);
    expect(h.output()).toBe('\r\x1b[J$ abc');
  });
});

describe('prompts', () => {
  it('takes \\x01...\\x02 parts as invisible', () => {
    const p = parsePrompt('\x01\x1b[32m\x02me\x01\x1b[0m\x02$ ');
    expect(p.units.filter((u) => u.width > 0).map((u) => u.text).join('')).toBe('me$ ');
    expect(p.plain).toBe('me$ ');
  });

  it('splits a multi-line prompt', () => {
    const p = parsePrompt('\x01\x1b[1m\x02dir\x01\x1b[0m\x02\n$ ');
    expect(p.prefix).toBe('\x1b[1mdir\x1b[0m\n');
    expect(p.units.map((u) => u.text).join('')).toBe('$ ');
  });

  it('strips colour escapes outside the markers too for transcripts', () => {
    expect(visibleText('\x1b[31mred\x1b[0m> ')).toBe('red> ');
  });

  it('positions the cursor after a coloured prompt on a narrow terminal', async () => {
    const h = new Harness({ cols: 10 });
    await h.start('\x01\x1b[1;34m\x02~/a/b/c\x01\x1b[0m\x02$ ', 'abcdef', '\x01');
    expect(h.screen.lines()).toEqual(['~/a/b/c$ a', 'bcdef']);
    expect(h.screen.cursor).toEqual({ x: 9, y: 0 });
  });
});

describe('moveCursor', () => {
  it('uses the shortest sequences', () => {
    const p = (row: number, col: number) => ({ row, col, v: 0 });
    expect(moveCursor(p(0, 5), p(0, 4), 80)).toBe('\b');
    expect(moveCursor(p(0, 5), p(0, 0), 80)).toBe('\r');
    expect(moveCursor(p(2, 5), p(0, 7), 80)).toBe('\x1b[2A\x1b[2C');
    expect(moveCursor(p(0, 5), p(1, 1), 80)).toBe('\x1b[B\x1b[4D');
    // From the pending-wrap state, the cursor is in the last column.
    expect(moveCursor(p(0, 80), p(0, 78), 80)).toBe('\b');
  });
});
