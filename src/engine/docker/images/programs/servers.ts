/**
 * Servers that run as a container's main process: nginx with its entrypoint (programs.md §9),
 * httpd (§10), postgres (§12), mysql (§13), mongod (§14), Jupyter (§16),
 * traefik/whoami (§18), nginxdemos/hello (§19), registry (§20). Each prints its start-up log,
 * listens on its ports in the container's network namespace and answers HTTP as the real one,
 * until the signal that stops it.
 */
import { resolvePath } from '../../../fs/path';
import type { HttpRequest, HttpResponse } from '../../../net/net';
import type { ProcessContext } from '../../../runtime/kernel';
import type { ProgramInfo } from '../../../runtime/programs';
import { signalNumber, type Signal } from '../../../runtime/signals';
import { FsStorage, Registry, registryHttpHandler } from '../../registry';
import { apacheDate, clfDate, err, execv, header, hostnameOf, httpDate, isoSpace, now, out, readText, serve, slashDate, utf8Length } from './lib';

/** Writes from a request handler: the process may be gone by then. */
function log(ctx: ProcessContext, stream: 'stdout' | 'stderr', s: string): void {
  ctx[stream].write(s).catch(() => undefined);
}

function nproc(): number {
  return 2;
}

const NGINX_VERSION = '1.29.0';

// ---------------------------------------------------------------------------------------------
// nginx

const NGINX_404 = '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/' + NGINX_VERSION + '</center>\r\n</body>\r\n</html>\r\n';

const MIME: Record<string, string> = { html: 'text/html', htm: 'text/html', css: 'text/css', js: 'application/javascript', json: 'application/json', png: 'image/png', ico: 'image/x-icon', txt: 'text/plain', svg: 'image/svg+xml' };

export const nginxEntrypointInfo: ProgramInfo = {
  name: 'docker-entrypoint@nginx',
  program: async (ctx) => {
    const argv = ctx.argv.slice(1);
    const quiet = ctx.env.get('NGINX_ENTRYPOINT_QUIET_LOGS');
    if ((argv[0] === 'nginx' || argv[0] === 'nginx-debug') && !quiet) {
      const e = '/docker-entrypoint.sh';
      const ipv6 = ctx.fs.exists('/etc/nginx/conf.d/default.conf');
      const lines = [
        `${e}: /docker-entrypoint.d/ is not empty, will attempt to perform configuration`,
        `${e}: Looking for shell scripts in /docker-entrypoint.d/`,
        `${e}: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh`,
        ...(ipv6
          ? ['10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf', '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf']
          : ['10-listen-on-ipv6-by-default.sh: info: /etc/nginx/conf.d/default.conf is not a file or does not exist']),
        `${e}: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh`,
        `${e}: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh`,
        `${e}: Launching /docker-entrypoint.d/30-tune-worker-processes.sh`,
        `${e}: Configuration complete; ready for start up`,
      ];
      await out(ctx, lines.join('\n') + '\n');
    }
    if (argv.length === 0) return 0;
    return execv(ctx, argv, '/docker-entrypoint.sh');
  },
};

function nginxHandler(ctx: ProcessContext, hello: 'html' | 'plain' | undefined): (req: HttpRequest) => HttpResponse {
  let requests = 0;
  return (req) => {
    requests++;
    const d = now(ctx);
    const path = decodeURIComponent(req.target.split('?')[0] ?? '/');
    const ua = header(req, 'user-agent') ?? '-';
    const referer = header(req, 'referer') ?? '-';
    const common: Array<[string, string]> = [['Server', `nginx/${NGINX_VERSION}`], ['Date', httpDate(d)]];
    let status = 200;
    let body: string;
    let type = 'text/html';
    if (hello) {
      const id = ctx.kernel.ids.hex(`nginx-request:${ctx.ns.container ?? ''}`, 32);
      const addr = `${req.local.address}:${req.local.port}`;
      const t = clfDate(d);
      body =
        hello === 'plain'
          ? `Server address: ${addr}\nServer name: ${hostnameOf(ctx)}\nDate: ${t}\nURI: ${req.target}\nRequest ID: ${id}\n`
          : (readText(ctx, '/usr/share/nginx/html/index.html') ?? '').replace(/server_address/g, addr).replace(/server_hostname/g, hostnameOf(ctx)).replace(/server_date/g, t).replace(/server_url/g, req.target).replace(/request_id/g, id);
      type = hello === 'plain' ? 'text/plain' : 'text/html';
      common.push(['Expires', httpDate(d)], ['Cache-Control', 'no-cache']);
    } else {
      let file = resolvePath('/usr/share/nginx/html', `.${path}`);
      try {
        if (ctx.fs.stat(file).type === 'dir') file = `${file.replace(/\/$/, '')}/index.html`;
        body = ctx.fs.readText(file);
        type = MIME[file.split('.').pop() ?? ''] ?? 'application/octet-stream';
      } catch {
        status = 404;
        body = NGINX_404;
        log(ctx, 'stderr', `${slashDate(d)} [error] ${30}#${30}: *${requests} open() "${file}" failed (2: No such file or directory), client: ${req.remote.address}, server: localhost, request: "${req.method} ${req.target} ${req.version}", host: "${header(req, 'host') ?? ''}"${referer !== '-' ? `, referrer: "${referer}"` : ''}\n`);
      }
    }
    const len = utf8Length(body);
    // $body_bytes_sent: a HEAD response sends the headers only.
    const sent = req.method === 'HEAD' ? 0 : len;
    log(ctx, 'stdout', `${req.remote.address} - - [${clfDate(d)}] "${req.method} ${req.target} ${req.version}" ${status} ${sent} "${referer}" "${ua}" "-"\n`);
    return { status, headers: [...common, ['Content-Type', type], ['Content-Length', String(len)], ['Connection', 'keep-alive']], body };
  };
}

