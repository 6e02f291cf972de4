import { describe, it, expect } from 'vitest';
import { Scopes, type Var } from './vars';

const scalar = (value: string | undefined, exported = true): Var => ({ v: { kind: 'scalar', value }, exported });

describe('Scopes.exported', () => {
  it('gives the exported scalars with a value, sorted, the innermost scope winning', () => {
    const s = new Scopes();
    s.global.set('PATH', scalar('/bin'));
    s.global.set('B', scalar('global b'));
    s.global.set('A', scalar('a'));
    s.global.set('LOCAL_ONLY', scalar('x', false));
    s.global.set('UNSET', scalar(undefined));
    s.global.set('ARR', { v: { kind: 'indexed', value: new Map([[0, 'zero']]) }, exported: true });
    s.global.set('Z', scalar('z'));
    s.push();
    s.stack[1]!.set('B', scalar('local b'));
    s.stack[1]!.set('Z', scalar('hidden', false));
    s.stack[1]!.set('C', scalar('c'));
    s.push();
    s.stack[2]!.set('LOCAL_ONLY', scalar('now exported'));
    expect([...s.exported()]).toEqual([
      ['A', 'a'],
      ['B', 'local b'],
      ['C', 'c'],
      ['LOCAL_ONLY', 'now exported'],
      ['PATH', '/bin'],
    ]);
    s.pop();
    s.pop();
    expect([...s.exported()]).toEqual([
      ['A', 'a'],
      ['B', 'global b'],
      ['PATH', '/bin'],
      ['Z', 'z'],
    ]);
  });
});
