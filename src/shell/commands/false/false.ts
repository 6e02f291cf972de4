/** false: does nothing, unsuccessfully. */
import type { ProgramInfo } from '../../../engine/runtime/programs';

export const falseInfo: ProgramInfo = { name: 'false', program: () => Promise.resolve(1) };
