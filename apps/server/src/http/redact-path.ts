/**
 * A path as logs may show it: a dashboard login link's path is its single-use token, and a
 * nearly valid one (a character too many) in a log line would be a session for whoever reads it.
 */
export function redactPath(path: string): string {
  return path.replace(/(^|\/)login\/[^/]+/, "$1login/<token>");
}
