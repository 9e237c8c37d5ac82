// Times DuckDB queries for bench/formats_bench.sh (the same pinned package as the test oracle).
// stdin: one JSON object per line {"case":..,"threads":N,"repeat":R,"sql":..}; stdout: one JSON
// line per run {"case","tool":"duckdb","threads","seconds","rows","result"}. Time is measured in
// the process around each query alone (node startup and `SET threads` excluded).
import { createInterface } from 'node:readline';
import { DuckDBInstance } from '@duckdb/node-api';

const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (line.trim() === '') continue;
  const job = JSON.parse(line);
  await conn.run(`SET threads=${Number(job.threads)}`);
  for (let i = 0; i < (job.repeat ?? 3); i++) {
    const start = process.hrtime.bigint();
    const reader = await conn.runAndReadAll(job.sql);
    const rows = reader.getRowsJson();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    process.stdout.write(JSON.stringify({
      case: job.case, tool: 'duckdb', threads: job.threads, seconds,
      result: JSON.stringify(rows[0] ?? null),
    }) + '\n');
  }
}
