import { describe, it, expect } from 'vitest';
import { executableContents, programNameOf } from './programs';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('programNameOf', () => {
  it('names the program an executable marks, and nothing else', () => {
    expect(programNameOf(bytes(executableContents('ls')))).toBe('ls');
    expect(programNameOf(bytes(executableContents('kubectl')))).toBe('kubectl');
    expect(programNameOf(bytes(executableContents('ls')).subarray(0, 18))).toBe('l');
    expect(programNameOf(bytes('\x7fELF\x02\x01\x01\x00dockyard:'))).toBe('');
    expect(programNameOf(bytes('\x7fELF\x02\x01\x01\x00dockyard:é™\nrest'))).toBe('é™');
    expect(programNameOf(bytes('\x7fELF\x02\x01\x01\x00dockyarD:ls\n'))).toBeUndefined();
    expect(programNameOf(bytes('\x7fELF\x02\x01\x01\x00dock'))).toBeUndefined();
    expect(programNameOf(bytes('#!/bin/sh\necho hi\n'))).toBeUndefined();
    expect(programNameOf(new Uint8Array(0))).toBeUndefined();
  });

  it('reads the name from the first 256 bytes only, as before', () => {
    const long = 'x'.repeat(300);
    expect(programNameOf(bytes(executableContents(long)))).toBe('x'.repeat(256 - 17));
  });
});
