/** The host's programs (coreutils and friends), registered by the session into the kernel. */
import type { ProgramInfo } from '../../engine/runtime/programs';
import { awkInfo } from './awk/awk';
import { base64Info } from './base64/base64';
import { basenameInfo } from './basename/basename';
import { bracketInfo } from './test/test';
import { catInfo } from './cat/cat';
import { chmodInfo } from './chmod/chmod';
import { chownInfo } from './chmod/chmod';
import { clearInfo } from './clear/clear';
import { codeInfo } from './editor/editor';
import { commInfo } from './comm/comm';
import { cpInfo } from './cp/cp';
import { curlInfo } from './curl/curl';
import { cutInfo } from './cut/cut';
import { dateInfo } from './date/date';
import { dfInfo } from './df/df';
import { diffInfo } from './diff/diff';
import { dircolorsInfo } from './dircolors/dircolors';
import { dirnameInfo } from './dirname/dirname';
import { duInfo } from './du/du';
import { echoInfo } from './echo/echo';
import { editorInfo } from './editor/editor';
import { envInfo } from './env/env';
import { falseInfo } from './false/false';
import { fileInfo } from './file/file';
import { findInfo } from './find/find';
import { foldInfo } from './fold/fold';
import { freeInfo } from './free/free';
import { grepInfo } from './grep/grep';
import { groupsInfo } from './groups/groups';
import { headInfo } from './head/head';
import { hostnameInfo } from './hostname/hostname';
import { idInfo } from './id/id';
import { killInfo } from './kill/kill';
import { lessInfo } from './less/less';
import { lnInfo } from './ln/ln';
import { lsInfo } from './ls/ls';
import { manInfo } from './man/man';
import { mawkInfo } from './awk/awk';
import { md5sumInfo } from './hash/hash';
import { mkdirInfo } from './mkdir/mkdir';
import { moreInfo } from './less/less';
import { mvInfo } from './mv/mv';
import { nanoInfo } from './editor/editor';
import { nlInfo } from './nl/nl';
import { nohupInfo } from './nohup/nohup';
import { nprocInfo } from './nproc/nproc';
import { odInfo } from './od/od';
import { pasteInfo } from './paste/paste';
import { printenvInfo } from './env/env';
import { printfInfo } from './printf/printf';
import { psInfo } from './ps/ps';
import { pwdInfo } from './pwd/pwd';
import { readlinkInfo } from './realpath/realpath';
import { realpathInfo } from './realpath/realpath';
import { revInfo } from './rev/rev';
import { rmInfo } from './rm/rm';
import { rmdirInfo } from './rmdir/rmdir';
import { sedInfo } from './sed/sed';
import { seqInfo } from './seq/seq';
import { sha1sumInfo } from './hash/hash';
import { sha256sumInfo } from './hash/hash';
import { sleepInfo } from './sleep/sleep';
import { sortInfo } from './sort/sort';
import { statInfo } from './stat/stat';
import { suInfo } from './sudo/sudo';
import { sudoInfo } from './sudo/sudo';
import { tacInfo } from './tac/tac';
import { tailInfo } from './tail/tail';
import { teeInfo } from './tee/tee';
import { testInfo } from './test/test';
import { timeoutInfo } from './timeout/timeout';
import { touchInfo } from './touch/touch';
import { trInfo } from './tr/tr';
import { trueInfo } from './true/true';
import { unameInfo } from './uname/uname';
import { uniqInfo } from './uniq/uniq';
import { uptimeInfo } from './uptime/uptime';
import { viInfo } from './editor/editor';
import { vimInfo } from './editor/editor';
import { wcInfo } from './wc/wc';
import { whichInfo } from './which/which';
import { whoamiInfo } from './whoami/whoami';
import { xargsInfo } from './xargs/xargs';
import { xxdInfo } from './od/od';
import { yesInfo } from './yes/yes';

export { DEBIAN_LS_COLORS } from './ls/colors';
/** bash builtins the shell calls in-process; `errPrefix` is what bash prints before the name. */
export { pwdBuiltin } from './pwd/pwd';
export { killBuiltin } from './kill/kill';
export { parseArgs, parse, type ArgSpec, type OptSpec } from './args';

export const coreutils: ProgramInfo[] = [
  lsInfo,
  catInfo,
  echoInfo,
  printfInfo,
  mkdirInfo,
  rmdirInfo,
  rmInfo,
  cpInfo,
  mvInfo,
  touchInfo,
  pwdInfo,
  headInfo,
  tailInfo,
  wcInfo,
  grepInfo,
  sedInfo,
  sortInfo,
  uniqInfo,
  cutInfo,
  trInfo,
  teeInfo,
  testInfo,
  bracketInfo,
  trueInfo,
  falseInfo,
  killInfo,
  sleepInfo,
  whoamiInfo,
  idInfo,
  groupsInfo,
  hostnameInfo,
  unameInfo,
  clearInfo,
  basenameInfo,
  dirnameInfo,
  realpathInfo,
  readlinkInfo,
  lnInfo,
  seqInfo,
  yesInfo,
  nprocInfo,
  dircolorsInfo,
  envInfo,
  printenvInfo,
  whichInfo,
  chmodInfo,
  chownInfo,
  sudoInfo,
  suInfo,
  dateInfo,
  statInfo,
  revInfo,
  tacInfo,
  nlInfo,
  foldInfo,
  pasteInfo,
  commInfo,
  base64Info,
  md5sumInfo,
  sha1sumInfo,
  sha256sumInfo,
  odInfo,
  xxdInfo,
  findInfo,
  xargsInfo,
  awkInfo,
  mawkInfo,
  psInfo,
  duInfo,
  dfInfo,
  freeInfo,
  uptimeInfo,
  fileInfo,
  manInfo,
  lessInfo,
  moreInfo,
  viInfo,
  vimInfo,
  nanoInfo,
  codeInfo,
  editorInfo,
  timeoutInfo,
  nohupInfo,
  diffInfo,
  curlInfo,
];
