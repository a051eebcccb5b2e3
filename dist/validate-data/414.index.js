export const id = 414;
export const ids = [414];
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

/***/ 91414:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  openPostgres: () => (/* binding */ openPostgres)
});

// EXTERNAL MODULE: ./packages/core/src/sql/dialect.ts
var dialect = __webpack_require__(13480);
;// CONCATENATED MODULE: ./packages/core/src/sql/dialects/postgresql.ts
/** PostgreSQL: `$1` parameters, POSIX regular expressions (`~`), ordered-set aggregates for exact quantiles. */

const postgresql = {
    engine: 'postgresql',
    identifier: dialect/* doubleQuoted */.UN,
    param: (index) => `$${index + 1}`,
    // PostgreSQL's advanced regular expressions accept RE2's common syntax (classes, \d \w \s, {m,n}, (?:\u2026)); the
    // pattern is bound as text, so it is never parsed as SQL
    regexContains: (text, pattern) => `(${text} ~ ${pattern})`,
    textLength: (text) => `char_length(${text})`,
    toDouble: (expr) => `CAST(${expr} AS double precision)`,
    toText: (expr) => `CAST(${expr} AS text)`,
    isFinite: (expr) => `(${expr} NOT IN ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8))`,
    countIf: (condition) => `count(*) FILTER (WHERE ${condition})`,
    quantiles: (expr, buckets) => `percentile_disc(ARRAY[${(0,dialect/* rankFractions */.gY)(buckets).join(',')}]::float8[]) WITHIN GROUP (ORDER BY ${expr})`,
    exactQuantiles: true,
    quantilesQuery: dialect/* rankedQuantilesQuery */.OU,
    percentileQuery: (relation, expr, fraction) => `SELECT percentile_cont(${(0,dialect/* numberLiteral */.Ty)(fraction)}) WITHIN GROUP (ORDER BY ${expr}) AS value FROM ${relation}`,
    limit: (rows) => `LIMIT ${(0,dialect/* numberLiteral */.Ty)(Math.trunc(rows))}`,
};

// EXTERNAL MODULE: ./packages/core/src/sql/errors.ts
var errors = __webpack_require__(92819);
;// CONCATENATED MODULE: ./packages/core/src/sql/engines/postgresql.ts


// Type OIDs (pg_type) and how their values are read: counts and sizes as numbers, doubles as numbers (NaN and
// Infinity included), dates and timestamps as their text (no time zone shift), arrays by pg's own parsers.
const KINDS = {
    16: ['boolean', 'boolean'],
    20: ['bigint', 'integer'],
    21: ['smallint', 'integer'],
    23: ['integer', 'integer'],
    700: ['real', 'number'],
    701: ['double precision', 'number'],
    1700: ['numeric', 'number'],
    25: ['text', 'string'],
    1043: ['character varying', 'string'],
    1042: ['character', 'string'],
    19: ['name', 'string'],
    2950: ['uuid', 'string'],
    1082: ['date', 'date'],
    1114: ['timestamp', 'datetime'],
    1184: ['timestamp with time zone', 'datetime'],
};
function exactNumber(text) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : text;
}
function typeParser(defaultParser) {
    return (oid) => {
        if (oid === 20)
            return exactNumber;
        if (oid === 1700)
            return Number;
        if (oid === 1082)
            return (t) => t;
        if (oid === 1114 || oid === 1184)
            return (t) => t.replace(' ', 'T');
        return defaultParser(oid);
    };
}
async function openPostgres(connection) {
    const { default: pg } = await __webpack_require__.e(/* import() */ 849).then(__webpack_require__.bind(__webpack_require__, 83849));
    const config = {
        connectionString: connection.url,
        application_name: 'modelgate',
        types: { getTypeParser: typeParser((oid) => pg.types.getTypeParser(oid)) },
    };
    const client = new pg.Client(config);
    client.on('error', () => { }); // a dropped connection fails the query in flight; nothing more to report
    try {
        await client.connect();
        await client.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    }
    catch (e) {
        await client.end().catch(() => { });
        throw (0,errors/* sqlError */.R)(connection.display, 'could not connect', e);
    }
    // the socket's byte count: what crossed the wire from the server, TLS included when sslmode asks for it
    const socket = client.connection.stream;
    let closedBytes = 0;
    let closed = false;
    return {
        name: 'postgresql',
        dialect: postgresql,
        async query(sql, params = []) {
            try {
                // the extended protocol always (even without parameters): one statement per query, never a script
                const r = await client.query({ text: sql, values: params, queryMode: 'extended' });
                return r.rows;
            }
            catch (e) {
                throw (0,errors/* sqlError */.R)(connection.display, 'query failed', e, sql);
            }
        },
        async describe(sql) {
            try {
                const r = await client.query({
                    text: `SELECT * FROM (${sql}) AS modelgate_columns LIMIT 0`,
                    queryMode: 'extended',
                });
                return r.fields.map((f) => {
                    const [type, kind] = KINDS[f.dataTypeID] ?? [`type ${f.dataTypeID}`, 'other'];
                    return { name: f.name, type, kind };
                });
            }
            catch (e) {
                throw (0,errors/* sqlError */.R)(connection.display, 'query failed', e, sql);
            }
        },
        bytesReceived: () => (closed ? closedBytes : socket.bytesRead),
        async close() {
            if (closed)
                return;
            closedBytes = socket.bytesRead;
            closed = true;
            await client.query('ROLLBACK').catch(() => { });
            await client.end().catch(() => { });
        },
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
