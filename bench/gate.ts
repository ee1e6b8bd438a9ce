import { isDeepStrictEqual } from 'node:util';
import type { OperationInput, OperationName } from './impls/types.js';
import { withClient } from './lib/postgres.js';
import { seededRandom } from './lib/random.js';
import type { RunningServer } from './lib/servers.js';

export interface Inputs {
  commitmentIds: number[];
  afterPartyId: number;
  query: string;
}

/** The inputs every implementation gets, drawn from the data with a fixed seed. */
export async function chooseInputs(url: string, seed = 4): Promise<Inputs> {
  return withClient(url, async (client) => {
    const commitments = (await client.query('SELECT id FROM "Commitment" ORDER BY id')).rows.map((r) => r.id as number);
    const parties = (await client.query('SELECT id FROM "Party" ORDER BY id')).rows.map((r) => r.id as number);
    const random = seededRandom(seed);
    return {
      commitmentIds: Array.from(
        { length: 200 },
        () => commitments[Math.floor(random() * commitments.length)] as number,
      ),
      afterPartyId: parties[Math.floor(parties.length * 0.4)] as number,
      query: 'xiangyang',
    };
  });
}

export function inputsFor(operation: OperationName, inputs: Inputs): OperationInput[] {
  switch (operation) {
    case 'Q2':
      return inputs.commitmentIds.map((commitmentId) => ({ commitmentId }));
    case 'Q4':
      return [{ afterPartyId: inputs.afterPartyId }];
    case 'Q5':
      return [{ query: inputs.query }];
    default:
      return [{}];
  }
}

/** Where two values first differ, as a path, or null when they are deep-equal. */
export function firstDifference(expected: unknown, actual: unknown, at = '$'): string | null {
  if (isDeepStrictEqual(expected, actual)) return null;
  if (expected && actual && typeof expected === 'object' && typeof actual === 'object') {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const key of keys) {
      const difference = firstDifference(
        (expected as Record<string, unknown>)[key],
        (actual as Record<string, unknown>)[key],
        Array.isArray(expected) ? `${at}[${key}]` : `${at}.${key}`,
      );
      if (difference) return difference;
    }
  }
  return `${at}: expected ${JSON.stringify(expected)?.slice(0, 120)}, got ${JSON.stringify(actual)?.slice(0, 120)}`;
}

/**
 * Sends every operation to every server and compares each normalised answer with the first
 * server's. Returns the differences and errors found; an empty list means all agree.
 */
export async function correctnessGate(
  servers: RunningServer[],
  operations: readonly OperationName[],
  inputs: Inputs,
  samples = 5,
): Promise<string[]> {
  const problems: string[] = [];
  const [reference, ...others] = servers;
  if (!reference) return ['no servers'];
  for (const operation of operations) {
    for (const input of inputsFor(operation, inputs).slice(0, samples)) {
      let expected: unknown;
      try {
        expected = await reference.send(operation, input);
      } catch (error) {
        problems.push(`${reference.implementation.name} ${operation} ${JSON.stringify(input)}: ${error}`);
        continue;
      }
      if (JSON.stringify(expected).length < 30) {
        problems.push(
          `${operation} ${JSON.stringify(input)}: the reference answer is nearly empty, nothing to compare`,
        );
      }
      for (const server of others) {
        try {
          const difference = firstDifference(expected, await server.send(operation, input));
          if (difference)
            problems.push(`${server.implementation.name} ${operation} ${JSON.stringify(input)}: ${difference}`);
        } catch (error) {
          problems.push(`${server.implementation.name} ${operation} ${JSON.stringify(input)}: ${error}`);
        }
      }
    }
  }
  return problems;
}
