import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Certificate {
  certFile: string;
  keyFile: string;
  cert: string;
  key: string;
}

export interface ThrowawayCa extends Certificate {
  /** A certificate this CA signs, for `localhost`/127.0.0.1 (a server) and for TLS clients. */
  issue(name: string): Certificate;
}

const openssl = (dir: string, args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });

/** A self-signed CA made with openssl for one test run, in a fresh temporary folder. */
export function throwawayCa(name: string): ThrowawayCa {
  const dir = mkdtempSync(join(tmpdir(), `ca-${name}-`));
  const newKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];
  openssl(dir, [
    "req",
    "-x509",
    ...newKey,
    "-keyout",
    "ca.key",
    "-out",
    "ca.crt",
    "-days",
    "2",
    "-subj",
    `/CN=${name} test CA`,
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
  ]);
  const read = (file: string) => readFileSync(join(dir, file), "utf8");
  const files = (base: string): Certificate => ({
    certFile: join(dir, `${base}.crt`),
    keyFile: join(dir, `${base}.key`),
    cert: read(`${base}.crt`),
    key: read(`${base}.key`),
  });
  return {
    ...files("ca"),
    issue(leaf) {
      writeFileSync(
        join(dir, `${leaf}.ext`),
        "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n",
      );
      openssl(dir, [
        "req",
        ...newKey,
        "-keyout",
        `${leaf}.key`,
        "-out",
        `${leaf}.csr`,
        "-subj",
        `/CN=${leaf}`,
      ]);
      openssl(dir, [
        "x509",
        "-req",
        "-in",
        `${leaf}.csr`,
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        `${leaf}.ext`,
        "-out",
        `${leaf}.crt`,
      ]);
      return files(leaf);
    },
  };
}
