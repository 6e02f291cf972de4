import { describe, it, expect } from 'vitest';
import { KeyDecoder, type Key } from './keys';

function decode(...chunks: string[]): Key[] {
  const d = new KeyDecoder();
  const out: Key[] = [];
  for (const c of chunks) d.feed(c, out);
  return out;
}

const names = (keys: Key[]) => keys.map((k) => (k.kind === 'key' ? k.name : `${k.kind}:${k.text}`));

describe('KeyDecoder', () => {
  it('keeps printable runs together', () => {
    expect(names(decode('hello wörld 中文😀'))).toEqual(['text:hello wörld 中文😀']);
  });

  it('names control keys', () => {
    expect(names(decode('\x01\x05\r\n\t\x7f\b\x03\x04\x00'))).toEqual(['C-a', 'C-e', 'Enter', 'Enter', 'Tab', 'Backspace', 'C-h', 'C-c', 'C-d', 'C-@']);
  });

  it('decodes CSI and SS3 keys in all xterm variants', () => {
    expect(
      names(decode('\x1b[A\x1b[B\x1b[C\x1b[D\x1bOA\x1bOD\x1b[H\x1b[1~\x1bOH\x1b[7~\x1b[F\x1b[4~\x1bOF\x1b[8~\x1b[3~\x1b[2~\x1b[5~\x1b[6~')),
    ).toEqual(['Up', 'Down', 'Right', 'Left', 'Up', 'Left', 'Home', 'Home', 'Home', 'Home', 'End', 'End', 'End', 'End', 'Delete', 'Insert', 'PageUp', 'PageDown']);
  });

  it('decodes modifiers', () => {
    expect(names(decode('\x1b[1;5D\x1b[1;5C\x1b[1;3D\x1b[1;2A'))).toEqual(['C-Left', 'C-Right', 'M-Left', 'Unknown']);
  });

  it('decodes Meta keys', () => {
    expect(names(decode('\x1bb\x1bf\x1bd\x1b\x7f\x1b\b\x1b.\x1b<'))).toEqual(['M-b', 'M-f', 'M-d', 'M-Backspace', 'M-Backspace', 'M-.', 'M-<']);
  });

  it('completes sequences split across chunks', () => {
    expect(names(decode('a\x1b', '[', '1;5', 'Cb'))).toEqual(['text:a', 'C-Right', 'text:b']);
    expect(names(decode('\x1b', 'b'))).toEqual(['M-b']);
    expect(names(decode('\x1bO', 'H'))).toEqual(['Home']);
  });

  it('decodes bracketed paste literally, also when split', () => {
    expect(names(decode('x\x1b[200~a\x01\x1b[Ab\r\nc\x1b[201~y'))).toEqual(['text:x', 'paste:a\x01\x1b[Ab\r\nc', 'text:y']);
    expect(names(decode('\x1b[200~ab', 'c\x1b[2', '01~'))).toEqual(['paste:abc']);
  });

  it('handles a 1 MB paste in one pass', () => {
    const big = 'x'.repeat(1 << 20);
    const t0 = performance.now();
    const keys = decode('\x1b[200~' + big + '\x1b[201~');
    expect(keys).toEqual([{ kind: 'paste', text: big }]);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
