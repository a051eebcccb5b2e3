export const id = 752;
export const ids = [752];
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

/***/ 1752:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  openBigquery: () => (/* binding */ openBigquery)
});

// EXTERNAL MODULE: ./packages/core/src/sql/dialect.ts
var dialect = __webpack_require__(13480);
;// CONCATENATED MODULE: ./packages/core/src/sql/dialects/bigquery.ts
/**
 * BigQuery (GoogleSQL): `@p0` named parameters, backquoted identifiers, RE2 regular expressions. Its only quantile
 * aggregate is APPROX_QUANTILES (not exact; the error is the engine's); exact percentiles are analytic functions.
 */

/** `` `name` `` with backslash escapes, as GoogleSQL's quoted identifiers. */
function backquoted(name) {
    if (name.includes('\0'))
        throw new Error('an identifier cannot contain a NUL character');
    return `\`${name.replace(/[\\`]/g, (c) => `\\${c}`)}\``;
}
const bigquery = {
    engine: 'bigquery',
    identifier: backquoted,
    param: (index) => `@p${index}`,
    regexContains: (text, pattern) => `REGEXP_CONTAINS(${text}, ${pattern})`,
    textLength: (text) => `CHAR_LENGTH(${text})`,
    toDouble: (expr) => `CAST(${expr} AS FLOAT64)`,
    toText: (expr) => `CAST(${expr} AS STRING)`,
    isFinite: (expr) => `(NOT IS_NAN(${expr}) AND NOT IS_INF(${expr}))`,
    countIf: (condition) => `COUNTIF(${condition})`,
    quantiles: (expr, buckets) => `APPROX_QUANTILES(${expr}, ${(0,dialect/* numberLiteral */.Ty)(buckets)})`,
    exactQuantiles: false,
    quantilesQuery: (relation, expr, _count, buckets) => ({
        sql: `SELECT APPROX_QUANTILES(${expr}, ${(0,dialect/* numberLiteral */.Ty)(buckets)}) AS value FROM ${relation}`,
        read: (rows) => (rows[0]?.['value'] ?? []).map(Number),
    }),
    // PERCENTILE_CONT is analytic only in BigQuery: computed over the whole relation, then one row taken
    percentileQuery: (relation, expr, fraction) => `SELECT ANY_VALUE(value) AS value FROM (SELECT PERCENTILE_CONT(${expr}, ${(0,dialect/* numberLiteral */.Ty)(fraction)}) OVER () AS value FROM ${relation})`,
    limit: (rows) => `LIMIT ${(0,dialect/* numberLiteral */.Ty)(Math.trunc(rows))}`,
};

// EXTERNAL MODULE: ./packages/core/src/sql/engine.ts
var engine = __webpack_require__(79918);
// EXTERNAL MODULE: ./packages/core/src/sql/errors.ts
var errors = __webpack_require__(92819);
;// CONCATENATED MODULE: ./packages/core/src/sql/engines/bigquery.ts



const KINDS = {
    BOOL: 'boolean',
    BOOLEAN: 'boolean',
    INT64: 'integer',
    INTEGER: 'integer',
    FLOAT64: 'number',
    FLOAT: 'number',
    NUMERIC: 'number',
    BIGNUMERIC: 'number',
    STRING: 'string',
    DATE: 'date',
    DATETIME: 'datetime',
    TIMESTAMP: 'datetime',
};
/** A value of the client's rows: BigQueryDate/Timestamp/Datetime objects carry their text in `value`. */
function bigqueryValue(v) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && 'value' in v) {
        const text = String(v.value);
        return text.replace(/\.000Z$|Z$/, '');
    }
    if (Array.isArray(v))
        return v.map(bigqueryValue);
    return (0,engine/* plainValue */._y)(v);
}
async function openBigquery(connection) {
    const { BigQuery } = await Promise.all(/* import() */[__webpack_require__.e(351), __webpack_require__.e(87)]).then(__webpack_require__.bind(__webpack_require__, 50676));
    const client = new BigQuery({
        projectId: connection.project,
        ...(connection.location ? { location: connection.location } : {}),
    });
    let bytes = 0;
    const run = async (sql, params) => {
        // values as text with their GoogleSQL type, as the API describes QueryParameterValue.value (the client would
        // send a bare JSON number otherwise)
        const named = {};
        const types = {};
        params.forEach((p, i) => {
            named[`p${i}`] = String(p);
            types[`p${i}`] =
                typeof p === 'number'
                    ? Number.isSafeInteger(p)
                        ? 'INT64'
                        : 'FLOAT64'
                    : typeof p === 'boolean'
                        ? 'BOOL'
                        : 'STRING';
        });
        try {
            const [rows, , response] = (await client.query({
                query: sql,
                params: named,
                types,
                useLegacySql: false,
                ...(connection.location ? { location: connection.location } : {}),
            }));
            return { rows, schema: response?.schema?.fields ?? [] };
        }
        catch (e) {
            throw (0,errors/* sqlError */.R)(connection.display, 'query failed', e, sql);
        }
    };
    return {
        name: 'bigquery',
        dialect: bigquery,
        async query(sql, params = []) {
            const { rows } = await run(sql, params);
            const out = rows.map((r) => {
                const o = {};
                for (const [k, v] of Object.entries(r))
                    o[k] = bigqueryValue(v);
                return o;
            });
            bytes += (0,engine/* jsonBytes */.yN)(out);
            return out;
        },
        async describe(sql) {
            const { schema } = await run(`SELECT * FROM (${sql}) AS modelgate_columns LIMIT 0`, []);
            return schema.map((f) => ({ name: f.name, type: f.type, kind: KINDS[f.type] ?? 'other' }));
        },
        bytesReceived: () => bytes,
        async close() { },
    };
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
