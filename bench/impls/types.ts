export const operationNames = ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6'] as const;
export type OperationName = (typeof operationNames)[number];

/** What varies between requests of one operation, in database terms; each implementation encodes it its own way. */
export interface OperationInput {
  /** Q2: the database id of a commitment. */
  commitmentId?: number;
  /** Q4: the database id of the party the page starts after. */
  afterPartyId?: number;
  /** Q5: the search term, already in normalised form (lower case, no spaces). */
  query?: string;
}

export interface HttpRequest {
  method: 'POST' | 'GET';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export type CommitmentStatus = 'PLEDGED' | 'IN_PROGRESS' | 'FULFILLED' | 'LAPSED';

/** One W1 write: a commitment's status changed from what the writer last saw, with the evidence ours records. */
export interface StatusWrite {
  commitmentId: number;
  expectedVersion: number;
  status: CommitmentStatus;
  asOf: string;
  evidence: { documentId: number; start: number; end: number; text: string };
}

/** How an implementation takes W1: its request, and what its answer says the commitment became. */
export interface Writer {
  /** Headers a writer sends, set up once per server (ours: an API key minted with the operator's token). */
  setup?(port: number): Promise<Record<string, string>>;
  request(write: StatusWrite, headers: Record<string, string>): HttpRequest;
  /** The version the answer reports (null where the implementation keeps none), or 'stale', or an error. */
  outcome(body: unknown): { version: number | null } | 'stale' | Error;
}

export interface Implementation {
  name: 'ours' | 'ours_cached' | 'naive' | 'postgraphile' | 'raw';
  /** How to start the server: it must listen on `port` and use `databaseUrl`. */
  command(port: number, databaseUrl: string): { command: string; args: string[]; env: Record<string, string> };
  request(operation: OperationName, input: OperationInput): HttpRequest;
  /** Anything the database needs before the server starts, applied once per run. */
  prepare?(databaseUrl: string): Promise<void>;
  /** The response body mapped to the `data` our server answers for bench/operations/<operation>.graphql. */
  normalise(operation: OperationName, body: unknown): unknown;
  /** W1, where the implementation has a write for it. */
  write?: Writer;
  /** Whether its readers send the ETag of their last answer (If-None-Match) and count 304 as an answer. */
  revalidates?: boolean;
}
