"""Translates GoogleSQL (BigQuery) to DuckDB's SQL with sqlglot, for the BigQuery stand-in.

Reads JSON lines {"sql": ...} on stdin, writes JSON lines {"sql": ...} or {"error": ...}. Besides sqlglot's own
translation, rewrites what Debian's sqlglot does not map: named parameters (@p0 -> $p0, bound by DuckDB),
APPROX_QUANTILES(x, n) (-> DuckDB's exact quantile_disc over the n + 1 fractions), IS_NAN, IS_INF, CHAR_LENGTH
and VARIANCE_POP.
"""
import json
import sys

import sqlglot
from sqlglot import exp


# GoogleSQL functions Debian's sqlglot passes through unchanged, and their DuckDB names
RENAMED = {"IS_NAN": "isnan", "IS_INF": "isinf", "CHAR_LENGTH": "length"}


def rewrite(node):
    # `project.dataset.table` in one pair of backquotes is one path in GoogleSQL, three parts in DuckDB
    if isinstance(node, exp.Table) and "." in node.name and not node.args.get("db"):
        parts = node.name.split(".")
        ident = lambda p: exp.Identifier(this=p, quoted=True)  # noqa: E731
        table = exp.Table(this=ident(parts[-1]), db=ident(parts[-2]) if len(parts) > 1 else None)
        if len(parts) > 2:
            table.set("catalog", ident(parts[-3]))
        if node.alias:
            table.set("alias", node.args.get("alias"))
        return table
    if isinstance(node, exp.Anonymous) and node.name.upper() in RENAMED:
        return exp.Anonymous(this=RENAMED[node.name.upper()], expressions=node.expressions)
    if isinstance(node, exp.Anonymous) and node.name.upper() == "APPROX_QUANTILES":
        value, buckets = node.expressions
        n = int(buckets.name)
        fractions = exp.Array(expressions=[exp.Literal.number(repr(i / n)) for i in range(n + 1)])
        return exp.Anonymous(this="quantile_disc", expressions=[value, fractions])
    if isinstance(node, exp.Parameter):
        return exp.Var(this="$" + node.name)
    return node


for line in sys.stdin:
    try:
        sql = json.loads(line)["sql"]
        tree = sqlglot.parse_one(sql, read="bigquery").transform(rewrite)
        out = tree.sql(dialect="duckdb").replace("VARIANCE_POP(", "VAR_POP(")
        print(json.dumps({"sql": out}), flush=True)
    except Exception as e:  # noqa: BLE001 - the error goes back to the client as BigQuery's would
        print(json.dumps({"error": f"{type(e).__name__}: {e}"}), flush=True)
