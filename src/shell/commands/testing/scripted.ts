/** A table-driven differential test: each case is a list of commands run in a fresh tree. */
import { describe, expect, it } from 'vitest';
import { hasReal, realScript, simScript, type TreeNode } from './real';

export interface ScriptCase {
  readonly name?: string;
  readonly cmds: ReadonlyArray<readonly string[]>;
  readonly stdin?: readonly string[];
  /** Compare sorted lines (directory order on a real disk is not sorted). */
  readonly sort?: boolean;
}

export function describeScripts(title: string, tree: Record<string, TreeNode>, cases: readonly ScriptCase[], bin = 'bash'): void {
  describe(title, () => {
    for (const c of cases) {
      it.skipIf(!hasReal(bin))(c.name ?? c.cmds.map((x) => x.join(' ')).join(' ; '), async () => {
        const ours = await simScript(tree, c.cmds, c.stdin);
        const real = realScript(tree, c.cmds, c.stdin);
        const norm = (t: string): string => (c.sort ? t.split('\n').sort().join('\n') : t);
        expect(norm(ours)).toBe(norm(real));
      });
    }
  });
}
