import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';

function answers(port: number) {
  return new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/** A throwaway redis-server on loopback for ours_cached, or null where Debian's redis-server is not installed. */
export async function startBenchRedis(port: number): Promise<{ url: string; stop(): void } | null> {
  let server: ChildProcess;
  try {
    server = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    await new Promise((resolve, reject) => {
      server.once('spawn', resolve);
      server.once('error', reject);
    });
  } catch {
    return null;
  }
  for (let i = 0; i < 100 && !(await answers(port)); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  return { url: `redis://127.0.0.1:${port}`, stop: () => void server.kill('SIGKILL') };
}
