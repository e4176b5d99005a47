// Whether the PostgreSQL server makes a commit durable before it is acknowledged: fsync on and
// synchronous_commit not off. Without both, a crash of the server or the machine can lose
// submissions the clients were told had been received.
import type pg from 'pg';

export interface Durability {
  fsync: string;
  synchronousCommit: string;
  durable: boolean;
}

/** Read the two settings as this connection sees them. */
export async function readDurability(pool: Pick<pg.Pool, 'query'>): Promise<Durability> {
  const r = await pool.query(
    `SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS sc`,
  );
  const { fsync, sc } = r.rows[0] as { fsync: string; sc: string };
  return { fsync, synchronousCommit: sc, durable: fsync === 'on' && sc !== 'off' };
}

/** Log the settings at start-up; in production, refuse to start without durable commits. */
export async function checkDurability(
  pool: Pick<pg.Pool, 'query'>,
  production: boolean,
  log: { info(msg: string): void; warn(msg: string): void },
): Promise<Durability> {
  const d = await readDurability(pool);
  const line = `PostgreSQL durability: fsync=${d.fsync} synchronous_commit=${d.synchronousCommit}`;
  if (d.durable) log.info(line);
  else log.warn(`${line} — acknowledged writes may be lost on a crash`);
  if (!d.durable && production)
    throw new Error('refusing to run in production with fsync or synchronous_commit off');
  return d;
}
