import { describe, expect, it } from 'vitest';
import { createDockerfileService, inFromImageTag, toCompletion, toMarkdown, toMarker } from './dockerfileService';

const service = createDockerfileService();

describe('Dockerfile diagnostics as Monaco markers', () => {
  it('an unknown instruction is marked on its own line and columns', () => {
    const markers = service.markers('FROM alpine:3.20\nRUN echo hi\nFOO bar\n');
    expect(markers).toEqual([
      { startLineNumber: 3, startColumn: 1, endLineNumber: 3, endColumn: 4, severity: 'Error', message: 'Unknown instruction: FOO', source: 'dockerfile-utils', code: '38', tags: [] },
    ]);
  });

  it('columns count from 1 in the middle of a line', () => {
    const [m] = service.markers('FROM alpine\nEXPOSE 80/tcpx\n');
    expect(m).toMatchObject({ startLineNumber: 2, startColumn: 11, endLineNumber: 2, endColumn: 15, message: 'Invalid proto: tcpx', severity: 'Error' });
  });

  it('a valid Dockerfile has none', () => {
    expect(service.markers('FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n')).toEqual([]);
  });

  it('warnings stay warnings (MAINTAINER is deprecated)', () => {
    const [m] = service.markers('FROM alpine\nMAINTAINER me\n');
    expect(m).toMatchObject({ startLineNumber: 2, severity: 'Warning', tags: ['Deprecated'] });
  });

  it('works without Node\'s Buffer, as in a browser', () => {
    const g = globalThis as { Buffer?: unknown };
    const saved = g.Buffer;
    delete g.Buffer;
    try {
      expect(service.markers('\ufeffFROM alpine\nFOO bar\n').map((m) => [m.startLineNumber, m.startColumn, m.message])).toEqual([[2, 1, 'Unknown instruction: FOO']]);
    } finally {
      g.Buffer = saved;
    }
  });

  it('maps every LSP severity', () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    expect([1, 2, 3, 4].map((severity) => toMarker({ range, message: 'm', severity: severity as 1 }).severity)).toEqual(['Error', 'Warning', 'Info', 'Hint']);
  });
});

describe('Dockerfile hover', () => {
  it('hovering an instruction shows its documentation', () => {
    const h = service.hover('FROM alpine\nRUN echo hi\n', 2, 2);
    expect(h?.contents).toMatch(/^Execute any commands on top of the current image as a new layer/);
  });

  it('nothing to say on a blank line', () => {
    expect(service.hover('FROM alpine\n\nRUN echo hi\n', 2, 1)).toBeNull();
  });
});

describe('Dockerfile completion', () => {
  it('completes an instruction as a snippet that replaces the typed prefix', async () => {
    const items = await service.completions('FROM alpine\nRU', 2, 3);
    const run = items.find((i) => i.label === 'RUN command');
    expect(run).toMatchObject({
      kind: 'Keyword',
      insertText: 'RUN ${1:command}',
      snippet: true,
      range: { startLineNumber: 2, startColumn: 1, endLineNumber: 2, endColumn: 3 },
    });
    expect(run?.documentation).toMatch(/Execute any commands/);
  });

  it('never asks a registry for tags (no network): a FROM tag gets no proposals', async () => {
    expect(inFromImageTag('FROM alpine:3', 0, 13)).toBe(true);
    expect(inFromImageTag('FROM alpine:3', 0, 3)).toBe(false);
    expect(await service.completions('FROM alpine:3', 1, 14)).toEqual([]);
  });

  it('uses the word range when an item has no text edit', () => {
    const fallback = { startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 2 };
    expect(toCompletion({ label: 'x', kind: 19 }, fallback)).toMatchObject({ kind: 'Folder', insertText: 'x', snippet: false, range: fallback });
  });
});

describe('toMarkdown', () => {
  it('escapes plain text and fences language strings', () => {
    expect(toMarkdown({ kind: 'plaintext', value: 'a_b *c*' })).toBe('a\\_b \\*c\\*');
    expect(toMarkdown({ language: 'dockerfile', value: 'RUN x' })).toBe('```dockerfile\nRUN x\n```');
    expect(toMarkdown(['one', 'two'])).toBe('one\n\ntwo');
  });
});