async function nginxMain(ctx: ProcessContext): Promise<number> {
  const args = ctx.argv.slice(1);
  if (args.includes('-v')) {
    await err(ctx, `nginx version: nginx/${NGINX_VERSION}\n`);
    return 0;
  }
  if (args.includes('-t')) {
    await err(ctx, 'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n');
    return 0;
  }
  const alpine = ctx.fs.exists('/etc/alpine-release');
  const pid = ctx.process.nsPid;
  const n = (s: string) => `${slashDate(now(ctx))} [notice] ${pid}#${pid}: ${s}\n`;
  const workers = Array.from({ length: nproc() }, (_, i) => 29 + i);
  await err(
    ctx,
    n('using the "epoll" event method') +
      n(`nginx/${NGINX_VERSION}`) +
      n(alpine ? 'built by gcc 14.2.0 (Alpine 14.2.0) ' : 'built by gcc 12.2.0 (Debian 12.2.0-14) ') +
      n('OS: Linux 6.10.14-linuxkit') +
      n('getrlimit(RLIMIT_NOFILE): 1048576:1048576') +
      n('start worker processes') +
      workers.map((w) => n(`start worker process ${w}`)).join(''),
  );
  const hello = ctx.fs.exists('/etc/nginx/conf.d/hello.conf') ? (readText(ctx, '/usr/share/nginx/html/index.html')?.startsWith('Server address') ? 'plain' : 'html') : undefined;
  const sig = await serve(ctx, [80], nginxHandler(ctx, hello), ['SIGQUIT', 'SIGTERM', 'SIGINT']);
  const d = slashDate(now(ctx));
  const name = sig === 'SIGQUIT' ? 'SIGQUIT' : sig;
  let s = `${d} [notice] ${pid}#${pid}: signal ${signalNumber(sig)} (${name}) received, ${sig === 'SIGQUIT' ? 'shutting down' : 'exiting'}\n`;
  for (const w of workers) s += sig === 'SIGQUIT' ? `${d} [notice] ${w}#${w}: gracefully shutting down\n${d} [notice] ${w}#${w}: exiting\n${d} [notice] ${w}#${w}: exit\n` : `${d} [notice] ${w}#${w}: exiting\n${d} [notice] ${w}#${w}: exit\n`;
  for (const w of workers) s += `${d} [notice] ${pid}#${pid}: signal 17 (SIGCHLD) received from ${w}\n${d} [notice] ${pid}#${pid}: worker process ${w} exited with code 0\n`;
  s += `${d} [notice] ${pid}#${pid}: exit\n`;
  await err(ctx, s);
  return 0;
}

export const nginxInfo: ProgramInfo = { name: 'nginx@nginx', program: nginxMain };

// ---------------------------------------------------------------------------------------------
// httpd

export const httpdForegroundInfo: ProgramInfo = {
  name: 'httpd-foreground@httpd',
  program: (ctx) => execv(ctx, ['httpd', '-DFOREGROUND', ...ctx.argv.slice(1)], 'httpd-foreground'),
};

