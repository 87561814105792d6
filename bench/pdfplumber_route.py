"""The common Python route for PDF tables, timed on the same PDF fixtures as jixiao's
`cargo bench -p jixiao-bench --bench read_pdf`: pdfplumber's `page.extract_tables()` (the grid
from ruling lines) on every page, without recognising the target tables in the rows.

    pip install pdfplumber && python3 bench/pdfplumber_route.py
"""
import glob
import os
import statistics
import time

import pdfplumber

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
files = sorted(f for f in glob.glob(os.path.join(ROOT, "fixtures/pdf/*.pdf")) if os.path.basename(f).count(".") == 2)


def run():
    pages = 0
    for f in files:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                pages += 1
    return pages


times = []
for _ in range(3):
    start = time.process_time()
    pages = run()
    times.append(time.process_time() - start)
median = statistics.median(times)
print(f"pdfplumber: {len(files)} PDFs, {pages} pages; median CPU time {median:.2f} s = {pages / median:.1f} pages/s")
