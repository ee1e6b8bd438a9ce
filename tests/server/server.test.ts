import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const port = 40000 + (process.pid % 20000);
let server: ChildProcess;
let output = '';

/** The compiled server, as npm start runs it, on a new embedded database. */
async function freshServer(extraEnv: Record<string, string> = { EMBEDDED_TEMPLATE: 'none' }) {
  const { DATABASE_URL: _url, ...env } = process.env;
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'server-')), 'db');
  output = '';
  server = spawn(process.execPath, ['dist/main.js'], {
    cwd: root,
    env: { ...env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info', ...extraEnv },
  });
  server.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  server.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  for (let i = 0; i < 120 && !output.includes('GraphQL API and GraphiQL at'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function connectionRefused() {
  return new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(true));
  });
}

const exited = () => new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));

beforeAll(() => freshServer(), 90_000);
afterAll(() => {
  server.kill('SIGKILL');
});

describe('npm start', () => {
  it('migrates and seeds a new embedded database, then serves on PORT', async () => {
    expect(output).toContain('Applied migrations: 20261128050000_init');
    expect(output).toContain('Seeded the documents of data/articles/: xiangyang-2012');
    const response = await fetch(`http://127.0.0.1:${port}/ready`);
    expect(response.status).toBe(200);
  });

  it("starts a new embedded database from the install's template, with the same graph, and not from a stale one", async () => {
    const tree =
      '{ parties(first: 100) { totalCount edges { node { name { zhHant en } } } } search(query: "frp") { totalCount } }';
    const answer = async () =>
      (
        await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: tree }),
        })
      ).text();
    const seeded = await answer();
    server.kill('SIGTERM');
    await exited();

    await freshServer({});
    expect(output).toContain("from the install's template");
    expect(output).not.toContain('Applied migrations');
    expect(await answer()).toBe(seeded);
    server.kill('SIGTERM');
    await exited();

    const template = path.join(root, 'dist', 'embedded-template.tar.gz');
    const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'template-')), 'stale.tar.gz');
    fs.copyFileSync(template, copy);
    fs.writeFileSync(`${copy}.fingerprint`, 'made from other migrations and documents');
    await freshServer({ EMBEDDED_TEMPLATE: copy });
    expect(output).not.toContain("from the install's template");
    expect(output).toContain('Seeded the documents of data/articles/: xiangyang-2012');
    expect(await answer()).toBe(seeded);
  });

  it('holds request bodies to the limit at the listener: refuses unknown lengths and lengths over it', async () => {
    const post = (headers: Record<string, string | number>, chunks: string[]) =>
      new Promise<{ status: number; code?: string }>((resolve, reject) => {
        const request = http.request(
          {
            host: '127.0.0.1',
            port,
            path: '/graphql',
            method: 'POST',
            headers: { 'content-type': 'application/json', ...headers },
          },
          (response) => {
            let text = '';
            response.on('data', (chunk) => {
              text += chunk;
            });
            response.on('end', () =>
              resolve({ status: response.statusCode ?? 0, code: JSON.parse(text).errors?.[0]?.extensions?.code }),
            );
          },
        );
        request.on('error', reject);
        for (const chunk of chunks) request.write(chunk);
        request.end();
      });
    const body = JSON.stringify({ query: '{ agreements { totalCount } }' });
    expect(await post({}, [body.slice(0, 10), body.slice(10)])).toEqual({ status: 411, code: 'LENGTH_REQUIRED' });
    const padded = body.replace('}', `${' '.repeat(100_001 - body.length)}}`);
    expect(Buffer.byteLength(padded)).toBe(100_001);
    expect(await post({ 'content-length': 100_001 }, [padded])).toEqual({ status: 413, code: 'REQUEST_TOO_LARGE' });
    expect(await post({ 'content-length': Buffer.byteLength(body) }, [body])).toEqual({ status: 200, code: undefined });
  });

  it('finishes an in-flight request on SIGTERM, refuses new ones, and exits 0', async () => {
    let refusedWhileDraining: boolean | undefined;
    const body = JSON.stringify({ query: '{ agreements { totalCount } }' });
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/graphql',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          let text = '';
          response.on('data', (chunk) => {
            text += chunk;
          });
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        },
      );
      request.on('error', reject);
      // Half the body now, the rest after SIGTERM: the request is in flight when the signal lands.
      request.write(body.slice(0, 10));
      setTimeout(() => {
        server.kill('SIGTERM');
        setTimeout(async () => {
          refusedWhileDraining = await connectionRefused();
          request.end(body.slice(10));
        }, 300);
      }, 300);
    });
    const exit = exited();
    expect(await answer).toEqual({ status: 200, text: '{"data":{"agreements":{"totalCount":1}}}' });
    expect(await exit).toBe(0);
    expect(refusedWhileDraining).toBe(true);
    expect(output).toContain('SIGTERM: finishing in-flight requests');
  });
});
