import { describe, expect, it } from 'vitest';
import { terminalKeyAction, type KeyLike } from './keys';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({ type: 'keydown', key: k, ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...mods });

describe('terminal keys', () => {
  it('Ctrl-C copies with a selection and interrupts without one', () => {
    expect(terminalKeyAction(key('c', { ctrlKey: true }), true)).toBe('copy');
    expect(terminalKeyAction(key('c', { ctrlKey: true }), false)).toBe('terminal');
  });
  it('Ctrl-Shift-C / Ctrl-Shift-V copy and paste', () => {
    expect(terminalKeyAction(key('C', { ctrlKey: true, shiftKey: true, code: 'KeyC' }), false)).toBe('copy');
    expect(terminalKeyAction(key('V', { ctrlKey: true, shiftKey: true, code: 'KeyV' }), false)).toBe('paste');
  });
  it('leaves the terminal with the documented shortcuts, Tab and Escape stay in it', () => {
    expect(terminalKeyAction(key('E', { ctrlKey: true, shiftKey: true }), false)).toBe('focus-editor');
    expect(terminalKeyAction(key('`', { ctrlKey: true, code: 'Backquote' }), false)).toBe('focus-terminal');
    expect(terminalKeyAction(key('L', { ctrlKey: true, shiftKey: true }), false)).toBe('focus-lesson');
    expect(terminalKeyAction(key('Tab'), false)).toBe('terminal');
    expect(terminalKeyAction(key('Escape'), false)).toBe('terminal');
    expect(terminalKeyAction(key('e', { ctrlKey: true }), false)).toBe('terminal');
  });
  it('ignores key releases', () => {
    expect(terminalKeyAction({ ...key('c', { ctrlKey: true }), type: 'keyup' }, true)).toBe('terminal');
  });
});