export const httpdInfo: ProgramInfo = {
  name: 'httpd@httpd',
  program: async (ctx) => {
    if (ctx.argv.includes('-v')) {
      await out(ctx, 'Server version: Apache/2.4.63 (Unix)\nServer built:   Jun 10 2025 00:00:00\n');
      return 0;
    }
    const ip = ctx.ns.net?.addresses[0] ?? '127.0.0.1';
    const pid = ctx.process.nsPid;
    const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message\n`;
    await err(ctx, fqdn + fqdn);
    const d = apacheDate(now(ctx));
    await err(ctx, `[${d}] [mpm_event:notice] [pid ${pid}:tid ${pid}] AH00489: Apache/2.4.63 (Unix) configured -- resuming normal operations\n[${d}] [core:notice] [pid ${pid}:tid ${pid}] AH00094: Command line: 'httpd -D FOREGROUND'\n`);
    const sig = await serve(
      ctx,
      [80],
      (req) => {
        const path = req.target.split('?')[0] ?? '/';
        let body: string;
        let status = 200;
        try {
          let f = resolvePath('/usr/local/apache2/htdocs', `.${decodeURIComponent(path)}`);
          if (ctx.fs.stat(f).type === 'dir') f = `${f.replace(/\/$/, '')}/index.html`;
          body = ctx.fs.readText(f);
        } catch {
          status = 404;
          body = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n`;
        }
        log(ctx, 'stdout', `${req.remote.address} - - [${clfDate(now(ctx))}] "${req.method} ${req.target} ${req.version}" ${status} ${utf8Length(body)}\n`);
        return { status, headers: [['Date', httpDate(now(ctx))], ['Server', 'Apache/2.4.63 (Unix)'], ['Content-Length', String(utf8Length(body))], ['Content-Type', status === 200 ? 'text/html' : 'text/html; charset=iso-8859-1']], body };
      },
      ['SIGWINCH', 'SIGTERM', 'SIGINT'],
    );
    const d2 = apacheDate(now(ctx));
    await err(ctx, sig === 'SIGWINCH' ? `[${d2}] [mpm_event:notice] [pid ${pid}:tid ${pid}] AH00492: caught SIGWINCH, shutting down gracefully\n` : `[${d2}] [mpm_event:notice] [pid ${pid}:tid ${pid}] AH00491: caught SIGTERM, shutting down\n`);
    return 0;
  },
};

// redis: redis.ts

// ---------------------------------------------------------------------------------------------
// postgres

export const postgresEntrypointInfo: ProgramInfo = {
  name: 'docker-entrypoint@postgres',
  program: async (ctx) => {
    const argv = ctx.argv.slice(1);
    if (argv[0] !== 'postgres') return execv(ctx, argv, '/usr/local/bin/docker-entrypoint.sh');
    const dataDir = ctx.env.get('PGDATA') ?? '/var/lib/postgresql/data';
    const initialized = ctx.fs.exists(`${dataDir}/PG_VERSION`);
    const pw = ctx.env.get('POSTGRES_PASSWORD');
    const trust = ctx.env.get('POSTGRES_HOST_AUTH_METHOD') === 'trust';
    if (!initialized && !pw && !trust) {
      await err(ctx, `Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".

       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
       connections without a password. This is *not* recommended.

       See PostgreSQL documentation about "trust":
       https://www.postgresql.org/docs/current/auth-trust.html
`);
      return 1;
    }
    const ts = () => `${isoSpace(now(ctx))} UTC`;
    const start = 'starting PostgreSQL 17.5 (Debian 17.5-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit';
    if (!initialized) {
      await out(ctx, `The files belonging to this database system will be owned by user "postgres".
This user must also own the server process.

The database cluster will be initialized with locale "en_US.utf8".
The default database encoding has accordingly been set to "UTF8".
The default text search configuration will be set to "english".

Data page checksums are disabled.

fixing permissions on existing directory ${dataDir} ... ok
creating subdirectories ... ok
selecting dynamic shared memory implementation ... posix
selecting default "max_connections" ... 100
selecting default "shared_buffers" ... 128MB
selecting default time zone ... Etc/UTC
creating configuration files ... ok
running bootstrap script ... ok
performing post-bootstrap initialization ... ok
syncing data to disk ... ok


Success. You can now start the database server using:

    pg_ctl -D ${dataDir} -l logfile start

`);
      await err(ctx, 'initdb: warning: enabling "trust" authentication for local connections\ninitdb: hint: You can change this by editing pg_hba.conf or using the option -A, or --auth-local and --auth-host, the next time you run initdb.\n');
      await ctx.sleep(800);
      await out(ctx, 'waiting for server to start....');
      await err(ctx, `${ts()} [48] LOG:  ${start}\n${ts()} [48] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"\n${ts()} [51] LOG:  database system was shut down at ${isoSpace(now(ctx), false)} UTC\n${ts()} [48] LOG:  database system is ready to accept connections\n`);
      await out(ctx, ' done\nserver started\n\n/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/*\n\nwaiting for server to shut down....');
      await err(ctx, `${ts()} [48] LOG:  received fast shutdown request\n${ts()} [48] LOG:  aborting any active transactions\n${ts()} [48] LOG:  background worker "logical replication launcher" (PID 54) exited with exit code 1\n${ts()} [49] LOG:  shutting down\n${ts()} [49] LOG:  checkpoint starting: shutdown immediate\n${ts()} [48] LOG:  database system is shut down\n`);
      await out(ctx, ' done\nserver stopped\n\nPostgreSQL init process complete; ready for start up.\n\n');
      try {
        ctx.fs.mkdir(dataDir, { recursive: true });
        ctx.fs.writeFile(`${dataDir}/PG_VERSION`, '17\n');
      } catch {
        // a read-only data directory: the server still starts here
      }
    } else {
      await out(ctx, '\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n\n');
    }
    return execv(ctx, argv, '/usr/local/bin/docker-entrypoint.sh');
  },
};

