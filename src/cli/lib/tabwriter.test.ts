import { describe, expect, it } from 'vitest';
import { AlignRight, DiscardEmptyColumns, DOCKER_TABWRITER, KUBECTL_TABWRITER, tabwrite, TabWriter } from './tabwriter';

describe('tabwriter', () => {
  it('pads columns to the widest cell + padding, at least minwidth; the last cell is not padded', () => {
    expect(tabwrite('CONTAINER ID\tIMAGE\tNAMES\nabc\tubuntu\tx\n', DOCKER_TABWRITER)).toBe('CONTAINER ID   IMAGE     NAMES\nabc            ubuntu    x\n');
    expect(tabwrite('NAME\tREADY\nnginx\t1/1\n', KUBECTL_TABWRITER)).toBe('NAME    READY\nnginx   1/1\n');
  });
  it('a line without tabs ends the column block (Go flushes there)', () => {
    expect(tabwrite('a\tb\nheader\nlonger-cell\tc\n', { ...DOCKER_TABWRITER, minwidth: 0 })).toBe('a   b\nheader\nlonger-cell   c\n');
  });
  it('counts runes, not display width, as Go does', () => {
    expect(tabwrite('名字\tx\nab\ty\n', { ...KUBECTL_TABWRITER, minwidth: 0 })).toBe('名字   x\nab   y\n');
  });
  it('text without a final newline is written on flush', () => {
    expect(tabwrite('a\tb', DOCKER_TABWRITER)).toBe('a         b');
  });
  it('columns are blocks of consecutive lines that have the cell', () => {
    expect(tabwrite('a\tb\tc\naaaa\tb\nx\ty\tz\n', { minwidth: 0, tabwidth: 8, padding: 1, padchar: '.', flags: 0 })).toBe('a....b.c\naaaa.b\nx....y.z\n');
  });
  it('AlignRight and DiscardEmptyColumns', () => {
    expect(tabwrite('a\tbbb\t\naa\tb\t\n', { minwidth: 0, tabwidth: 8, padding: 1, padchar: ' ', flags: AlignRight })).toBe('  a bbb\n aa   b\n');
    expect(tabwrite('a\v\vb\n', { minwidth: 0, tabwidth: 8, padding: 1, padchar: ' ', flags: DiscardEmptyColumns })).toBe('a b\n');
    // an empty cell ended by a tab is not discardable
    expect(tabwrite('a\t\tb\n', { minwidth: 0, tabwidth: 8, padding: 1, padchar: ' ', flags: DiscardEmptyColumns })).toBe('a  b\n');
  });
  it('kubectl remembers column widths across flushes', () => {
    const w = new TabWriter(KUBECTL_TABWRITER);
    w.write('NAME\tSTATUS\nlong-pod-name\tRunning\n').flush();
    w.write('a\tPending\n').flush();
    expect(w.take()).toBe('NAME            STATUS\nlong-pod-name   Running\na               Pending\n');
  });
  it('tab padchar pads with tabs to tabwidth multiples', () => {
    expect(tabwrite('a\tb\nabcdefghi\tc\n', { minwidth: 0, tabwidth: 8, padding: 1, padchar: '\t', flags: 0 })).toBe('a\t\tb\nabcdefghi\tc\n');
  });
});
