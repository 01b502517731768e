/**
 * The stack's own ceiling for the issue figure: a bare Fastify 5 + pg server with the same
 * route as Lượt (POST /api/centers/:centerId/tickets {serviceId, channel}) that only inserts
 * the pgbench baseline's one row per request, durable, and answers 201 with it. No
 * validation, no numbering, no event log, no position: what Lượt adds above this is ours.
 * Run as its own process with DATABASE_URL; prints `bare-issue: http://…` when ready.
 */
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify();

app.post<{ Params: { centerId: string }; Body: { serviceId: number; channel?: string } }>(
  '/api/centers/:centerId/tickets',
  async (request, reply) => {
    const { rows } = await pool.query(
      `INSERT INTO bench_tickets (center_id, service_id, day, number, token, status, channel)
       VALUES ($1, $2, current_date, 'A' || nextval('bench_numbers'), md5(random()::text || clock_timestamp()), 'waiting', $3)
       RETURNING id, number, token, status`,
      [Number(request.params.centerId), request.body.serviceId, request.body.channel ?? 'web'],
    );
    return reply.status(201).send(rows[0]);
  },
);

const address = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`bare-issue: ${address}`);
process.on('SIGTERM', () => {
  void app.close().then(() => pool.end().then(() => process.exit(0)));
});
