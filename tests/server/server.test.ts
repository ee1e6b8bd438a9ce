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

async function freshServer() {
  const { DATABASE_URL: _url, ...env } = process.env;
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'server-')), 'db');
  server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { ...env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info' },
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

beforeAll(freshServer, 90_000);
afterAll(() => {
  server.kill('SIGKILL');
});

describe('npm start', () => {
  it('migrates and seeds a new embedded database, then serves on PORT', async () => {
    expect(output).toContain('Seeded the documents of data/articles/: xiangyang-2012');
    const response = await fetch(`http://127.0.0.1:${port}/ready`);
    expect(response.status).toBe(200);
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
