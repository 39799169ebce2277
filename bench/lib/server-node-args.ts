/**
 * The Node flags the server runs with, as the root `start` script, apps/server/bin/alma-suite.ts,
 * the systemd unit and the image pass them: targets standing for the server get them too, so that
 * their memory is the server's.
 */
export const SERVER_NODE_ARGS: readonly string[] = ["--max-semi-space-size=4"];
