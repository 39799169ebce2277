import { parse } from "cookie";

/**
 * One cookie's value from a `Cookie` request header, or undefined. Parsing is the `cookie`
 * package's (Express's own), so quoting and odd spacing are read the way browsers send them.
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
  return parse(header ?? "")[name];
}
