import { randomUUID } from 'node:crypto';

/** What the logs and masked errors of one request share. */
export interface RequestInfo {
  requestId: string;
  operationName?: string;
  startedAt: number;
}

const incomingId = /^[\w-]{1,100}$/;

/** The caller's x-request-id when it looks like one, otherwise a fresh one. */
export function requestIdFor(request: Request): string {
  const given = request.headers.get('x-request-id');
  return given && incomingId.test(given) ? given : randomUUID();
}
