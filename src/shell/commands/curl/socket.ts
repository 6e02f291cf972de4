/**
 * Where a host program finds the world's network: the session registers a socket server at this
 * path whose `connect()` gives the world's `Network` (or undefined before any engine made one).
 * A container's processes have their namespace in `ctx.ns.net` and never ask. (A tiny module of
 * its own, so the session can name the path without loading the clients' code.)
 */
export const NETWORK_SOCKET = '/run/dockyard/network';
