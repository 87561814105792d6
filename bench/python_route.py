#!/usr/bin/env python3
"""The common Python route for the task `cargo bench -p jixiao-tables --bench workbook` times:
write 10,000 target tables in the official layout (100 stacked tables on each of 100 sheets,
merged 一级/二级, borders, wrapped text, a CJK font) with openpyxl, and read a workbook of
10,000 tables back.

    pip install openpyxl pandas
    python3 bench/python_route.py            # RUNS=3 by default (WRITE_RUNS for the write); medians

The tables are the seed's six varied exactly as the Rust benchmark varies them. Reading is
timed on the workbook jixiao wrote (bench-data/tables-10000.xlsx, made by the Rust benchmark)
two ways: openpyxl loading the workbook and resolving merged cells into rows (the part of
jixiao's reading that turns sheets into rows; no table recognition), and pandas.read_excel of
every sheet (values only, merges not resolved). Both do less than jixiao's reader, which also
recognises the tables and builds the documents.
"""

import copy
import json
import os
import statistics
import sys
import time

import openpyxl
import pandas
from openpyxl.styles import Alignment, Border, Font, Side

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLES = 10_000
PER_SHEET = 100
RUNS = int(os.environ.get("RUNS", "3"))
# openpyxl takes minutes per write of 10,000 tables: allow fewer write runs.
WRITE_RUNS = int(os.environ.get("WRITE_RUNS", str(RUNS)))

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
FONT = Font(name="宋体", size=11)
NUMERALS = "一二三四五六七八九十"


def documents():
    with open(os.path.join(ROOT, "samples", "ningxia-waishi-2020.expected.json"), encoding="utf-8") as f:
        seed = json.load(f)
    docs = []
    for i in range(TABLES):
        doc = copy.deepcopy(seed[i % len(seed)])
        if doc.get("project"):
            p = doc["project"]
            p["name"] = f"{p['name']}{i + 1}"
            total = 100 + (i * 37) % 900
            p["funds"].update(total=total, fiscal=total, other=0)
        else:
            doc["department"] = f"{doc['department']}{i + 1}"
        for k, ind in enumerate(doc["indicators"]):
            if ind["target"].endswith("%"):
                ind["target"] = f"大于{50 + (i + k) % 50}%"
        docs.append(doc)
    return docs


def numbered(items):
    return "\n".join(f"({NUMERALS[i % 10]}) {t}" for i, t in enumerate(items))


def put(ws, r, c, value, rows=1, cols=1):
    cell = ws.cell(row=r, column=c, value=value)
    cell.border, cell.alignment, cell.font = BOX, WRAP, FONT
    if rows > 1 or cols > 1:
        ws.merge_cells(start_row=r, start_column=c, end_row=r + rows - 1, end_column=c + cols - 1)


def runs(inds, key):
    out, start = [], 0
    for i in range(1, len(inds) + 1):
        if i == len(inds) or key(inds[i]) != key(inds[start]):
            out.append((start, i - start))
            start = i
    return out


