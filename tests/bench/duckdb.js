// DuckDB, the analysts' other choice, as a measured anchor for bench.lua:
//
//   node tests/bench/duckdb.js load VALUES.csv DB.duckdb
//   node tests/bench/duckdb.js query DB.duckdb SQL
//
// load reads the CSV into a table indicator_values(indicator, unit, period,
// year, value), the year taken from the period as an analyst would; query
// runs one question, reads every row of its result and prints their count.
// The module comes from $BENCH_NODE_MODULES (npm install @duckdb/node-api
// there; bench.lua does it under build/bench).
'use strict';
const path = require('path');

const modules = process.env.BENCH_NODE_MODULES;
const { DuckDBInstance } = require(path.join(modules, '@duckdb/node-api'));

async function load(csv, db) {
  const instance = await DuckDBInstance.create(db);
  const conn = await instance.connect();
  const quoted = "'" + csv.replace(/'/g, "''") + "'";
  await conn.run(`CREATE TABLE indicator_values AS
    SELECT indicator, unit, period, CAST(substr(period, 1, 4) AS INTEGER) AS year, value
    FROM read_csv(${quoted}, header = true, columns = {
      'indicator': 'VARCHAR', 'unit': 'VARCHAR', 'period': 'VARCHAR', 'value': 'DOUBLE'})`);
  const reader = await conn.runAndReadAll('SELECT count(*) FROM indicator_values');
  console.log(String(reader.getRows()[0][0]));
}

async function query(db, sql) {
  const instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
  const conn = await instance.connect();
  const reader = await conn.runAndReadAll(sql);
  console.log(String(reader.getRows().length));
}

const [what, a, b] = process.argv.slice(2);
(what === 'load' ? load(a, b) : query(a, b)).catch((err) => {
  console.error(String(err && err.stack || err));
  process.exit(1);
});
