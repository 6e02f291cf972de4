import { describeScripts } from '../testing/scripted';

const TREE = { d1: 'a\nb\nc\nd\n', d2: 'a\nx\nc\nd\ne\n', d3: 'a', d4: 'b', long1: 'l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\n', long2: 'l1\nL2\nl3\nl4\nl5\nl6\nl7\nl8\nL9\nl10\n' };
const c = (...a: string[]): { cmds: string[][] } => ({ cmds: [a] });

describeScripts('diff against GNU diff', TREE, [
  c('diff', 'd1', 'd2'),
  c('diff', '-u', 'd1', 'd2'),
  c('diff', 'd1', 'nope'),
  c('diff', 'd1', 'd1'),
  c('diff', 'd3', 'd4'),
  c('diff', '-u', 'd3', 'd4'),
  c('diff', '-q', 'd1', 'd2'),
  c('diff', '-s', 'd1', 'd1'),
  c('diff', 'd2', 'd1'),
  c('diff', '-u', 'long1', 'long2'),
  c('diff', '-U', '1', 'long1', 'long2'),
  c('diff', 'd1'),
  c('diff', '--foo'),
]);
