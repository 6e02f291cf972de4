/** true: does nothing, successfully (bash's builtin ignores its arguments). */
import type { ProgramInfo } from '../../../engine/runtime/programs';

export const trueInfo: ProgramInfo = { name: 'true', program: () => Promise.resolve(0) };
