// Runs SQL statements in one in-memory DuckDB for bench scripts (the same pinned package as the
// test oracle): writing bench data and timing one query as a whole process under GNU time.
//
// Usage: node duckdb_exec.mjs THREADS [SQL...]
//   `SET threads=THREADS` first, then each SQL in order: the arguments, or when there are none,
//   one statement per line of stdin (for more statements than a command line holds). Prints one JSON line for the last
//   statement: {"seconds": time of that statement alone, "row": its first result row as JSON
//   (COPY ... TO answers with the number of rows written), or null}. A failing statement prints
//   DuckDB's error on stderr and exits 1.
import { createInterface } from 'node:readline';
import { DuckDBInstance } from '@duckdb/node-api';

const [threads, ...args] = process.argv.slice(2);
if (!/^[1-9][0-9]*$/.test(threads ?? '')) {
  console.error('usage: duckdb_exec.mjs THREADS [SQL...]  (no SQL: one statement per stdin line)');
  process.exit(2);
}
const statements = args.length > 0 ? args : [];
if (args.length === 0) {
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim() !== '') statements.push(line);
  }
}
if (statements.length === 0) {
  console.error('duckdb_exec: no SQL statement given');
  process.exit(2);
}
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
await conn.run(`SET threads=${threads}`);
let seconds = 0;
let row = null;
for (const sql of statements) {
  const start = process.hrtime.bigint();
  try {
    const reader = await conn.runAndReadAll(sql);
    row = reader.getRowsJson()[0] ?? null;
  } catch (e) {
    console.error(`duckdb_exec: ${e.message}\n  in: ${sql.slice(0, 300)}`);
    process.exit(1);
  }
  seconds = Number(process.hrtime.bigint() - start) / 1e9;
}
console.log(JSON.stringify({ seconds, row }));