def write_table(ws, top, doc):
    """The same layout jixiao writes (write/layout.rs), for the seed's two kinds of table."""
    r = top
    put(ws, r, 1, doc["title"], cols=5)
    r += 1
    inds = doc["indicators"]
    if doc["kind"] == "project":
        p = doc["project"]
        put(ws, r, 1, "项目名称"), put(ws, r, 2, p["name"], cols=4)
        put(ws, r + 1, 1, "主管部门"), put(ws, r + 1, 2, doc["department"])
        put(ws, r + 1, 3, "实施单位"), put(ws, r + 1, 4, p["implementer"], cols=2)
        put(ws, r + 2, 1, "项目属性"), put(ws, r + 2, 2, p["attribute"])
        put(ws, r + 2, 3, "项目期"), put(ws, r + 2, 4, p["period"], cols=2)
        put(ws, r + 3, 1, "项目资金 (万元)", rows=3)
        for i, (label, key) in enumerate([("年度资金总额", "total"), ("其中：财政拨款", "fiscal"), ("其他资金", "other")]):
            put(ws, r + 3 + i, 2, label, cols=2), put(ws, r + 3 + i, 4, p["funds"][key], cols=2)
        put(ws, r + 6, 1, "绩效目标"), put(ws, r + 6, 2, numbered(doc.get("goals", [])), cols=4)
        r += 7
        for c, h in enumerate(["类别", "一级指标", "二级指标", "三级指标", "指标值"], start=1):
            put(ws, r, c, h)
        r += 1
        put(ws, r, 1, "绩效指标", rows=len(inds))
        first, col = r, 2
        for i, ind in enumerate(inds):
            put(ws, r + i, 4, ind["name"]), put(ws, r + i, 5, ind["target"])
    else:
        put(ws, r, 1, "部门名称及代码"), put(ws, r, 2, doc["department"], cols=4)
        put(ws, r + 1, 1, "部门职责绩效目标"), put(ws, r + 1, 2, numbered(doc.get("duties", [])), cols=4)
        r += 2
        put(ws, r, 1, "一级指标", rows=2), put(ws, r, 2, "二级指标", rows=2), put(ws, r, 3, "三级指标", cols=3)
        for c, h in enumerate(["财政政策性绩效目标", "部门预算绩效目标", "部门指标值"], start=3):
            put(ws, r + 1, c, h)
        r += 2
        first, col = r, 1
        for i, ind in enumerate(inds):
            put(ws, r + i, 3, ind.get("policy_target", "")), put(ws, r + i, 4, ind["name"]), put(ws, r + i, 5, ind["target"])
    for start, n in runs(inds, lambda x: x["level1"]):
        put(ws, first + start, col, inds[start]["level1"], rows=n)
    for start, n in runs(inds, lambda x: (x["level1"], x["level2"])):
        put(ws, first + start, col + 1, inds[start]["level2"], rows=n)
    return first + len(inds)


def write(docs, path):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for s in range(0, len(docs), PER_SHEET):
        ws = wb.create_sheet(f"表{s // PER_SHEET + 1}")
        for col, width in zip("ABCDE", [17, 20, 20, 30, 16]):
            ws.column_dimensions[col].width = width
        ws.page_setup.paperSize = 9
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        row = 1
        for doc in docs[s : s + PER_SHEET]:
            row = write_table(ws, row, doc) + 2
    wb.save(path)


def read_openpyxl(path):
    """Rows of (row, col, text, continued) with merged cells resolved, as jixiao's grid."""
    wb = openpyxl.load_workbook(path)
    count = 0
    for ws in wb.worksheets:
        origin = {}
        for rng in ws.merged_cells.ranges:
            top = ws.cell(row=rng.min_row, column=rng.min_col).value
            for r in range(rng.min_row + 1, rng.max_row + 1):
                origin[(r, rng.min_col)] = top
        for row in ws.iter_rows():
            cells = []
            for cell in row:
                if cell.value is not None:
                    cells.append((cell.row, cell.column, str(cell.value), False))
                elif (cell.row, cell.column) in origin:
                    cells.append((cell.row, cell.column, str(origin[(cell.row, cell.column)]), True))
            count += len(cells)
    return count


def read_pandas(path):
    frames = pandas.read_excel(path, sheet_name=None, header=None)
    return sum(int(f.count().sum()) for f in frames.values())


def timed(fn, *args, runs=None):
    times = []
    for _ in range(runs or RUNS):
        start = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    docs = documents()
    out = os.path.join(ROOT, "bench-data")
    os.makedirs(out, exist_ok=True)
    mine = os.path.join(out, "tables-10000-openpyxl.xlsx")
    jixiao = os.path.join(out, "tables-10000.xlsx")
    print(f"python {sys.version.split()[0]}, openpyxl {openpyxl.__version__}, pandas {pandas.__version__}")
    print(f"openpyxl write xlsx:          median {timed(write, docs, mine, runs=WRITE_RUNS):.2f} s of {WRITE_RUNS}")
    if not os.path.exists(jixiao):
        sys.exit("bench-data/tables-10000.xlsx missing: run `cargo bench -p jixiao-tables --bench workbook` first")
    print(f"openpyxl read + merges:       median {timed(read_openpyxl, jixiao):.2f} s of {RUNS}")
    print(f"pandas.read_excel all sheets: median {timed(read_pandas, jixiao):.2f} s of {RUNS}")


if __name__ == "__main__":
    main()