export const postgresInfo: ProgramInfo = {
  name: 'postgres@postgres',
  program: async (ctx) => {
    if (ctx.argv.includes('--version') || ctx.argv.includes('-V')) {
      await out(ctx, 'postgres (PostgreSQL) 17.5 (Debian 17.5-1.pgdg120+1)\n');
      return 0;
    }
    const pid = ctx.process.nsPid;
    const ts = () => `${isoSpace(now(ctx))} UTC`;
    await err(ctx, `${ts()} [${pid}] LOG:  starting PostgreSQL 17.5 (Debian 17.5-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit\n${ts()} [${pid}] LOG:  listening on IPv4 address "0.0.0.0", port 5432\n${ts()} [${pid}] LOG:  listening on IPv6 address "::", port 5432\n${ts()} [${pid}] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"\n${ts()} [62] LOG:  database system was shut down at ${isoSpace(now(ctx), false)} UTC\n${ts()} [${pid}] LOG:  database system is ready to accept connections\n`);
    const sig = await serve(ctx, [5432], () => ({ status: 400, headers: [], body: '' }), ['SIGINT', 'SIGTERM', 'SIGQUIT']);
    const kind = sig === 'SIGINT' ? 'fast' : sig === 'SIGTERM' ? 'smart' : 'immediate';
    await err(ctx, `${ts()} [${pid}] LOG:  received ${kind} shutdown request\n${ts()} [${pid}] LOG:  aborting any active transactions\n${ts()} [${pid}] LOG:  background worker "logical replication launcher" (PID 65) exited with exit code 1\n${ts()} [60] LOG:  shutting down\n${ts()} [${pid}] LOG:  database system is shut down\n`);
    return 0;
  },
};

// ---------------------------------------------------------------------------------------------
// mysql

function mysqlVersion(ctx: ProcessContext): string {
  return ctx.env.get('MYSQL_VERSION') ?? '8.0.42-1.el9';
}

export const mysqlEntrypointInfo: ProgramInfo = {
  name: 'docker-entrypoint@mysql',
  program: async (ctx) => {
    const argv = ctx.argv.slice(1);
    if (argv[0] !== 'mysqld') return execv(ctx, argv, '/usr/local/bin/docker-entrypoint.sh');
    const t = () => `${isoSpace(now(ctx), false)}+00:00`;
    const note = (s: string) => `${t()} [Note] [Entrypoint]: ${s}\n`;
    const v = mysqlVersion(ctx);
    await out(ctx, note(`Entrypoint script for MySQL Server ${v} started.`) + note("Switching to dedicated user 'mysql'") + note(`Entrypoint script for MySQL Server ${v} started.`));
    const initialized = ctx.fs.exists('/var/lib/mysql/mysql');
    if (!initialized) {
      if (!ctx.env.get('MYSQL_ROOT_PASSWORD') && !ctx.env.get('MYSQL_ALLOW_EMPTY_PASSWORD') && !ctx.env.get('MYSQL_RANDOM_ROOT_PASSWORD')) {
        await err(ctx, `${t()} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD\n`);
        return 1;
      }
      await out(ctx, note('Initializing database files'));
      await ctx.sleep(3000);
      await out(ctx, note('Database files initialized') + note('Starting temporary server'));
      await ctx.sleep(1000);
      await out(ctx, note('Temporary server started.') + "'/var/lib/mysql/mysql.sock' -> '/var/run/mysqld/mysqld.sock'\n");
      if (ctx.env.get('MYSQL_RANDOM_ROOT_PASSWORD')) await out(ctx, note(`GENERATED ROOT PASSWORD: ${ctx.kernel.ids.string('mysql-password', 32, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`));
      const db = ctx.env.get('MYSQL_DATABASE');
      const user = ctx.env.get('MYSQL_USER');
      if (db) await out(ctx, note(`Creating database ${db}`));
      if (user) await out(ctx, note(`Creating user ${user}`) + (db ? note(`Giving user ${user} access to schema ${db}`) : ''));
      await out(ctx, '\n' + note('Stopping temporary server') + note('Temporary server stopped') + '\n' + note('MySQL init process done. Ready for start up.') + '\n');
      try {
        ctx.fs.mkdir('/var/lib/mysql/mysql', { recursive: true });
      } catch {
        // read-only
      }
    }
    return execv(ctx, argv, '/usr/local/bin/docker-entrypoint.sh');
  },
};

