import { describe, expect, it } from 'vitest';
import { goStruct } from '../gofmt';
import { dockerWrite, parseKubectlGoTemplate, Template, DOCKER_FUNCS } from './index';

function run(text: string, data: unknown, name = ''): string {
  const p = Template.parse(text, { name, funcs: DOCKER_FUNCS });
  if (!p.ok) return `PARSE: ${p.error}`;
  const r = p.template.execute(data);
  return r.ok ? r.output : `${r.output}|EXEC: ${r.error}`;
}

describe('text/template', () => {
  it.each([
    ['{{.A}} {{.B.C}} {{.Missing}}', { A: 1, B: { C: 'x' } }, '1 x <no value>'],
    ['{{range $i, $v := .L}}{{$i}}={{$v}},{{end}}', { L: ['a', 'b'] }, '0=a,1=b,'],
    ['{{range .M}}{{.}}{{end}}', { M: { b: 2, a: 1 } }, '12'],
    ['{{range .E}}x{{else}}empty{{end}}', { E: [] }, 'empty'],
    ['{{- if eq .A 1 -}} one {{- else if eq .A 2}}two{{else}}other{{end}}', { A: 1 }, 'one'],
    ['{{if eq .A 1}}one{{else if eq .A 2}}two{{else}}other{{end}}', { A: 2 }, 'two'],
    ['{{with .X}}{{.}}{{else}}none{{end}}', {}, 'none'],
    ['{{define "T"}}<{{.}}>{{end}}{{template "T" .A}}', { A: 5 }, '<5>'],
    ['{{.A | printf "%s-%s" "x"}}', { A: 'y' }, 'x-y'],
    ['{{$x := 1}}{{$x = 2}}{{$x}}', {}, '2'],
    ['{{range .}}{{.}}{{break}}{{end}}', [1, 2], '1'],
    ['{{range .}}{{if eq . 1}}{{continue}}{{end}}{{.}}{{end}}', [1, 2], '2'],
    ['{{and 1 0 2}} {{or 0 "" "x"}} {{not 0}}', {}, '0 x true'],
    ['{{len .L}} {{index .L 1}} {{index .M "a"}} {{slice .L 1}} {{index .M "zz"}}', { L: [1, 2, 3], M: { a: 'z' } }, '3 2 z [2 3] <no value>'],
    ['{{printf "%-10s|%5d|%q|%v" .S .N .S .M}}', { S: 'hi', N: 42, M: { b: 2, a: [1, 2] } }, 'hi        |   42|"hi"|map[a:[1 2] b:2]'],
    ['{{print "a" 1 2}} {{println "x"}}', {}, 'a1 2 x\n'],
    ['{{/* comment */}}x{{- /* trimmed */ -}} y', {}, 'xy'],
    ['{{json .}}', { b: [1, 'x'], a: null, h: '<&>' }, '{"a":null,"b":[1,"x"],"h":"<&>"}'],
    ['{{join .N ","}} {{split "a:b" ":"}} {{upper "x"}} {{title "hello world"}} {{truncate "abcdef" 3}}|{{pad "x" 1 2}}|', { N: ['a', 'b'] }, 'a,b [a b] X Hello World abc| x  |'],
    ['{{.Label "k"}}', goStruct({ Label: (k: string) => `v-${k}` }, '*formatter.ContainerContext'), 'v-k'],
    ['{{lt 1 2}} {{le 2 2}} {{gt "b" "a"}} {{ne 1 2}}', {}, 'true true true true'],
  ])('%s', (t, d, want) => expect(run(t, d)).toBe(want));

  it.each([
    ['{{foo}}', {}, 'PARSE: template: :1: function "foo" not defined'],
    ['{{ .A }', {}, 'PARSE: template: :1: unexpected "}" in operand'],
    ['{{if}}{{end}}', {}, 'PARSE: template: :1: missing value for if'],
    ['{{if .A}}', {}, 'PARSE: template: :1: unexpected EOF'],
    ['{{end}}', {}, 'PARSE: template: :1: unexpected {{end}}'],
    ['{{.A', {}, 'PARSE: template: :1: unclosed action'],
    ['{{$x}}', {}, 'PARSE: template: :1: undefined variable "$x"'],
    ['a\n{{.A.B}}', { A: 'str' }, 'a\n|EXEC: template: :2:4: executing "" at <.A.B>: can\'t evaluate field B in type string'],
    ['{{index .L 5}}', { L: [1] }, '|EXEC: template: :1:2: executing "" at <index .L 5>: error calling index: index out of range: 5'],
    ['{{nil}}', {}, '|EXEC: template: :1:2: executing "" at <nil>: nil is not a command'],
    ['{{eq 1 "a"}}', {}, '|EXEC: template: :1:2: executing "" at <eq 1 "a">: error calling eq: incompatible types for comparison'],
    ['{{.X}}', goStruct({ Y: 1 }, '*formatter.ContainerContext'), '|EXEC: template: :1:2: executing "" at <.X>: can\'t evaluate field X in type *formatter.ContainerContext'],
    ['{{upper 1}}', {}, '|EXEC: template: :1:8: executing "" at <1>: expected string; found 1'],
    ['{{len}}', {}, '|EXEC: template: :1:2: executing "" at <len>: wrong number of args for len: want 1 got 0'],
  ])('error %s', (t, d, want) => expect(run(t, d)).toBe(want));

  it('kubectl go-template: named "output", missing keys as <no value> or an error', () => {
    const p = parseKubectlGoTemplate('{{.metadata.nope}}');
    expect(p.ok && p.template.execute({ metadata: {} })).toEqual({ ok: true, output: '<no value>' });
    const strict = parseKubectlGoTemplate('{{.metadata.nope}}', false);
    expect(strict.ok && strict.template.execute({ metadata: {} })).toEqual({
      ok: false,
      output: '',
      error: 'template: output:1:11: executing "output" at <.metadata.nope>: map has no entry for key "nope"',
    });
    const f = parseKubectlGoTemplate('{{if exists . "data" "k"}}{{base64decode .data.k}}{{end}}');
    expect(f.ok && f.template.execute({ data: { k: 'aGVsbG8=' } })).toEqual({ ok: true, output: 'hello' });
  });
});

