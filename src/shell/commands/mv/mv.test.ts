import { describeScripts } from '../testing/scripted';

const TREE = { f: 'hello\n', g: 'other\n', d: { dir: true as const }, 'd/in': 'in\n', e: { dir: true as const }, 'e/d': { dir: true as const }, 'e/d/x': '' };

describeScripts('mv against GNU mv', TREE, [
  { cmds: [['mv', 'f']] },
  { cmds: [['mv', 'nope', 'z']] },
  { cmds: [['mv', '-v', 'f', 'z']] },
  { cmds: [['mv', 'f', 'g']] },
  { cmds: [['mv', 'f', 'g', 'd']] },
  { cmds: [['mv', 'd', 'd/sub']] },
  { cmds: [['mv', 'd', 'e']] },
  { cmds: [['mv', 'f', 'e']] },
  { cmds: [['mv', 'f', 'f']] },
  { cmds: [['mv', 'd', 'f']] },
  { cmds: [['mv', '-n', 'f', 'g'], ['cat', 'g']] },
  { cmds: [['mv', '-i', 'f', 'g'], ['cat', 'g']], stdin: ['n'] },
  { cmds: [['mv', 'f', 'g', 'nodir']] },
]);
