export const id = 416;
export const ids = [416];
export const modules = {

/***/ 13480:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OU: () => (/* binding */ rankedQuantilesQuery),
/* harmony export */   Ty: () => (/* binding */ numberLiteral),
/* harmony export */   UN: () => (/* binding */ doubleQuoted),
/* harmony export */   gY: () => (/* binding */ rankFractions)
/* harmony export */ });
/* unused harmony export discreteRanks */
/** A number written as an SQL literal: only numbers we generate (never user values), finite and plain. */
function numberLiteral(x) {
    if (!Number.isFinite(x))
        throw new Error(`not a finite number: ${x}`);
    return String(x);
}
/** Rank fractions 0, 1/buckets, ..., 1 as SQL number literals. */
function rankFractions(buckets) {
    if (!Number.isInteger(buckets) || buckets < 1)
        throw new Error(`buckets must be a positive integer: ${buckets}`);
    return Array.from({ length: buckets + 1 }, (_, i) => numberLiteral(i / buckets));
}
/**
 * The 1-based ranks of the lower quantiles (`percentile_disc`: the first value whose cumulative share reaches the
 * fraction) at 0, 1/buckets, ..., 1 of `count` sorted values.
 */
function discreteRanks(count, buckets) {
    return Array.from({ length: buckets + 1 }, (_, i) => Math.max(1, Math.ceil((i / buckets) * count - 1e-9)));
}
/** quantilesQuery by one window sort: the rows at the lower-quantile ranks (PostgreSQL, DuckDB, most engines). */
function rankedQuantilesQuery(relation, expr, count, buckets) {
    const positions = discreteRanks(count, buckets);
    const ranks = [...new Set(positions)].map(numberLiteral).join(', ');
    const sql = `SELECT modelgate_rank AS rank, modelgate_value AS value FROM (` +
        `SELECT modelgate_value, ROW_NUMBER() OVER (ORDER BY modelgate_value) AS modelgate_rank FROM ` +
        `(SELECT ${expr} AS modelgate_value FROM ${relation}) AS modelgate_values WHERE modelgate_value IS NOT NULL` +
        `) AS modelgate_ranked WHERE modelgate_rank IN (${ranks})`;
    return {
        sql,
        read(rows) {
            const byRank = new Map(rows.map((r) => [Number(r['rank']), Number(r['value'])]));
            return positions.map((rank) => byRank.get(rank) ?? Number.NaN);
        },
    };
}
/** `"name"` with `"` doubled: the SQL standard's delimited identifier (PostgreSQL, DuckDB, Snowflake, Trino). */
function doubleQuoted(name) {
    if (name.includes('\0'))
        throw new Error('an identifier cannot contain a NUL character');
    return `"${name.replace(/"/g, '""')}"`;
}


/***/ }),

/***/ 86416:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  MEMORY_LIMIT: () => (/* binding */ MEMORY_LIMIT),
  RETRY_MEMORY_LIMITS: () => (/* binding */ RETRY_MEMORY_LIMITS),
  THREADS: () => (/* binding */ THREADS),
  duckdbSettings: () => (/* binding */ duckdbSettings),
  openDuckdb: () => (/* binding */ openDuckdb)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./packages/core/src/errors.ts
var errors = __webpack_require__(37638);
// EXTERNAL MODULE: ./packages/core/src/log.ts
var log = __webpack_require__(88315);
// EXTERNAL MODULE: ./packages/core/src/sql/dialect.ts
var dialect = __webpack_require__(13480);
;// CONCATENATED MODULE: ./packages/core/src/sql/dialects/duckdb.ts
/** DuckDB: `$1` parameters, RE2 regular expressions, exact quantiles over lists of fractions. */

const duckdb = {
    engine: 'duckdb',
    identifier: dialect/* doubleQuoted */.UN,
    param: (index) => `$${index + 1}`,
    // regexp_matches is RE2 and matches anywhere in the text, as the file mode's pattern check
    regexContains: (text, pattern) => `regexp_matches(${text}, ${pattern})`,
    textLength: (text) => `length(${text})`,
    toDouble: (expr) => `CAST(${expr} AS DOUBLE)`,
    toText: (expr) => `CAST(${expr} AS VARCHAR)`,
    isFinite: (expr) => `isfinite(${expr})`,
    countIf: (condition) => `count(*) FILTER (WHERE ${condition})`,
    quantiles: (expr, buckets) => `quantile_disc(${expr}, [${(0,dialect/* rankFractions */.gY)(buckets).join(',')}])`,
    exactQuantiles: true,
    quantilesQuery: dialect/* rankedQuantilesQuery */.OU,
    percentileQuery: (relation, expr, fraction) => `SELECT quantile_cont(${expr}, ${(0,dialect/* numberLiteral */.Ty)(fraction)}) AS value FROM ${relation}`,
    limit: (rows) => `LIMIT ${(0,dialect/* numberLiteral */.Ty)(Math.trunc(rows))}`,
};

