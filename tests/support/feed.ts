import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { ApiConfig } from '../../src/config.js';
import type { App } from '../../src/http/app.js';
import { serveWebSocket } from '../../src/http/websocket.js';

export interface FeedEvent {
  data?: { revisionAdded: Record<string, any> } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Reads a stream of server-sent events: each `next` event's payload, until `complete` or the end of the body. */
export class EventReader {
  private buffer = '';
  private readonly decoder = new TextDecoder();
  readonly events: FeedEvent[] = [];
  completed = false;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;

  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader();
  }

  /** Waits for the `count`-th event (counting from the first), or for the stream to end; fails after `timeoutMs`. */
  async take(count: number, timeoutMs = 20_000): Promise<FeedEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.events.length < count && !this.completed) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.events.length} of ${count} events after ${timeoutMs} ms`);
      let timer: NodeJS.Timeout | undefined;
      // A read that times out is still pending: the next wait takes it up, so no chunk is lost.
      this.pending ??= this.reader.read();
      const chunk = await Promise.race([
        this.pending,
        new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), left);
        }),
      ]);
      clearTimeout(timer);
      if (chunk === 'timeout') continue;
      this.pending = null;
      if (chunk.done) {
        this.completed = true;
        break;
      }
      this.buffer += this.decoder.decode(chunk.value, { stream: true });
      for (let end = this.buffer.indexOf('\n\n'); end >= 0; end = this.buffer.indexOf('\n\n')) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event === 'next' && data) this.events.push(JSON.parse(data));
        if (event === 'complete') this.completed = true;
      }
    }
    return this.events.slice(0, count);
  }

  /** Events that arrive within `ms`, beyond those already read. */
  async quiet(ms: number) {
    const before = this.events.length;
    await this.take(before + 1, ms).catch(() => {});
    return this.events.slice(before);
  }

  cancel() {
    return this.reader.cancel().catch(() => {});
  }
}

/** A subscription over SSE through yoga in-process; `query` may be a trusted document's hash (sha256:…). */
export async function subscribeSse(
  app: { fetch: App['fetch'] },
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  const response = await app.fetch('http://api.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify({ ...(query.startsWith('sha256:') ? { documentId: query } : { query }), variables }),
  });
  if (!response.body) throw new Error(`no body (${response.status})`);
  return { status: response.status, reader: new EventReader(response.body) };
}

/** The app listening on a loopback port with its WebSocket server; `close` stops both. */
export async function listening(app: App, config: ApiConfig) {
  const server = http.createServer(app);
  const sockets = serveWebSocket(server, app, config);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `ws://127.0.0.1:${port}/graphql`,
    async close() {
      await sockets.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A subscription over graphql-ws, `query` a document or a trusted document's hash; its results collect in `events`. */
export function subscribeWs(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  connectionParams?: Record<string, unknown>,
) {
  const events: FeedEvent[] = [];
  let closed: { code: number; reason: string } | null = null;
  let completed = false;
  let failed: unknown = null;
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => {},
    on: {
      closed: (event) => {
        closed = { code: (event as CloseEvent).code, reason: (event as CloseEvent).reason };
      },
    },
  });
  const dispose = client.subscribe(
    query.startsWith('sha256:') ? { query: '', variables, extensions: { documentId: query } } : { query, variables },
    {
      next: (value) => void events.push(value as FeedEvent),
      error: (error) => {
        failed = error;
      },
      complete: () => {
        completed = true;
      },
    },
  );
  return {
    events,
    get completed() {
      return completed;
    },
    get failed() {
      return failed;
    },
    get closed() {
      return closed;
    },
    async take(count: number, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (events.length < count && !completed && !failed) {
        if (Date.now() > deadline) throw new Error(`${events.length} of ${count} events after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return events.slice(0, count);
    },
    async close() {
      dispose();
      await client.dispose();
    },
  };
}

/** Waits until `condition` holds, checking every 20 ms; fails after `timeoutMs`. */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not so after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
