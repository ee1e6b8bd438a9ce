import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { type Context, readFromReplicas } from '../graphql/context.js';

/** Queries read from the replicas; mutations and subscriptions keep the primary (see readFromReplicas). */
export const replicaReads: Plugin<Context> = {
  onExecute({ args }) {
    if (getOperationAST(args.document, args.operationName)?.operation === 'query') readFromReplicas(args.contextValue);
  },
};