// EXTERNAL MODULE: ./packages/core/src/sql/engine.ts
var engine = __webpack_require__(79918);
// EXTERNAL MODULE: ./packages/core/src/sql/errors.ts
var sql_errors = __webpack_require__(92819);
;// CONCATENATED MODULE: ./packages/core/src/sql/engines/duckdb.ts
/**
 * DuckDB in-process through @duckdb/node-api. `duckdb:<path>` opens the database file READ_ONLY (DuckDB refuses
 * any write); `duckdb:` is an empty in-memory database whose queries read Parquet, CSV or JSON files and object
 * storage (`SELECT * FROM 'data/*.parquet'`). Each query is prepared, so it is one statement with bound values.
 *
 * Memory: the action holds at most 250 MB whatever the row count (CONTRACTS). DuckDB's default is 80% of the
 * machine with a thread (and its buffers) per core: 1.1 GB on 2M rows. So it runs with a buffer pool of
 * MEMORY_LIMIT on THREADS threads and spills what does not fit (hash tables, sorts, materialized CTEs) to a
 * directory of its own under the runner's temp dir, removed on close. A query that still cannot fit (an operator
 * DuckDB cannot spill) is run again with the larger RETRY_MEMORY_LIMITS in turn rather than failing.
 */








// DuckDB's type ids (DuckDBTypeId) as the schema reads them.
const KINDS = {
    BOOLEAN: 'boolean',
    TINYINT: 'integer',
    SMALLINT: 'integer',
    INTEGER: 'integer',
    BIGINT: 'integer',
    HUGEINT: 'integer',
    UTINYINT: 'integer',
    USMALLINT: 'integer',
    UINTEGER: 'integer',
    UBIGINT: 'integer',
    FLOAT: 'number',
    DOUBLE: 'number',
    DECIMAL: 'number',
    VARCHAR: 'string',
    UUID: 'string',
    ENUM: 'string',
    DATE: 'date',
    TIMESTAMP: 'datetime',
    TIMESTAMP_S: 'datetime',
    TIMESTAMP_MS: 'datetime',
    TIMESTAMP_NS: 'datetime',
    TIMESTAMP_TZ: 'datetime',
};
/** DuckDB's buffer pool: the node process (~105 MB) and DuckDB's untracked allocations (~70 MB) come on top. */
const MEMORY_LIMIT = '64MB';
/** One thread: each thread pins its own blocks, and a runner has two cores shared with the rest of the job. */
const THREADS = '1';
/** The buffer pools a query gets in turn when it ran out of memory under MEMORY_LIMIT. */
const RETRY_MEMORY_LIMITS = ['256MB', '2GB'];
/** The settings the instance is created with, spilling into `spill` (a fresh directory). */
function duckdbSettings(spill) {
    return {
        memory_limit: MEMORY_LIMIT,
        threads: THREADS,
        temp_directory: spill,
        // jemalloc hands freed memory back to the system as it goes rather than keeping it (up to 128 MB) for reuse:
        // 2M rows peaked at 346 MB without these two, 256 MB with them
        allocator_flush_threshold: '4MB',
        allocator_background_threads: 'true',
        // and after a large free (a hash table or sort done) at once, not from 512 MB on: 13-23 MB less at the peak
        allocator_bulk_deallocation_flush_threshold: '4MB',
    };
}
async function openDuckdb(connection) {
    const path = connection.path === undefined ? undefined : (0,external_node_path_.resolve)(connection.path);
    if (path !== undefined && !(0,external_node_fs_.existsSync)(path))
        throw (0,errors/* inputError */.Xu)('connection', `the DuckDB database file ${connection.path} does not exist (resolved to ${path}); use duckdb: alone for an in-memory database that reads files.`);
    let api;
    try {
        api = await __webpack_require__.e(/* import() */ 229).then(__webpack_require__.t.bind(__webpack_require__, 15229, 23));
    }
    catch (e) {
        // the bundles ship DuckDB's native library for Linux x64 (glibc) only: GitHub's ubuntu runners
        throw (0,errors/* inputError */.Xu)('connection', `duckdb: needs a Linux x64 runner (the action ships DuckDB's native library for that platform only); this one is ${process.platform}-${process.arch} (${e instanceof Error ? e.message.split('\n')[0] : String(e)}). Use runs-on: ubuntu-latest for this step.`);
    }
    const { DuckDBInstance, DuckDBTypeId, DOUBLE } = api;
    // @duckdb/node-api binds a whole JS number as INTEGER or BIGINT: 1e300 fails (beyond int64) and -0 loses its sign.
    // Those two bind as what they are, doubles; every other value as the client infers it.
    const types = (params) => params.map((v) => (typeof v === 'number' && (Object.is(v, -0) || Math.abs(v) >= 2 ** 63) ? DOUBLE : undefined));
    let instance;
    // the runner's temp dir (RUNNER_TEMP), emptied after each job; never beside the user's database file
    const spill = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(process.env['RUNNER_TEMP'] || (0,external_node_os_.tmpdir)(), 'modelgate-duckdb-'));
    try {
        const settings = duckdbSettings(spill);
        instance =
            path === undefined
                ? await DuckDBInstance.create(':memory:', settings)
                : await DuckDBInstance.create(path, { ...settings, access_mode: 'READ_ONLY' });
    }
    catch (e) {
        (0,external_node_fs_.rmSync)(spill, { recursive: true, force: true });
        throw (0,sql_errors/* sqlError */.R)(connection.display, 'could not open the database', e);
    }
    const conn = await instance.connect();
    let bytes = 0;
    const typeName = (id) => DuckDBTypeId[id] ?? `type ${id}`;
    const once = async (sql, params) => {
        const prepared = await conn.prepare(sql);
        try {
            prepared.bind(params, types(params)); // text binds as VARCHAR, whole numbers as integers
            return await prepared.runAndReadAll();
        }
        finally {
            // now, not when the garbage collector gets to it: a statement holds on to its buffers (read_csv's 30 MB each)
            prepared.destroySync();
        }
    };
    const run = async (sql, params) => {
        try {
            return await once(sql, params);
        }
        catch (e) {
            if (!isOutOfMemory(e))
                throw (0,sql_errors/* sqlError */.R)(connection.display, 'query failed', e, sql);
        }
        // an operator that cannot spill: this query gets larger pools in turn rather than failing, the next ones the
        // cap again
        let last;
        try {
            for (const limit of RETRY_MEMORY_LIMITS) {
                await conn.run(`SET memory_limit = '${limit}'`);
                try {
                    const result = await once(sql, params);
                    log/* warning */.$e(`DuckDB: one query did not fit the ${MEMORY_LIMIT} buffer pool and ran with ${limit}, so the action's memory went past its usual ~250 MB for it; the next queries are capped again.`);
                    return result;
                }
                catch (e) {
                    last = e;
                    if (!isOutOfMemory(e))
                        break;
                }
            }
        }
        finally {
            // back to the cap for the next queries (DuckDB refuses while it holds more; then the next query tries again)
            await conn.run(`SET memory_limit = '${MEMORY_LIMIT}'`).catch(() => undefined);
        }
        throw (0,sql_errors/* sqlError */.R)(connection.display, 'query failed', last, sql);
    };
    return {
        name: 'duckdb',
        dialect: duckdb,
        async query(sql, params = []) {
            const reader = await run(sql, params);
            const names = reader.columnNames();
            const dates = names.map((_, i) => reader.columnTypeId(i) === DuckDBTypeId.DATE);
            const rows = reader.getRowsJS().map((r) => {
                const out = {};
                for (let i = 0; i < names.length; i++) {
                    const v = (0,engine/* plainValue */._y)(r[i]);
                    out[names[i]] = dates[i] && typeof v === 'string' ? v.slice(0, 10) : v;
                }
                return out;
            });
            bytes += (0,engine/* jsonBytes */.yN)(rows);
            return rows;
        },
        async describe(sql) {
            const reader = await run(`SELECT * FROM (${sql}) AS modelgate_columns LIMIT 0`, []);
            return reader.columnNames().map((name, i) => {
                const type = typeName(reader.columnTypeId(i));
                return { name, type, kind: KINDS[type] ?? 'other' };
            });
        },
        async stream(sql, params, each) {
            let rows = 0;
            const prepared = await conn.prepare(sql);
            try {
                prepared.bind(params, types(params));
                const result = await prepared.stream();
                for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
                    for (const row of chunk.getRows())
                        each(row.map(engine/* plainValue */._y));
                    rows += chunk.rowCount;
                    bytes += chunk.rowCount * chunk.columnCount * 8;
                }
            }
            catch (e) {
                throw (0,sql_errors/* sqlError */.R)(connection.display, rows ? 'query failed while streaming' : 'query failed', e, sql);
            }
            finally {
                prepared.destroySync();
            }
        },
        bytesReceived: () => bytes,
        async close() {
            conn.closeSync();
            instance.closeSync();
            (0,external_node_fs_.rmSync)(spill, { recursive: true, force: true });
        },
    };
}
function isOutOfMemory(e) {
    return e instanceof Error && /Out of Memory Error/i.test(e.message);
}


/***/ }),

/***/ 92819:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ sqlError)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(37638);
/**
 * An engine's failure as a user error: what was being done, on which connection (password masked), the engine's
 * own message (made inert: it can quote the data), and the SQL modelgate sent when it helps to see it.
 */

function sqlError(where, what, cause, sql) {
    const message = cause instanceof Error ? cause.message : String(cause);
    const code = cause?.code;
    const detail = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? ` (SQLSTATE ${code})` : '';
    const query = sql ? `\nThe query was:\n${sql.length > 2000 ? `${sql.slice(0, 2000)} \u2026` : sql}` : '';
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${where}: ${what}: ${message}${detail}${query}`, { input: 'connection' });
}


/***/ })

};