export const mysqldInfo: ProgramInfo = {
  name: 'mysqld@mysql',
  program: async (ctx) => {
    const v = mysqlVersion(ctx).split('-')[0]!;
    const pid = ctx.process.nsPid;
    const t = () => now(ctx).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
    await err(ctx, `${t()} 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld ${v}) starting as process ${pid}\n${t()} 1 [System] [MY-013576] [InnoDB] InnoDB initialization has started.\n${t()} 1 [System] [MY-013577] [InnoDB] InnoDB initialization has ended.\n${t()} 0 [Warning] [MY-010068] [Server] CA certificate ca.pem is self signed.\n${t()} 0 [System] [MY-013602] [Server] Channel mysql_main configured to support TLS. Encrypted connections are now supported for this channel.\n${t()} 0 [System] [MY-011323] [Server] X Plugin ready for connections. Bind-address: '::' port: 33060, socket: /var/run/mysqld/mysqlx.sock\n${t()} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '${v}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.\n`);
    await serve(ctx, [3306, 33060], () => ({ status: 400, headers: [], body: '' }), ['SIGTERM', 'SIGINT']);
    await err(ctx, `${t()} 0 [System] [MY-013172] [Server] Received SHUTDOWN from user <via user signal>. Shutting down mysqld (Version: ${v}).\n${t()} 0 [System] [MY-010910] [Server] /usr/sbin/mysqld: Shutdown complete (mysqld ${v})  MySQL Community Server - GPL.\n`);
    return 0;
  },
};

// ---------------------------------------------------------------------------------------------
// mongod

export const mongoEntrypointInfo: ProgramInfo = {
  name: 'docker-entrypoint@mongo',
  program: async (ctx) => {
    let argv = ctx.argv.slice(1);
    if (argv[0]?.startsWith('-')) argv = ['mongod', ...argv];
    if (argv[0] === 'mongod') argv = [...argv, '--bind_ip_all'];
    return execv(ctx, argv, '/usr/local/bin/docker-entrypoint.sh');
  },
};

export const mongodInfo: ProgramInfo = {
  name: 'mongod@mongo',
  program: async (ctx) => {
    if (ctx.argv.includes('--version')) {
      await out(ctx, 'db version v8.0.11\nBuild Info: {\n    "version": "8.0.11",\n    "gitVersion": "bed99f699da6cb2b74262aa6d473446c41476643",\n    "openSSLVersion": "OpenSSL 3.0.13 30 Jan 2024",\n    "modules": [],\n    "allocator": "tcmalloc-google",\n    "environment": {\n        "distmod": "ubuntu2404",\n        "distarch": "x86_64",\n        "target_arch": "x86_64"\n    }\n}\n');
      return 0;
    }
    const date = () => now(ctx).toISOString().replace('Z', '+00:00');
    const line = (c: string, id: number, ctxName: string, msg: string, attr?: string) => `{"t":{"$date":"${date()}"},"s":"I",  "c":"${c}",${' '.repeat(Math.max(1, 9 - c.length))}"id":${id},${' '.repeat(Math.max(1, 8 - String(id).length))}"ctx":"${ctxName}","msg":"${msg}"${attr ? `,"attr":${attr}` : ''}}\n`;
    const pid = ctx.process.nsPid;
    await out(
      ctx,
      line('CONTROL', 23285, 'main', 'Automatically disabling TLS 1.0 and TLS 1.1, to force-enable TLS 1.1 specify --sslDisabledProtocols \'TLS1_0\'; to force-enable TLS 1.0 specify --sslDisabledProtocols \'none\'') +
        line('CONTROL', 4615611, 'initandlisten', 'MongoDB starting', `{"pid":${pid},"port":27017,"dbPath":"/data/db","architecture":"64-bit","host":"${hostnameOf(ctx)}"}`) +
        line('CONTROL', 23403, 'initandlisten', 'Build Info', '{"buildInfo":{"version":"8.0.11","gitVersion":"bed99f699da6cb2b74262aa6d473446c41476643","openSSLVersion":"OpenSSL 3.0.13 30 Jan 2024","modules":[],"allocator":"tcmalloc-google","environment":{"distmod":"ubuntu2404","distarch":"x86_64","target_arch":"x86_64"}}}') +
        line('NETWORK', 23015, 'listener', 'Listening on', '{"address":"0.0.0.0"}') +
        line('NETWORK', 23016, 'listener', 'Waiting for connections', '{"port":27017,"ssl":"off"}'),
    );
    await serve(ctx, [27017], () => ({ status: 200, headers: [['Content-Type', 'text/plain']], body: 'It looks like you are trying to access MongoDB over HTTP on the native driver port.\n' }), ['SIGTERM', 'SIGINT']);
    await out(ctx, line('CONTROL', 23377, 'SignalHandler', 'Received signal', '{"signal":15,"error":"Terminated"}') + line('CONTROL', 20565, 'SignalHandler', 'Now exiting') + line('CONTROL', 23138, 'SignalHandler', 'Shutting down', '{"exitCode":0}'));
    return 0;
  },
};

