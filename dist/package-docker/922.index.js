export const id = 922;
export const ids = [922];
export const modules = {

/***/ 35922:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   openParquet: () => (/* binding */ openParquet)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(46466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(38522);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_zlib__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var hyparquet__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(51609);
/* harmony import */ var hyparquet__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(96367);
/* harmony import */ var hyparquet__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(43720);
/* harmony import */ var hyparquet_compressors__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(20138);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(37638);
/* harmony import */ var _gzip_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(5564);
/* harmony import */ var _runner_environment_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(93209);
/**
 * Parquet reader over hyparquet (+ hyparquet-compressors for gzip, zstd, brotli, lz4). Reads one row group at a
 * time through a file-backed AsyncBuffer, so memory holds one row group of the selected columns, never the file.
 * Cells: numbers, booleans, strings; INT64 as a number when it is exact, else its decimal text; DATE as
 * `YYYY-MM-DD`; timestamps as ISO 8601 text; nested values as JSON text; null.
 */










/** Dates and timestamps straight to text, so no Date object is made per cell. */
const parsers = {
    dateFromDays: (days) => isoDate(days * 86_400_000).slice(0, 10),
    timestampFromMilliseconds: (ms) => isoDate(Number(ms)),
    timestampFromMicroseconds: (us) => isoDate(Number(us / 1000n)),
    timestampFromNanoseconds: (ns) => isoDate(Number(ns / 1000000n)),
};
/** Opens a Parquet file (a `.parquet.gz` is first gunzipped to a temporary file: Parquet needs random access). */
async function openParquet(path, display) {
    const local = (0,_gzip_js__WEBPACK_IMPORTED_MODULE_7__/* .isGzip */ .bf)(path) ? await gunzipToTemp(path, display) : path;
    const file = await (0,hyparquet__WEBPACK_IMPORTED_MODULE_9__/* .asyncBufferFromFile */ .Rv)(local).catch((e) => {
        throw (0,_gzip_js__WEBPACK_IMPORTED_MODULE_7__/* .readError */ .lS)(e, display);
    });
    let metadata;
    try {
        metadata = await (0,hyparquet__WEBPACK_IMPORTED_MODULE_10__/* .parquetMetadataAsync */ .Ei)(file);
    }
    catch (e) {
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .fileError */ .zS)(`not a valid Parquet file (${e.message})`, display);
    }
    const columns = (0,hyparquet__WEBPACK_IMPORTED_MODULE_10__/* .parquetSchema */ .YR)(metadata).children.map((child) => child.element.name);
    if (Number(metadata.num_rows) === 0)
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .fileError */ .zS)('the file has no data rows', display);
    return {
        file: display,
        columns,
        batches: (select, batchSize) => parquetBatches(file, metadata, display, columns, select, batchSize),
    };
}
async function* parquetBatches(file, metadata, display, columns, select, batchSize) {
    const names = select.map((i) => columns[i]);
    const unique = [...new Set(names)];
    let groupStart = 0;
    for (const group of metadata.row_groups) {
        const groupRows = Number(group.num_rows);
        const cells = new Map(unique.map((name) => [name, new Array(groupRows)]));
        try {
            await (0,hyparquet__WEBPACK_IMPORTED_MODULE_11__/* .parquetRead */ .bA)({
                file,
                metadata,
                columns: unique,
                rowStart: groupStart,
                rowEnd: groupStart + groupRows,
                compressors: hyparquet_compressors__WEBPACK_IMPORTED_MODULE_5__/* .compressors */ .Vm,
                parsers,
                onChunk({ columnName, columnData, rowStart }) {
                    const out = cells.get(columnName);
                    if (!out)
                        return;
                    const offset = rowStart - groupStart;
                    for (let i = 0; i < columnData.length; i++)
                        out[offset + i] = toCell(columnData[i]);
                },
            });
        }
        catch (e) {
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .fileError */ .zS)(`cannot read the Parquet data (${e.message})`, display);
        }
        for (let r = 0; r < groupRows; r += batchSize) {
            const length = Math.min(batchSize, groupRows - r);
            const columnsOut = names.map((name) => cells.get(name).slice(r, r + length));
            const start = groupStart + r;
            yield { start, length, columns: columnsOut, file: display, fileStart: start };
        }
        groupStart += groupRows;
    }
}
/** A decoded Parquet value as a cell. */
function toCell(value) {
    switch (typeof value) {
        case 'number':
        case 'string':
        case 'boolean':
            return value;
        case 'bigint':
            return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : value.toString();
        case 'undefined':
            return null;
        default:
            if (value === null)
                return null;
            if (value instanceof Date)
                return isoDate(value.getTime());
            if (value instanceof Uint8Array)
                return Buffer.from(value).toString('base64');
            return JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v));
    }
}
/** ISO 8601 text of a time in ms; the number itself when it is beyond what Date can show. */
function isoDate(ms) {
    const date = new Date(ms);
    return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString();
}
const TEMP_DIRS = new Set();
/** Gunzips to a temporary file, removed when the process exits. */
async function gunzipToTemp(path, display) {
    const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,_runner_environment_js__WEBPACK_IMPORTED_MODULE_8__/* .runnerTemp */ .X5)(), 'modelgate-parquet-'));
    const target = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'data.parquet');
    if (TEMP_DIRS.size === 0)
        process.once('exit', () => TEMP_DIRS.forEach((d) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(d, { recursive: true, force: true })));
    TEMP_DIRS.add(dir);
    try {
        await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_3__.pipeline)((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(path), (0,node_zlib__WEBPACK_IMPORTED_MODULE_4__.createGunzip)(), (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createWriteStream)(target));
    }
    catch (e) {
        throw (0,_gzip_js__WEBPACK_IMPORTED_MODULE_7__/* .readError */ .lS)(e, display);
    }
    return target;
}


/***/ })

};
