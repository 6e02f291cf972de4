import { describe, expect, it } from 'vitest';
import { detectLang, langOfTag, STRINGS } from './i18n';

describe('interface language', () => {
  it('prefers ?lang= in the URL', () => {
    expect(detectLang('?lang=zh', ['en-US'])).toBe('zh');
    expect(detectLang('?x=1&lang=en', ['zh-CN'])).toBe('en');
  });
  it('falls back to the browser language, zh* meaning Chinese', () => {
    expect(detectLang('', ['zh-TW', 'en'])).toBe('zh');
    expect(detectLang('?lang=fr', ['zh-Hans-CN'])).toBe('zh');
    expect(detectLang('', ['en-GB'])).toBe('en');
  });
  it('uses English for any other language', () => {
    expect(detectLang('', ['fr-FR', 'zh-CN'])).toBe('en');
    expect(detectLang('', [])).toBe('en');
    expect(langOfTag('zhx')).toBeUndefined();
  });
  it('has the contract names in both languages and the same keys', () => {
    expect([STRINGS.en.lesson, STRINGS.en.editor, STRINGS.en.terminal]).toEqual(['Lesson', 'Editor', 'Terminal']);
    expect([STRINGS.zh.lesson, STRINGS.zh.editor, STRINGS.zh.terminal]).toEqual(['课程', '编辑器', '终端']);
    expect(Object.keys(STRINGS.zh).sort()).toEqual(Object.keys(STRINGS.en).sort());
  });
});
