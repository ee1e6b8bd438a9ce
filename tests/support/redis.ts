import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import net from 'node:net';
import { Redis } from 'ioredis';

export async function freePort() {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function installed(command: string) {
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Whether Debian's redis-server is here for the tests to start their own (CI installs it). */
export const hasRedis = installed('redis-server');

/** A redis-server of the test's own on loopback, without persistence; `stop` kills it, `start` starts it again. */
export async function startRedis() {
  const port = await freePort();
  let server: ChildProcess | null = null;
  const start = async () => {
    server = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, retryStrategy: () => 50 });
    probe.on('error', () => {});
    for (let i = 0; i < 100; i++) {
      if (
        await probe.connect().then(
          () => true,
          () => false,
        )
      )
        break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    probe.disconnect();
  };
  const stop = async () => {
    const running = server;
    server = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, start, stop };
}

/**
 * The Redis a suite that never stops it shares: the one `.ci/run` starts beside PostgreSQL (TEST_REDIS_URL), under a
 * key prefix of the suite's own, else a redis-server of the suite's own.
 */
export async function suiteRedis(): Promise<{ url: string; keyPrefix: string; stop(): Promise<void> }> {
  const shared = process.env.TEST_REDIS_URL;
  if (shared) return { url: shared, keyPrefix: `fictional-suite-${process.pid}-${Date.now()}:`, stop: async () => {} };
  const own = await startRedis();
  return { url: own.url, keyPrefix: 'fictional-suite:', stop: own.stop };
}

/** Whether a suite can have Redis: the one `.ci/run` started, or Debian's redis-server to start. */
export const redisAvailable = hasRedis || Boolean(process.env.TEST_REDIS_URL);