// ---------------------------------------------------------------------------------------------
// traefik/whoami

export const whoamiInfo: ProgramInfo = {
  name: 'whoami@traefik',
  program: async (ctx) => {
    const args = ctx.argv.slice(1);
    const portArg = args.findIndex((a) => a === '--port' || a === '-port');
    const port = Number(ctx.env.get('WHOAMI_PORT_NUMBER') ?? (portArg >= 0 ? args[portArg + 1] : undefined) ?? 80);
    const nameArg = args.findIndex((a) => a === '--name' || a === '-name');
    const name = ctx.env.get('WHOAMI_NAME') ?? (nameArg >= 0 ? args[nameArg + 1] : undefined);
    await err(ctx, `${slashDate(now(ctx))} Starting up on port ${port}\n`);
    await serve(
      ctx,
      [port],
      (req) => {
        const ips = ['127.0.0.1', '::1', ...(ctx.ns.net?.addresses ?? [])];
        const url = req.target;
        if (url.split('?')[0] === '/api') {
          const headers = Object.fromEntries(req.headers.map(([k, v]) => [k.replace(/(^|-)\w/g, (m) => m.toUpperCase()), [v]]));
          const body = JSON.stringify({ hostname: hostnameOf(ctx), ip: ips, headers, url, host: header(req, 'host') ?? '', method: req.method, remoteAddr: `${req.remote.address}:${req.remote.port}` }) + '\n';
          return { status: 200, headers: [['Content-Type', 'application/json'], ['Date', httpDate(now(ctx))], ['Content-Length', String(utf8Length(body))]], body };
        }
        let body = name ? `Name: ${name}\n` : '';
        body += `Hostname: ${hostnameOf(ctx)}\n`;
        for (const ip of ips) body += `IP: ${ip}\n`;
        body += `RemoteAddr: ${req.remote.address}:${req.remote.port}\n`;
        body += `${req.method} ${url} ${req.version}\r\n`;
        const hs = [...req.headers];
        const host = hs.find(([k]) => k.toLowerCase() === 'host');
        body += `Host: ${host?.[1] ?? ''}\r\n`;
        const rest = hs.filter(([k]) => k.toLowerCase() !== 'host').map(([k, v]) => [k.replace(/(^|-)\w/g, (m) => m.toUpperCase()).replace(/(?<=\w)([A-Z])/g, (m) => m), v] as const);
        const ua = rest.filter(([k]) => k === 'User-Agent');
        const others = rest.filter(([k]) => k !== 'User-Agent').sort(([a], [b]) => (a < b ? -1 : 1));
        for (const [k, v] of [...ua, ...others]) body += `${k}: ${v}\r\n`;
        body += '\r\n';
        return { status: 200, headers: [['Date', httpDate(now(ctx))], ['Content-Length', String(utf8Length(body))], ['Content-Type', 'text/plain; charset=utf-8']], body };
      },
      ['SIGTERM', 'SIGINT'],
    );
    return 2;
  },
};

// ---------------------------------------------------------------------------------------------
// registry

export const registryEntrypointInfo: ProgramInfo = {
  name: 'registry-entrypoint@distribution',
  program: async (ctx) => {
    const argv = ctx.argv.slice(1);
    const cmd = argv[0]?.endsWith('.yaml') || argv[0]?.endsWith('.yml') ? ['registry', 'serve', ...argv] : argv;
    return execv(ctx, cmd, '/entrypoint.sh');
  },
};

