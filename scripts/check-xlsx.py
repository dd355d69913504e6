"""Reads a qindex tables.xlsx with an independent reader and prints a JSON
summary for the tests: openpyxl when it is installed (scripts/test.sh puts it
in .build/pyenv), otherwise Python's own zipfile and XML parser.

    python3 scripts/check-xlsx.py out/sample/tables.xlsx
"""
import json, sys, zipfile

path = sys.argv[1]
out = {"zip_ok": zipfile.ZipFile(path).testzip() is None}
try:
    import warnings
    warnings.simplefilter("error")  # a malformed part must fail, not warn
    import openpyxl
    wb = openpyxl.load_workbook(path)
    out["reader"] = "openpyxl " + openpyxl.__version__
    out["sheets"] = wb.sheetnames
    first = wb[wb.sheetnames[0]]
    out["freeze"] = first.freeze_panes
    out["autofilter"] = first.auto_filter.ref
    out["header"] = [c.value for c in first[1]]
    out["rows"] = first.max_row
    cells = {}
    for name in wb.sheetnames:
        ws = wb[name]
        for c in ws[2] if ws.max_row >= 2 else []:
            header = ws.cell(row=1, column=c.column).value
            cells[f"{name}!{header}"] = {"value": c.value, "type": c.data_type, "format": c.number_format}
    out["row2"] = cells
except ImportError:
    import xml.etree.ElementTree as ET
    z = zipfile.ZipFile(path)
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    wbx = ET.fromstring(z.read("xl/workbook.xml"))
    out["reader"] = "python zipfile + xml.etree"
    out["sheets"] = [s.get("name") for s in wbx.find("m:sheets", ns)]
    s1 = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    pane = s1.find(".//m:pane", ns)
    out["freeze"] = pane.get("topLeftCell") if pane is not None else None
    af = s1.find("m:autoFilter", ns)
    out["autofilter"] = af.get("ref") if af is not None else None
    rows = s1.findall(".//m:row", ns)
    out["header"] = ["".join(t.text or "" for t in c.iter("{%s}t" % ns["m"])) for c in rows[0]]
    out["rows"] = len(rows)
print(json.dumps(out, ensure_ascii=False, default=str))
