import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { type Context, readFromReplicas } from '../graphql/context.js';

const writing = new WeakSet<object>();

/** Whether the operation `context` executes is not a query (so never read from a replica nor cached). */
export const isWriting = (context: object) => writing.has(context);

/** Queries read from the replicas; mutations and subscriptions keep the primary (see readFromReplicas). */
export const replicaReads: Plugin<Context> = {
  onExecute({ args }) {
    if (getOperationAST(args.document, args.operationName)?.operation === 'query') readFromReplicas(args.contextValue);
    else writing.add(args.contextValue);
  },
};
