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
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
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
}
