/**
 * vi, vim, nano, code, editor: open the file in the page's editor panel and exit 0. Headless
 * sessions have no editor: one Dockyard line on stderr and status 1.
 */
import type { ProcessContext } from '../../../engine/runtime/kernel';
import type { ProgramInfo } from '../../../engine/runtime/programs';
import { abs } from '../lib/io';

function editor(name: string): ProgramInfo {
  return {
    name,
    program: async (ctx: ProcessContext) => {
      const files = ctx.argv.slice(1).filter((a) => !a.startsWith('-') && !a.startsWith('+'));
      const open = ctx.kernel.services.openInEditor;
      if (!open) {
        await ctx.stderr.write(`dockyard: ${name} opens files in the editor panel; there is none in this headless session\n`);
        return 1;
      }
      if (files.length === 0) {
        await ctx.stderr.write(`dockyard: ${name} opens files in the editor panel; name a file: ${name} FILE\n`);
        return 1;
      }
      for (const f of files) {
        if (!open(abs(ctx, f))) {
          await ctx.stderr.write(`dockyard: ${name} opens files in the editor panel; there is none in this headless session\n`);
          return 1;
        }
      }
      return 0;
    },
  };
}

export const viInfo = editor('vi');
export const vimInfo = editor('vim');
export const nanoInfo = editor('nano');
export const codeInfo = editor('code');
export const editorInfo = editor('editor');
