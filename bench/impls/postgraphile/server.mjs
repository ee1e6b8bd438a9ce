import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { jsonPgSmartTags } from 'postgraphile/utils';

const port = Number(process.env.PORT ?? 4200);
const connectionString = process.env.DATABASE_URL;
if (!connectionString) throw new Error('DATABASE_URL is required');

// Our server orders by these columns, which have no index of their own; PostGraphile only offers indexed ones.
const orderableColumns = jsonPgSmartTags({
  version: 1,
  config: {
    class: {
      Position: { attribute: { rank: { tags: { behavior: '+orderBy' } } } },
      RelatedReport: { attribute: { position: { tags: { behavior: '+orderBy' } } } },
    },
  },
});

// PostGraphile keeps a set-returning function's own row order by never joining other tables onto its rows,
// which costs a query per relation. bench_search orders explicitly (orderBy: RANK_ASC), so it may join.
const searchOrderIsExplicit = {
  name: 'BenchSearchOrderIsExplicitPlugin',
  version: '0.0.0',
  gather: {
    hooks: {
      pgProcedures_functionResourceOptions(_info, { pgProc, functionResourceOptions }) {
        if (pgProc.proname === 'bench_search') delete functionResourceOptions.hasImplicitOrder;
      },
    },
  },
};

const preset = {
  extends: [PostGraphileAmberPreset],
  plugins: [orderableColumns, searchOrderIsExplicit],
  // Ten connections, like our server and the raw one; no LISTEN client, as nothing subscribes.
  pgServices: [makePgService({ connectionString, schemas: ['public'], poolConfig: { max: 10 }, pubsub: false })],
  grafserv: { port, graphqlPath: '/graphql', graphiql: false, watch: false, websockets: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on('error', (error) => {
  console.error(error);
  process.exit(1);
});
await serv.addTo(server);
// Build the schema before listening, so that an open port means ready to answer.
await pgl.getSchema();
server.listen(port, () => console.log(`postgraphile listening on ${port}`));