export const registryInfo: ProgramInfo = {
  name: 'registry@distribution',
  program: async (ctx) => {
    const [cmd] = ctx.argv.slice(1);
    if (cmd === '--version' || cmd === '-v') {
      await out(ctx, 'registry github.com/docker/distribution 2.8.3\n');
      return 0;
    }
    const instance = ctx.kernel.ids.hex('registry-instance', 32).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
    const time = () => now(ctx).toISOString().replace(/\.(\d{3})Z$/, '.$1456789Z');
    const tail = ` go.version=go1.20.8 instance.id=${instance} service=registry version=2.8.3\n`;
    const l = (level: string, msg: string) => `time="${time()}" level=${level} msg="${msg}"${tail}`;
    await err(
      ctx,
      l('warning', 'No HTTP secret provided - generated random secret. This may cause problems with uploads if multiple registries are behind a load-balancer. To provide a shared secret, fill in http.secret in the configuration file or set the REGISTRY_HTTP_SECRET environment variable.') +
        l('info', 'redis not configured') +
        l('info', 'Starting upload purge in 55m0s') +
        l('info', 'using inmemory blob descriptor cache') +
        l('info', 'listening on [::]:5000'),
    );
    await serve(
      ctx,
      [5000],
      (req) => {
        // The HTTP API v2 over the files under /var/lib/registry (src/engine/docker/registry.ts).
        const res = registryHttpHandler(new Registry(new FsStorage(ctx.fs)), req);
        const size = typeof res.body === 'string' ? utf8Length(res.body) : res.body.length;
        log(ctx, 'stderr', `${req.remote.address} - - [${clfDate(now(ctx))}] "${req.method} ${req.target} ${req.version}" ${res.status} ${size} "" "${header(req, 'user-agent') ?? ''}"\n`);
        // Go's net/http writes header fields sorted by name; config.yml adds X-Content-Type-Options.
        const headers: Array<readonly [string, string]> = [...res.headers, ['Date', httpDate(now(ctx))], ['X-Content-Type-Options', 'nosniff']];
        return { ...res, headers: headers.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)) };
      },
      ['SIGTERM', 'SIGINT'],
    );
    return 2;
  },
};

// ---------------------------------------------------------------------------------------------
// Jupyter (docker-stacks: tini -> start-notebook.py -> start.sh jupyter lab)

export const tiniInfo: ProgramInfo = {
  name: 'tini@jupyter',
  program: async (ctx) => {
    const args = ctx.argv.slice(1);
    const i = args.indexOf('--');
    const cmd = i >= 0 ? args.slice(i + 1) : args.filter((a) => !a.startsWith('-'));
    if (cmd.length === 0) {
      await err(ctx, 'tini (tini version 0.19.0)\nUsage: tini [OPTIONS] PROGRAM -- [ARGS] | --version\n');
      return 1;
    }
    return execv(ctx, cmd, 'tini');
  },
};

export const startNotebookInfo: ProgramInfo = {
  name: 'start-notebook@jupyter',
  program: (ctx) => execv(ctx, ['start.sh', 'jupyter', 'lab', ...ctx.argv.slice(1)], 'start-notebook.py'),
};

export const startShInfo: ProgramInfo = {
  name: 'start.sh@jupyter',
  program: async (ctx) => {
    const args = ctx.argv.slice(1);
    await err(ctx, `Entered start.sh with args: ${args.join(' ')}\nRunning hooks in: /usr/local/bin/start-notebook.d as uid: ${ctx.user.uid} gid: ${ctx.user.gid}\nDone running hooks in: /usr/local/bin/start-notebook.d\nRunning hooks in: /usr/local/bin/before-notebook.d as uid: ${ctx.user.uid} gid: ${ctx.user.gid}\nDone running hooks in: /usr/local/bin/before-notebook.d\nExecuting the command: ${args.join(' ')}\n`);
    return execv(ctx, args, '/usr/local/bin/start.sh');
  },
};

/** The token Jupyter prints: 48 hex digits, drawn from the seeded ids per container. */
export function jupyterToken(ctx: ProcessContext): string {
  return ctx.env.get('JUPYTER_TOKEN') ?? ctx.kernel.ids.hex(`jupyter-token:${ctx.ns.container ?? ctx.pid}`, 48);
}

