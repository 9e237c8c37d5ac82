// DuckDB as an independent oracle for the s3c format tests (tests/support/duckdb_oracle.h).
//
// Reads SQL texts, one JSON string per stdin line, runs each in one in-memory DuckDB and prints
// one line per query, in order:
//   {"ok":true,"columns":[{"name":..,"type":..}],"rows":[row,...]}   or   {"ok":false,"error":".."}
// Each query starts with `SET threads=1` in force (a query may set another count itself).
// Rows are in the CANONICAL form documented in tests/support/duckdb_oracle.h; strings are
// escaped exactly as s3c's AppendJsonString does (src/common/json_escape.cc) so that a row's
// JSON text is byte-identical to the one CanonicalRows() builds for an s3c batch.
import { createInterface } from 'node:readline';
import { DuckDBInstance, DuckDBTypeId } from '@duckdb/node-api';

const HEX = '0123456789abcdef';

function quote(s) {
  let out = '"';
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c) continue;
    out += s.slice(run, i);
    run = i + 1;
    switch (c) {
      case 0x22: out += '\\"'; break;
      case 0x5c: out += '\\\\'; break;
      case 0x08: out += '\\b'; break;
      case 0x0c: out += '\\f'; break;
      case 0x0a: out += '\\n'; break;
      case 0x0d: out += '\\r'; break;
      case 0x09: out += '\\t'; break;
      default: out += '\\u00' + HEX[c >> 4] + HEX[c & 15];
    }
  }
  return out + s.slice(run) + '"';
}

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

function floatText(x) {
  const d = Number(x);
  if (Number.isNaN(d)) return 'f:nan';
  f64[0] = d;
  return 'f:' + u64[0].toString(16).padStart(16, '0');
}

function decimalText(value, scale) {
  const neg = value < 0n;
  let digits = (neg ? -value : value).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = digits.slice(0, digits.length - scale) + '.' + digits.slice(digits.length - scale);
  }
  return (neg ? '-' : '') + digits;
}

function hexBytes(bytes) {
  let s = '';
  for (const b of bytes) s += HEX[b >> 4] + HEX[b & 15];
  return s;
}

// Microseconds since midnight; a sub-microsecond remainder (TIME_NS) follows as ".nnn".
function timeNanosText(nanos) {
  const us = nanos / 1000n;
  const rest = nanos % 1000n;
  return 't:' + us.toString() + (rest === 0n ? '' : '.' + rest.toString().padStart(3, '0'));
}

// Canonical JSON text of one value of DuckDB type `t`.
function canon(v, t) {
  if (v === null || v === undefined) return 'null';
  switch (t.typeId) {
    case DuckDBTypeId.BOOLEAN: return v ? 'true' : 'false';
    case DuckDBTypeId.TINYINT: case DuckDBTypeId.SMALLINT: case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.BIGINT: case DuckDBTypeId.UTINYINT: case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER: case DuckDBTypeId.UBIGINT: case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return '"' + BigInt(v).toString() + '"';
    case DuckDBTypeId.FLOAT: case DuckDBTypeId.DOUBLE: return '"' + floatText(v) + '"';
    case DuckDBTypeId.DECIMAL: return '"' + decimalText(v.value, v.scale) + '"';
    case DuckDBTypeId.VARCHAR: return quote(v);
    case DuckDBTypeId.ENUM: return quote(String(v));
    case DuckDBTypeId.BLOB: return '"x:' + hexBytes(v.bytes) + '"';
    case DuckDBTypeId.UUID: return quote(v.toString());
    case DuckDBTypeId.DATE: return '"d:' + v.days + '"';
    case DuckDBTypeId.TIME: return '"' + timeNanosText(BigInt(v.micros) * 1000n) + '"';
    case DuckDBTypeId.TIME_NS: return '"' + timeNanosText(BigInt(v.nanos)) + '"';
    case DuckDBTypeId.TIMESTAMP_S: return '"ts:' + (BigInt(v.seconds) * 1000000000n) + '"';
    case DuckDBTypeId.TIMESTAMP_MS: return '"ts:' + (BigInt(v.millis) * 1000000n) + '"';
    case DuckDBTypeId.TIMESTAMP: case DuckDBTypeId.TIMESTAMP_TZ:
      return '"ts:' + (BigInt(v.micros) * 1000n) + '"';
    case DuckDBTypeId.TIMESTAMP_NS: return '"ts:' + BigInt(v.nanos) + '"';
    case DuckDBTypeId.LIST: case DuckDBTypeId.ARRAY:
      return '[' + v.items.map((x) => canon(x, t.valueType)).join(',') + ']';
    case DuckDBTypeId.STRUCT:
      return '[' + t.entryNames.map((n, i) => canon(v.entries[n], t.entryTypes[i])).join(',') + ']';
    case DuckDBTypeId.MAP:
      return '[' + v.entries.map((e) =>
        '[' + canon(e.key, t.keyType) + ',' + canon(e.value, t.valueType) + ']').join(',') + ']';
    default:  // INTERVAL, TIME_TZ, UNION, BIT, BIGNUM: no s3c counterpart; DuckDB's text
      return quote(v.toString());
  }
}

async function runOne(conn, sql) {
  await conn.run('SET threads=1');
  const reader = await conn.runAndReadAll(sql);
  const types = reader.columnTypes();
  const names = reader.columnNames();
  const columns = names.map((n, i) => '{"name":' + quote(n) + ',"type":' +
    quote(types[i].toString()) + '}');
  const rows = reader.getRows().map((r) => '[' + r.map((v, i) => canon(v, types[i])).join(',') + ']');
  return '{"ok":true,"columns":[' + columns.join(',') + '],"rows":[' + rows.join(',') + ']}';
}

async function main() {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let out;
    try {
      out = await runOne(conn, JSON.parse(line));
    } catch (e) {
      out = '{"ok":false,"error":' + quote(String(e && e.message ? e.message : e)) + '}';
    }
    // Wait for the pipe to drain so that huge results cannot pile up in memory.
    if (!process.stdout.write(out + '\n')) {
      await new Promise((resolve) => process.stdout.once('drain', resolve));
    }
  }
  conn.closeSync?.();
}

main().catch((e) => {
  process.stderr.write('duckdb_rows: ' + (e && e.stack ? e.stack : e) + '\n');
  process.exit(1);
});
