import { describe, expect, it } from 'vitest';
import { dockerWrite } from '../lib/gotemplate';
import { goStruct } from '../lib/gofmt';
import { simpleFormat, writeTable } from './table';

interface Item {
  id: string;
  name: string;
  note: string;
}

const HEADER = { ID: 'CONTAINER ID', Names: 'NAMES', Note: 'NOTE' };
const FIELDS = { ID: (i: Item) => i.id, Names: (i: Item) => i.name, Note: (i: Item) => i.note };
const rows = (items: Item[]) => () => items.map((i) => goStruct({ ID: i.id, Names: i.name, Note: i.note }, '*formatter.ContainerContext'));

const ITEMS: Item[] = [
  { id: 'abc', name: 'short', note: '' },
  { id: 'a-much-longer-id-here', name: 'x', note: 'ünïcödé ✓' },
  { id: '中文', name: 'wide chars count as runes', note: 'n' },
];

describe('writeTable (the fast path of docker tables)', () => {
  const formats = [
    'table {{.ID}}\t{{.Names}}\t{{.Note}}',
    'table {{.ID}}\\t{{.Names}}\\t{{.Note}}',
    'table {{ .ID }}: {{.Names}}\t{{.Note}}',
    'table {{.ID}}',
    '{{.ID}} {{.Names}}',
    '{{.ID}}\t{{.Note}}',
    'table {{.Note}}\t{{.Note}}\t{{.ID}}',
  ];
  for (const f of formats) {
    it(`matches the template engine and tabwriter for ${JSON.stringify(f)}`, () => {
      expect(simpleFormat(f, new Set(Object.keys(FIELDS)))).toBeDefined();
      expect(writeTable(f, ITEMS, HEADER, FIELDS, rows(ITEMS))).toEqual(dockerWrite(f, rows(ITEMS)(), HEADER));
      expect(writeTable(f, [], HEADER, FIELDS, rows([]))).toEqual(dockerWrite(f, [], HEADER));
    });
  }

  it('leaves other formats to the template engine', () => {
    expect(simpleFormat('{{json .}}', new Set(['ID']))).toBeUndefined();
    expect(simpleFormat('{{.ID}}\\n{{.Names}}', new Set(['ID', 'Names']))).toBeUndefined();
    expect(simpleFormat('{{.Nope}}', new Set(['ID']))).toBeUndefined();
    const f = 'table {{.ID}}\t{{upper .Names}}';
    expect(writeTable(f, ITEMS, HEADER, FIELDS, rows(ITEMS))).toEqual(dockerWrite(f, rows(ITEMS)(), HEADER));
    const bad = '{{.Nope}}';
    expect(writeTable(bad, ITEMS, HEADER, FIELDS, rows(ITEMS)).ok).toBe(false);
  });

  it('falls back when a value holds a tab or a line break', () => {
    const items = [{ id: 'a\tb', name: 'n', note: 'x\ny' }];
    const f = 'table {{.ID}}\t{{.Names}}\t{{.Note}}';
    expect(writeTable(f, items, HEADER, FIELDS, rows(items))).toEqual(dockerWrite(f, rows(items)(), HEADER));
  });

  it('pads columns to max(10, widest + 3) and leaves the last cell unpadded', () => {
    const r = writeTable('table {{.ID}}\t{{.Names}}', ITEMS.slice(0, 1), HEADER, FIELDS, rows(ITEMS));
    expect(r.output).toBe('CONTAINER ID   NAMES\nabc            short\n');
  });
});
