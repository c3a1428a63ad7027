import Fastify from 'fastify';

/** The reference for bench:api: a bare Fastify route doing no work, in its own process. */
const app = Fastify({ logger: false });
app.get('/ping', async () => ({ status: 'ok' }));
const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`listening on ${address}\n`);
