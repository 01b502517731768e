/** The simulator's command line, checked once (`npm run simulate -- --help`). */
import { parseArgs } from 'node:util';
import { DEFAULT_CURVE } from './arrival-curve.js';
import { parseClock } from './clock.js';

export const USAGE = `npm run simulate -- [options]
  --centers N            centers to run (1 = the demo city center; more are created like it) [1]
  --speed X              simulated minutes per real minute (60: a simulated minute a second) [60]
  --hours H | A-B        part of the day: H hours from --start, or a range like 7:30-11:30 [7:00-17:00]
  --start H:MM           when doors open, with --hours H [7:00]
  --tickets-per-day N    the city center's day; district centers get 25–50 % of it [1000]
  --curve h:w,…          arrivals by hour, relative weights [${DEFAULT_CURVE}]
  --priority-share P     claimed priority at the kiosk [0.08]
  --no-show-share P      called but never come [0.05]
  --transfer-share P     sent on to another field after service [0.03]
  --break-chance P       chance a clerk takes a break after a ticket [0.02]
  --boards N             waiting-room boards per center [1]
  --seed N               random seed [1]
  --database-url URL     run the server on this (empty) PostgreSQL database instead of a temp PGlite
  --seed-history DAYS    fill DAYS past days of history straight into the database first
  --data-dir DIR         with --seed-history: fill the user's embedded database (no live day;
                         refused while a server holds it)
  --password P           demo password for the server it starts [generated]
  --out DIR              where the JSON goes [bench/results]`;

export interface SimOptions {
  centers: number;
  speed: number;
  from: number;
  to: number;
  ticketsPerDay: number;
  curve: string;
  priorityShare: number;
  noShowShare: number;
  transferShare: number;
  breakChance: number;
  boards: number;
  seed: number;
  databaseUrl: string | null;
  seedHistory: number;
  dataDir: string | null;
  password: string | null;
  out: string;
}

function num(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new Error(`--${name} must be a number from ${min} to ${max}`);
  return n;
}

export function parseOptions(argv: string[]): SimOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      centers: { type: 'string' },
      speed: { type: 'string' },
      hours: { type: 'string' },
      start: { type: 'string' },
      'tickets-per-day': { type: 'string' },
      curve: { type: 'string' },
      'priority-share': { type: 'string' },
      'no-show-share': { type: 'string' },
      'transfer-share': { type: 'string' },
      'break-chance': { type: 'string' },
      boards: { type: 'string' },
      seed: { type: 'string' },
      'database-url': { type: 'string' },
      'seed-history': { type: 'string' },
      'data-dir': { type: 'string' },
      password: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (values.help) return 'help';
  const start = parseClock(values.start ?? '7:00');
  let from = start;
  let to = 17 * 60;
  if (values.hours?.includes('-')) {
    const [a, b] = values.hours.split('-');
    from = parseClock(a!);
    to = parseClock(b!);
  } else if (values.hours !== undefined) {
    to = from + 60 * num(values.hours, 'hours', 10, 0.1, 24);
  }
  if (to <= from) throw new Error('--hours: the end must come after the start');
  if (values['data-dir'] && values['database-url'])
    throw new Error('--data-dir and --database-url exclude each other');
  if (values['data-dir'] && !values['seed-history']) throw new Error('--data-dir is for --seed-history');
  return {
    centers: num(values.centers, 'centers', 1, 1, 100),
    speed: num(values.speed, 'speed', 60, 1, 1000),
    from,
    to,
    ticketsPerDay: num(values['tickets-per-day'], 'tickets-per-day', 1000, 1, 100_000),
    curve: values.curve ?? DEFAULT_CURVE,
    priorityShare: num(values['priority-share'], 'priority-share', 0.08, 0, 1),
    noShowShare: num(values['no-show-share'], 'no-show-share', 0.05, 0, 1),
    transferShare: num(values['transfer-share'], 'transfer-share', 0.03, 0, 1),
    breakChance: num(values['break-chance'], 'break-chance', 0.02, 0, 1),
    boards: num(values.boards, 'boards', 1, 0, 50),
    seed: num(values.seed, 'seed', 1, 0, 2 ** 31),
    databaseUrl: values['database-url'] ?? null,
    seedHistory: num(values['seed-history'], 'seed-history', 0, 0, 3650),
    dataDir: values['data-dir'] ?? null,
    password: values.password ?? null,
    out: values.out ?? 'bench/results',
  };
}
