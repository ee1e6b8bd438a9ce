import { type ChildProcess, spawn } from 'node:child_process';
import type { HttpRequest, Implementation, OperationInput, OperationName } from '../impls/types.js';

export interface RunningServer {
  implementation: Implementation;
  port: number;
  pid: number;
  send(operation: OperationName, input: OperationInput): Promise<unknown>;
  stop(): Promise<void>;
}

export async function post(port: number, request: HttpRequest): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`http://127.0.0.1:${port}${request.path}`, {
    method: request.method,
    headers: request.headers,
    body: request.body,
  });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: text };
  }
}

function exited(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** Starts an implementation's server and waits until it answers Q1. */
export async function startServer(
  implementation: Implementation,
  port: number,
  databaseUrl: string,
  timeoutMs = 60_000,
): Promise<RunningServer> {
  const { command, args, env } = implementation.command(port, databaseUrl);
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const send = async (operation: OperationName, input: OperationInput) => {
    const { status, body } = await post(port, implementation.request(operation, input));
    if (status !== 200)
      throw new Error(`${implementation.name} ${operation}: HTTP ${status} ${JSON.stringify(body).slice(0, 300)}`);
    return implementation.normalise(operation, body);
  };
  const stop = async () => {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited(child);
    clearTimeout(timer);
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${implementation.name} exited with ${child.exitCode}: ${stderr}`);
    try {
      await send('Q1', {});
      return { implementation, port, pid: child.pid as number, send, stop };
    } catch (error) {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`${implementation.name} did not answer within ${timeoutMs} ms: ${error}\n${stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