describe('docker --format (formatter.Context.Write)', () => {
  const header = { ID: 'CONTAINER ID', Image: 'IMAGE', Command: 'COMMAND', RunningFor: 'CREATED', Status: 'STATUS', Ports: 'PORTS', Names: 'NAMES', State: 'STATE' };
  const containers = [
    { ID: 'containerID1', Image: 'ubuntu', Command: '""', RunningFor: '24 hours ago', Status: '', Ports: '', Names: 'foobar_baz', State: 'running' },
    { ID: 'containerID2', Image: 'ubuntu', Command: '""', RunningFor: '24 hours ago', Status: '', Ports: '', Names: 'foobar_bar', State: 'running' },
  ];
  const def = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';

  // Expected texts: output-formats.json docker.ps.write (container_test.go TestContainerContextWrite).
  it('renders the default ps table', () => {
    expect(dockerWrite(def, containers, header)).toEqual({
      ok: true,
      output:
        'CONTAINER ID   IMAGE     COMMAND   CREATED        STATUS    PORTS     NAMES\ncontainerID1   ubuntu    ""        24 hours ago                       foobar_baz\ncontainerID2   ubuntu    ""        24 hours ago                       foobar_bar\n',
    });
  });
  it('applies header functions to the header row (container-context-write-special-headers.golden)', () => {
    const f = 'table {{truncate .ID 5}}\\t{{json .Image}} {{.RunningFor}}/{{title .Status}}/{{pad .Ports 2 2}}.{{upper .Names}} {{lower .Status}}';
    expect(dockerWrite(f, containers, header)).toEqual({
      ok: true,
      output: 'CONTAINER ID   IMAGE CREATED/STATUS/  PORTS  .NAMES STATUS\nconta          "ubuntu" 24 hours ago//.FOOBAR_BAZ \nconta          "ubuntu" 24 hours ago//.FOOBAR_BAR \n',
    });
  });
  it('prints the header for an empty table and nothing for an empty plain format', () => {
    expect(dockerWrite('table {{.Image}}', [], header)).toEqual({ ok: true, output: 'IMAGE\n' });
    expect(dockerWrite('{{.Image}}', [], header)).toEqual({ ok: true, output: '' });
    expect(dockerWrite('table {{split .Image ":"}}', containers, header)).toEqual({ ok: true, output: 'IMAGE\n[ubuntu]\n[ubuntu]\n' });
  });
  it('reports template errors the way docker does', () => {
    expect(dockerWrite('{{InvalidFunction}}', containers, header)).toEqual({
      ok: false,
      output: '',
      error: 'template parsing error: template: :1: function "InvalidFunction" not defined',
    });
    expect(dockerWrite('{{nil}}', containers, header)).toEqual({
      ok: false,
      output: '',
      error: 'template parsing error: template: :1:2: executing "" at <nil>: nil is not a command',
    });
  });
});