export const jupyterInfo: ProgramInfo = {
  name: 'jupyter@jupyter',
  program: async (ctx) => {
    const [sub] = ctx.argv.slice(1);
    if (sub === '--version') {
      await out(ctx, 'Selected Jupyter core packages...\nIPython          : 8.16.1\nipykernel        : 6.25.2\njupyter_client   : 8.4.0\njupyter_core     : 5.4.0\njupyter_server   : 2.8.0\njupyterlab       : 4.0.7\nnbclient         : 0.8.0\nnbconvert        : 7.9.2\nnbformat         : 5.9.2\nnotebook         : 7.0.6\ntraitlets        : 5.11.2\n');
      return 0;
    }
    if (sub !== 'lab' && sub !== 'notebook' && sub !== 'server') {
      await err(ctx, `dockyard: 'jupyter ${sub ?? ''}' is not simulated here\n`);
      return 1;
    }
    const token = jupyterToken(ctx);
    const host = hostnameOf(ctx);
    const pid = ctx.process.nsPid;
    const L = (lvl: string, app: string, msg: string) => `[${lvl} ${isoSpace(now(ctx))} ${app}] ${msg}\n`;
    const S = (msg: string, lvl = 'I') => L(lvl, 'ServerApp', msg);
    let s = '';
    s += S('Package jupyterlab took 0.0000s to import') + S('Package jupyter_lsp took 0.0186s to import');
    s += S('A `_jupyter_server_extension_points` function was not found in jupyter_lsp. Instead, a `_jupyter_server_extension_paths` function was found and will be used for now. This function name will be deprecated in future releases of Jupyter Server.', 'W');
    s += S('Package jupyter_server_terminals took 0.0075s to import') + S('Package nbclassic took 0.0027s to import') + S('Package notebook took 0.0000s to import') + S('Package notebook_shim took 0.0000s to import');
    for (const e of ['jupyter_lsp', 'jupyter_server_terminals', 'jupyterlab', 'nbclassic', 'notebook']) s += S(`${e} | extension was successfully linked.`);
    s += S('Writing Jupyter server cookie secret to /home/jovyan/.local/share/jupyter/runtime/jupyter_cookie_secret');
    s += S('notebook_shim | extension was successfully linked.') + S('notebook_shim | extension was successfully loaded.') + S('jupyter_lsp | extension was successfully loaded.') + S('jupyter_server_terminals | extension was successfully loaded.');
    s += L('I', 'LabApp', 'JupyterLab extension loaded from /opt/conda/lib/python3.11/site-packages/jupyterlab') + L('I', 'LabApp', 'JupyterLab application directory is /opt/conda/share/jupyter/lab') + L('I', 'LabApp', "Extension Manager is 'pypi'.");
    s += S('jupyterlab | extension was successfully loaded.') + S('nbclassic | extension was successfully loaded.') + S('notebook | extension was successfully loaded.');
    s += S('Serving notebooks from local directory: /home/jovyan') + S('Jupyter Server 2.8.0 is running at:');
    s += S(`http://${host}:8888/lab?token=${token}`) + S(`    http://127.0.0.1:8888/lab?token=${token}`);
    s += S('Use Control-C to stop this server and shut down all kernels (twice to skip confirmation).');
    s += `[C ${isoSpace(now(ctx))} ServerApp] \n    \n    To access the server, open this file in a browser:\n        file:///home/jovyan/.local/share/jupyter/runtime/jpserver-${pid}-open.html\n    Or copy and paste one of these URLs:\n        http://${host}:8888/lab?token=${token}\n        http://127.0.0.1:8888/lab?token=${token}\n`;
    await err(ctx, s);
    const sig = await serve(
      ctx,
      [8888],
      (req) => {
        const [pathname = '/', query = ''] = req.target.split('?');
        const url = { pathname, token: /(?:^|&)token=([^&]*)/.exec(query)?.[1] };
        const ok = url.token === token || (header(req, 'cookie') ?? '').includes(`token=${token}`);
        const t = isoSpace(now(ctx));
        if (url.pathname === '/' || (url.pathname.startsWith('/lab') && !ok)) {
          const loc = ok ? '/lab' : `/login?next=${encodeURIComponent('/lab')}`;
          log(ctx, 'stderr', `[I ${t} ServerApp] 302 ${req.method} ${req.target} (@${req.remote.address}) 0.41ms\n`);
          return { status: 302, headers: [['Location', loc], ['Content-Length', '0']], body: '' };
        }
        if (url.pathname.startsWith('/lab')) {
          log(ctx, 'stderr', `[I ${t} ServerApp] 200 ${req.method} ${req.target} (@${req.remote.address}) 12.30ms\n`);
          return { status: 200, headers: [['Content-Type', 'text/html'], ['Set-Cookie', `token=${token}`]], body: '<!doctype html><html><head><title>JupyterLab</title></head><body></body></html>\n' };
        }
        if (url.pathname === '/login') {
          const body = '<!DOCTYPE HTML>\n<html>\n<head>\n<title>Jupyter Server</title>\n</head>\n<body>\n<label for="password_input"><strong>Password or token:</strong></label>\n<button type="submit" id="login_submit">Log in</button>\n<h3>Token authentication is enabled</h3>\n</body>\n</html>\n';
          log(ctx, 'stderr', `[I ${t} ServerApp] 200 ${req.method} ${req.target} (@${req.remote.address}) 1.02ms\n`);
          return { status: 200, headers: [['Content-Type', 'text/html']], body };
        }
        log(ctx, 'stderr', `[W ${t} ServerApp] 404 ${req.method} ${req.target} (@${req.remote.address}) 0.80ms referer=None\n`);
        return { status: 404, headers: [['Content-Type', 'text/html']], body: '<!DOCTYPE HTML>\n<html><head><title>404: Not Found</title></head><body>404 : Not Found</body></html>\n' };
      },
      ['SIGINT', 'SIGTERM'],
    );
    const t = isoSpace(now(ctx));
    await err(ctx, `[C ${t} ServerApp] received signal ${signalNumber(sig as Signal)}, stopping\n[I ${t} ServerApp] Shutting down 5 extensions\n`);
    return 0;
  },
};
