/**
 * The programs inside images, registered under names that cannot clash with the host's
 * (`apt-get@debian`, `nginx@nginx` ...; `busybox` is not a host program). The shells and
 * coreutils of images are the host's own programs, named by their plain names in the images'
 * marker files (see rootfs.ts). The daemon registers `imagePrograms` into the kernel.
 */
import type { ProgramInfo } from '../../../runtime/programs';
import { accountPrograms } from './accounts';
import { apkInfo, busyboxInfo } from './alpine';
import { aptCacheInfo, aptGetInfo, aptInfo, dpkgInfo } from './apt';
import { cowsayInfo, fortuneInfo, helloInfo } from './games';
import { kicbaseInitInfo } from './kicbase';
import { netClientPrograms } from './netclients';
import { redisCliInfo, redisEntrypointInfo, redisServerInfo } from './redis';
import { goInfo, nodeEntrypointInfo, nodeInfo, npmInfo, npxInfo, pipInfo, pythonInfo, yarnInfo } from './lang';
import {
  httpdForegroundInfo,
  httpdInfo,
  jupyterInfo,
  mongodInfo,
  mongoEntrypointInfo,
  mysqldInfo,
  mysqlEntrypointInfo,
  nginxEntrypointInfo,
  nginxInfo,
  postgresEntrypointInfo,
  postgresInfo,
  registryEntrypointInfo,
  registryInfo,
  startNotebookInfo,
  startShInfo,
  tiniInfo,
  whoamiInfo,
} from './servers';

const notSimulated = (name: string, what: string): ProgramInfo => ({
  name,
  program: async (ctx) => {
    await ctx.stderr.write(`dockyard: '${what}' is not simulated here\n`);
    return 1;
  },
});

export const imagePrograms: readonly ProgramInfo[] = [
  helloInfo,
  busyboxInfo,
  apkInfo,
  aptGetInfo,
  aptInfo,
  aptCacheInfo,
  dpkgInfo,
  cowsayInfo,
  fortuneInfo,
  pythonInfo,
  pipInfo,
  nodeInfo,
  nodeEntrypointInfo,
  npmInfo,
  npxInfo,
  yarnInfo,
  goInfo,
  nginxEntrypointInfo,
  nginxInfo,
  httpdForegroundInfo,
  httpdInfo,
  redisEntrypointInfo,
  redisServerInfo,
  redisCliInfo,
  postgresEntrypointInfo,
  postgresInfo,
  notSimulated('psql@postgres', 'psql'),
  mysqlEntrypointInfo,
  mysqldInfo,
  notSimulated('mysql@mysql', 'mysql'),
  mongoEntrypointInfo,
  mongodInfo,
  notSimulated('mongosh@mongo', 'mongosh'),
  tiniInfo,
  kicbaseInitInfo,
  startNotebookInfo,
  startShInfo,
  jupyterInfo,
  whoamiInfo,
  registryEntrypointInfo,
  registryInfo,
  notSimulated('microdnf@oraclelinux', 'microdnf'),
  ...netClientPrograms,
  ...accountPrograms,
];

export { HELLO_TEXT, cowsay, fill, mbswidth } from './games';
export { aptSize, showList } from './apt';
export { jupyterToken } from './servers';
